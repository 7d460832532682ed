// Writing a run's results: DIR/summary.json and DIR/events.jsonl. Events are streamed to a
// temporary file as the run emits them (a long run has millions, too many to hold), buffered into
// large writes; both files are renamed into place only when the run is complete, so an interrupted
// or failed run never leaves a half-written result that looks like a finished one. A signal removes
// the temporaries (cleanup.ts), and stale ones of dead processes are swept when the next run starts.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Summary } from '../summary.ts';
import { removeOnSignal, sweepStaleTemps } from './cleanup.ts';

export interface OutputPaths {
  dir: string;
  summary: string;
  events: string;
}

/** Buffered bytes (roughly, in UTF-16 units) before a write: large writes, bounded memory. */
const FLUSH_CHARS = 1 << 20;

/** `out/<file name without extension>/`, relative to the working directory. */
export function defaultOutDir(scenarioFile: string): string {
  return join('out', basename(scenarioFile, extname(scenarioFile)));
}

export class RunOutput {
  readonly paths: OutputPaths;
  private readonly tmpEvents: string;
  private readonly tmpSummary: string;
  private fd: number | undefined;
  private buffer: string[] = [];
  private buffered = 0;
  private readonly forget: (() => void)[];

  /** Creates DIR and opens the temporary events file (throws the fs error if it cannot). */
  constructor(dir: string, pid: number) {
    mkdirSync(dir, { recursive: true });
    sweepStaleTemps(dir);
    this.paths = { dir, summary: join(dir, 'summary.json'), events: join(dir, 'events.jsonl') };
    this.tmpEvents = join(dir, `.events.jsonl.${pid}.tmp`);
    this.tmpSummary = join(dir, `.summary.json.${pid}.tmp`);
    this.forget = [removeOnSignal(this.tmpEvents), removeOnSignal(this.tmpSummary)];
    this.fd = openSync(this.tmpEvents, 'w');
  }

  /** One events.jsonl line (without its newline). */
  event(line: string): void {
    this.buffer.push(line);
    this.buffered += line.length + 1;
    if (this.buffered >= FLUSH_CHARS) this.flush();
  }

  /** Writes summary.json and renames both files into place (events first: a summary on disk means its events are complete). */
  commit(summary: Summary): OutputPaths {
    try {
      this.flush();
      closeSync(this.fd!);
      this.fd = undefined;
      const fd = openSync(this.tmpSummary, 'w');
      try {
        writeSync(fd, JSON.stringify(summary, null, 2) + '\n');
      } finally {
        closeSync(fd);
      }
      renameSync(this.tmpEvents, this.paths.events);
      renameSync(this.tmpSummary, this.paths.summary);
      for (const f of this.forget) f();
    } catch (error) {
      this.abort();
      throw error;
    }
    return this.paths;
  }

  /** Removes the temporary files (the run failed or was interrupted). */
  abort(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.tmpEvents, { force: true });
    rmSync(this.tmpSummary, { force: true });
    for (const f of this.forget) f();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd!, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.buffered = 0;
  }
}
