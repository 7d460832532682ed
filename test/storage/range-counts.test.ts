import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialQuantile } from '../../sim/storage/binomial.ts';
import { RangeCounts } from '../../sim/storage/range-counts.ts';

/** The same counts kept one position at a time. */
function naiveAdd(counts: number[], from: number, length: number, delta: number): number[] {
  const crossed: number[] = [];
  for (let k = 0; k < Math.min(length, counts.length); k++) {
    const p = (from + k) % counts.length;
    if (counts[p] === (delta > 0 ? 0 : 1)) crossed.push(p);
    counts[p] += delta;
  }
  return crossed.sort((a, b) => a - b);
}

describe('range counts', () => {
  it('report exactly the positions whose count reaches or leaves zero, as a position-by-position count does', () => {
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 70 }),
      ranges: fc.array(fc.record({ from: fc.nat(1000), length: fc.nat(80) }), { minLength: 1, maxLength: 30 }),
      order: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    });
    fc.assert(
      fc.property(arb, ({ n, ranges, order }) => {
        const tree = new RangeCounts(n);
        const counts = new Array<number>(n).fill(0);
        // Every range is added, then removed, in an interleaving drawn from `order` (counts stay >= 0).
        const open: { from: number; length: number }[] = [];
        const pending = ranges.map((r) => ({ from: r.from % n, length: r.length }));
        for (let step = 0; pending.length + open.length > 0; step++) {
          const adding = open.length === 0 || (pending.length > 0 && (order[step % order.length] & 1) === 0);
          const pick = order[step % order.length] % (adding ? pending.length : open.length);
          const r = adding ? pending.splice(pick, 1)[0] : open.splice(pick, 1)[0];
          if (adding) open.push(r);
          const crossed: number[] = [];
          tree.addRange(r.from, r.length, adding ? 1 : -1, crossed);
          expect(crossed.sort((a, b) => a - b)).toEqual(naiveAdd(counts, r.from, r.length, adding ? 1 : -1));
          for (let p = 0; p < n; p++) expect(tree.count(p)).toBe(counts[p]);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('binomial quantile', () => {
  it('has the mean n q and variance n q (1 - q) of Binomial(n, q)', () => {
    for (const [n, q] of [[40_000, 0.0477], [300, 0.0606], [12, 0.5], [5, 0.999]] as const) {
      const draw = binomialQuantile(n, q);
      const ks = Array.from({ length: 20_000 }, (_, i) => draw((i + 0.5) / 20_000));
      const mean = ks.reduce((a, b) => a + b, 0) / ks.length;
      const variance = ks.reduce((a, k) => a + (k - mean) ** 2, 0) / ks.length;
      expect(mean).toBeCloseTo(n * q, 1);
      expect(Math.abs(variance - n * q * (1 - q))).toBeLessThan(0.01 * n * q * (1 - q) + 0.01);
      expect(Math.min(...ks)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...ks)).toBeLessThanOrEqual(n);
    }
  });

  it('is n when every volume is in every PG and 0 when none is', () => {
    expect(binomialQuantile(7, 1)(0.3)).toBe(7);
    expect(binomialQuantile(7, 0)(0.3)).toBe(0);
  });
});
