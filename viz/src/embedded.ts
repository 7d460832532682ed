// A report page carries its run: the trace (gzip + base64) and the summary, put there by
// viz/report/embed.ts. Reading it needs no worker and no network: DecompressionStream is built in.
import type { Summary } from '../../sim/summary.ts';
import type { TraceEvent } from './replay/state.ts';

export interface EmbeddedRun {
  events: TraceEvent[];
  summary: Summary;
  traceHash: string;
  fileName: string;
  guide: string;
}

export const hasEmbeddedRun = () => document.getElementById('hcisim-report-trace') !== null;

export async function readEmbeddedRun(): Promise<EmbeddedRun> {
  const base64 = document.getElementById('hcisim-report-trace')!.textContent!.trim();
  const meta = JSON.parse(document.getElementById('hcisim-report-meta')!.textContent!) as Omit<EmbeddedRun, 'events'>;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  const text = await new Response(stream).text();
  const events = text.split('\n').map((line) => JSON.parse(line) as TraceEvent);
  return { ...meta, events };
}
