// `hcisim merge PART...`: the parts of a sweep split with --shard (one per machine, or per pod of
// a Kubernetes Indexed Job) combined into the sweep.json and sweep.csv that one unsharded sweep
// would have written, byte for byte apart from `timing`. Parts of different sweeps, a shard
// missing or given twice, or a part cut short are user mistakes: exit 2, nothing written.
import { dirname } from 'node:path';
import { summarizeSweep } from '../sweep/aggregate.ts';
import { sweepCsvLines } from '../sweep/csv.ts';
import { mergeParts } from '../sweep/part.ts';
import type { Io } from './commands.ts';
import { EXIT_OK, UserError } from './errors.ts';
import { formatSweep } from './sweep-format.ts';
import { writeSweepOutput, type SweepTiming } from './sweep-output.ts';
import { readText } from './read.ts';

export interface MergeFlags {
  out?: string;
  quiet?: boolean;
}

/** sweep.json's `timing` after a merge: each shard's own. */
interface MergedTiming {
  shards: ({ shard: string } & Partial<SweepTiming>)[];
}

export function mergeCommand(files: readonly string[], flags: MergeFlags, io: Io): number {
  const inputs = files.map((name) => ({ name, json: readJson(name) }));
  const merged = mergeParts(inputs);
  if (!merged.ok) throw new UserError(merged.errors.map((e) => `hcisim: ${e}`));
  const report = summarizeSweep(merged.definition, merged.data);
  const timing: MergedTiming = { shards: inputs.map(shardTiming).sort((a, b) => a.index - b.index).map((t) => t.timing) };
  const dir = flags.out ?? dirname(files[0]);
  const paths = writeSweepOutput(dir, { ...report, timing }, sweepCsvLines(merged.definition, merged.data), io.pid);
  if (!flags.quiet) io.out(formatSweep(report, undefined, paths));
  return EXIT_OK;
}

function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch {
    throw new UserError(`hcisim: ${file}: not a sweep part (not JSON; was it cut short?)`);
  }
}

/** A part's shard and wall-clock figures, read loosely: timing is informative, never checked. */
function shardTiming(input: { json: unknown }): { index: number; timing: MergedTiming['shards'][number] } {
  const part = input.json as { shard: { index: number; count: number }; timing?: Partial<SweepTiming> };
  const { workers, wallSeconds, runsPerSecond } = part.timing ?? {};
  return { index: part.shard.index, timing: { shard: `${part.shard.index}/${part.shard.count}`, workers, wallSeconds, runsPerSecond } };
}
