// Writing a run's results: DIR/summary.json and DIR/events.jsonl. Both are written to temporary
// files in DIR first and renamed into place only when both are complete, so an interrupted or
// failed write never leaves a half-written result that looks like a finished one. events.jsonl
// is written in chunks: a long run can hold millions of events, too many for one string.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { eventLine, type TraceEvent } from '../core/trace.ts';
import type { Summary } from '../summary.ts';

export interface OutputPaths {
  dir: string;
  summary: string;
  events: string;
}

const EVENTS_PER_WRITE = 4096;

/** `out/<file name without extension>/`, relative to the working directory. */
export function defaultOutDir(scenarioFile: string): string {
  return join('out', basename(scenarioFile, extname(scenarioFile)));
}

export function writeRunOutput(dir: string, summary: Summary, events: readonly TraceEvent[], pid: number): OutputPaths {
  mkdirSync(dir, { recursive: true });
  const paths: OutputPaths = { dir, summary: join(dir, 'summary.json'), events: join(dir, 'events.jsonl') };
  const tmpSummary = join(dir, `.summary.json.${pid}.tmp`);
  const tmpEvents = join(dir, `.events.jsonl.${pid}.tmp`);
  try {
    writeEvents(tmpEvents, events);
    writeAll(tmpSummary, JSON.stringify(summary, null, 2) + '\n');
    // Events first: a summary.json on disk means its events.jsonl is complete too.
    renameSync(tmpEvents, paths.events);
    renameSync(tmpSummary, paths.summary);
  } catch (error) {
    rmSync(tmpEvents, { force: true });
    rmSync(tmpSummary, { force: true });
    throw error;
  }
  return paths;
}

function writeEvents(file: string, events: readonly TraceEvent[]): void {
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < events.length; i += EVENTS_PER_WRITE) {
      const chunk = events.slice(i, i + EVENTS_PER_WRITE).map(eventLine).join('\n') + '\n';
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
}

function writeAll(file: string, text: string): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
