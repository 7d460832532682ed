// Splitting one sweep over several machines: shard I of N (1-based, as people count machines)
// runs the run indices i with i % N === I - 1. Interleaving rather than blocks keeps the shards
// equally long even when run cost drifts with the index, and a run's seed depends only on its
// index, so the parts merge into exactly the sweep one machine would have run.

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Bound on shards: more than this many machines for one sweep is a typo. */
export const SHARDS_MAX = 10_000;

/** `I/N` as a shard, or why it is not one. */
export function parseShard(text: string): { shard: Shard } | { error: string } {
  const match = /^\s*([0-9]+)\s*\/\s*([0-9]+)\s*$/.exec(text);
  if (!match) return { error: `expected I/N such as 1/4, got '${text}'` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > SHARDS_MAX) return { error: `N must be between 1 and ${SHARDS_MAX}, got ${count}` };
  if (index < 1 || index > count) return { error: `I must be between 1 and N (${count}), got ${index}` };
  return { shard: { index, count } };
}

export function inShard(run: number, shard: Shard): boolean {
  return run % shard.count === shard.index - 1;
}

/** The run indices of `shard` among 0..runs-1, ascending; every run when no shard is given. */
export function shardRuns(runs: number, shard?: Shard): number[] {
  const out: number[] = [];
  const step = shard?.count ?? 1;
  for (let i = (shard?.index ?? 1) - 1; i < runs; i += step) out.push(i);
  return out;
}

/** `sweep-part-2-of-4.json`. */
export function partFileName(shard: Shard): string {
  return `sweep-part-${shard.index}-of-${shard.count}.json`;
}
