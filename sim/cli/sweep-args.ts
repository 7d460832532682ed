// Flag values of `hcisim sweep`: --runs, --workers, --shard and each --set. A bad value is a user
// mistake that commander reports as one line (exit 2) before anything runs, so these throw
// commander's InvalidArgumentError saying what was expected.
import { InvalidArgumentError } from 'commander';
import { parseSet } from '../sweep/grid.ts';
import { parseShard, type Shard } from '../sweep/shard.ts';

/** Runs per combination; sweeps hold every run's figures in memory, hence a bound. */
export const RUNS_MAX = 1_000_000;
/** Worker threads: more than this is a typo, not a machine. */
export const WORKERS_MAX = 1024;

function boundedInteger(value: string, max: number): number {
  const n = /^[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number.');
  if (n < 1) throw new InvalidArgumentError('must be at least 1.');
  if (n > max) throw new InvalidArgumentError(`must be at most ${max}.`);
  return n;
}

export const parseRuns = (value: string): number => boundedInteger(value, RUNS_MAX);
export const parseWorkers = (value: string): number => boundedInteger(value, WORKERS_MAX);

export function parseShardFlag(value: string): Shard {
  const parsed = parseShard(value);
  if ('error' in parsed) throw new InvalidArgumentError(`${parsed.error}.`);
  return parsed.shard;
}

/** Commander's collector for the repeatable --set: checks the syntax, keeps the text. */
export function collectSet(value: string, previous: string[] | undefined): string[] {
  const parsed = parseSet(value);
  if ('error' in parsed) throw new InvalidArgumentError(`${parsed.error}.`);
  return [...(previous ?? []), value];
}
