// The single-file HTML report: the built viewer (dist/index.html, scripts inlined) with one run's
// trace, summary and hash inside it, so the file replays that run with no server and no network.
// The trace is events.jsonl gzipped and base64-encoded (the page inflates it with the browser's
// DecompressionStream); base64 has no '<', and the JSON meta escapes it, so neither can end the
// <script> element that carries it.
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import type { Summary } from '../summary.ts';
import { UserError } from './errors.ts';

export const TRACE_ELEMENT = 'hcisim-report-trace';
export const META_ELEMENT = 'hcisim-report-meta';

export interface ReportMeta {
  summary: Summary;
  traceHash: string;
  fileName: string;
  guide: string;
}

export function reportHtml(viewerHtml: string, eventLines: readonly string[], meta: ReportMeta): { html: string; traceBytes: number } {
  const trace = gzipSync(Buffer.from(eventLines.join('\n'), 'utf8'), { level: 9 }).toString('base64');
  const json = JSON.stringify(meta).replace(/</g, '\\u003c');
  const payload =
    `<script type="application/octet-stream" id="${TRACE_ELEMENT}" data-encoding="gzip+base64">${trace}</script>\n` +
    `<script type="application/json" id="${META_ELEMENT}">${json}</script>\n`;
  const at = viewerHtml.lastIndexOf('</body>');
  if (at < 0) throw new Error('the viewer has no </body>: build it with npm run build');
  return { html: viewerHtml.slice(0, at) + payload + viewerHtml.slice(at), traceBytes: trace.length };
}

/** The built viewer: dist/index.html at the package root (two levels above sim/cli, three above lib/sim/cli). */
export function readViewer(): string {
  const path = new URL(import.meta.url.endsWith('.ts') ? '../../dist/index.html' : '../../../dist/index.html', import.meta.url);
  if (!existsSync(path)) throw new UserError('hcisim: --html needs the built viewer (dist/index.html): run npm run build');
  return readFileSync(path, 'utf8');
}
