// Writing a sweep's results: DIR/sweep.json and DIR/sweep.csv, or one shard's
// DIR/sweep-part-I-of-N.json. As with `run`, each file goes to a temporary name first and is
// renamed into place when complete (the CSV before the JSON: a sweep.json on disk means its
// sweep.csv is whole), so an interrupted sweep never leaves a result that looks finished. The
// temporaries are hidden (`.sweep.json.PID.tmp`), removed on a signal and swept once stale (cleanup.ts).
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SweepReport } from '../sweep/aggregate.ts';
import type { SweepPart } from '../sweep/part.ts';
import { partFileName } from '../sweep/shard.ts';
import { removeOnSignal, sweepStaleTemps } from './cleanup.ts';
import { describeFsError, UserError } from './errors.ts';

/** Wall-clock figures, kept apart from the statistics: they differ between identical sweeps. */
export interface SweepTiming {
  workers: number;
  wallSeconds: number;
  runsPerSecond: number;
}

export interface SweepPaths {
  json: string;
  csv: string;
}

const LINES_PER_WRITE = 4096;

export function writeSweepOutput(dir: string, report: SweepReport & { timing: unknown }, csvLines: readonly string[], pid: number): SweepPaths {
  const paths: SweepPaths = { json: join(dir, 'sweep.json'), csv: join(dir, 'sweep.csv') };
  atomically(dir, [
    { path: paths.csv, pid, lines: csvLines },
    { path: paths.json, pid, lines: [JSON.stringify(report, null, 2)] },
  ]);
  return paths;
}

export function writePart(dir: string, part: SweepPart & { timing: SweepTiming }, pid: number): string {
  const path = join(dir, partFileName(part.shard));
  atomically(dir, [{ path, pid, lines: partLines(part) }]);
  return path;
}

/** The part as JSON with one row per line: readable, diffable, and written in chunks however many runs it holds. */
function partLines(part: SweepPart & { timing: SweepTiming }): string[] {
  const { rows, ...head } = part;
  const headText = JSON.stringify(head, null, 2);
  const last = rows.length - 1;
  return [
    headText.slice(0, headText.lastIndexOf('}')).trimEnd() + ',',
    '  "rows": [',
    ...rows.map((r, i) => `    ${JSON.stringify(r)}${i < last ? ',' : ''}`),
    '  ]',
    '}',
  ];
}

interface PendingFile {
  path: string;
  pid: number;
  lines: readonly string[];
}

/** Writes every file to a temporary name, then renames them in order; on failure removes the temporaries. */
function atomically(dir: string, files: readonly PendingFile[]): void {
  const temps = files.map((f) => join(dirname(f.path), `.${basename(f.path)}.${f.pid}.tmp`));
  const forget = temps.map(removeOnSignal);
  try {
    mkdirSync(dir, { recursive: true });
    sweepStaleTemps(dir);
    files.forEach((f, i) => writeLines(temps[i], f.lines));
    files.forEach((f, i) => renameSync(temps[i], f.path));
  } catch (error) {
    for (const t of temps) rmSync(t, { force: true });
    throw new UserError(`hcisim: cannot write to ${dir}: ${describeFsError(error)}`);
  } finally {
    for (const f of forget) f();
  }
}

function writeLines(file: string, lines: readonly string[]): void {
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < lines.length; i += LINES_PER_WRITE) writeSync(fd, lines.slice(i, i + LINES_PER_WRITE).join('\n') + '\n');
  } finally {
    closeSync(fd);
  }
}
