import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inShard, parseShard, partFileName, shardRuns } from '../../sim/sweep/shard.ts';

describe('parseShard', () => {
  it('reads I/N with I counted from 1', () => {
    expect(parseShard('2/4')).toEqual({ shard: { index: 2, count: 4 } });
    expect(parseShard('1/1')).toEqual({ shard: { index: 1, count: 1 } });
  });

  it('refuses a shard beyond N, shard 0, zero shards and other text', () => {
    for (const text of ['3/2', '0/2', '1/0', 'x', '1/2/3', '-1/2']) expect(parseShard(text), text).toHaveProperty('error');
  });
});

describe('shardRuns', () => {
  it('interleaves: shard 2 of 3 runs indices 1, 4, 7', () => {
    expect(shardRuns(9, { index: 2, count: 3 })).toEqual([1, 4, 7]);
    expect(shardRuns(3)).toEqual([0, 1, 2]);
  });

  it('covers every run index exactly once over the N shards, in balanced shares', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 40 }), (runs, count) => {
        const parts = Array.from({ length: count }, (_, i) => shardRuns(runs, { index: i + 1, count }));
        expect(parts.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: runs }, (_, i) => i));
        const sizes = parts.map((p) => p.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        parts.forEach((p, i) => expect(p.every((run) => inShard(run, { index: i + 1, count }))).toBe(true));
      }),
    );
  });

  it('names the part file after its shard', () => {
    expect(partFileName({ index: 2, count: 4 })).toBe('sweep-part-2-of-4.json');
  });
});
