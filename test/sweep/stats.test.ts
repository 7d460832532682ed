import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distribution, estimateProbability, percentile, wilsonInterval, Z95 } from '../../sim/sweep/stats.ts';

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('percentile', () => {
  it('takes the nearest rank: p95 of 1..20 is the 19th value, p99 the 20th, p50 the 10th', () => {
    const xs = oneTo(20);
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile(xs, 99)).toBe(20);
    expect(percentile(xs, 50)).toBe(10);
  });

  it('returns the only value of a single run for every p', () => {
    for (const p of [1, 50, 95, 99, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('refuses an empty list rather than inventing a value', () => {
    expect(() => percentile([], 50)).toThrow();
  });

  it('is the smallest value with at least p % of the values at or below it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), fc.constantFrom(50, 95, 99), (xs, p) => {
        const sorted = [...xs].sort((a, b) => a - b);
        const v = percentile(sorted, p);
        const atOrBelow = (x: number) => sorted.filter((y) => y <= x).length;
        expect(atOrBelow(v) * 100).toBeGreaterThanOrEqual(p * sorted.length);
        for (const smaller of sorted.filter((y) => y < v)) expect(atOrBelow(smaller) * 100).toBeLessThan(p * sorted.length);
      }),
    );
  });
});

describe('distribution', () => {
  it('gives the mean, the sample standard deviation and the extremes', () => {
    const d = distribution([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(d.mean).toBe(5);
    expect(d.stdev).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(d).toMatchObject({ min: 2, max: 9, p50: 4, p95: 9, p99: 9 });
  });

  it('gives a standard deviation of 0 for one run', () => {
    expect(distribution([3])).toEqual({ mean: 3, stdev: 0, min: 3, p50: 3, p95: 3, p99: 3, max: 3 });
  });

  it('does not depend on the order of the values, except for rounding of the mean', () => {
    const xs = [0.1, 0.7, 0.2, 5, 3, 0.3];
    const a = distribution(xs);
    const b = distribution([...xs].reverse());
    expect({ ...a, mean: 0, stdev: 0 }).toEqual({ ...b, mean: 0, stdev: 0 });
    expect(a.mean).toBeCloseTo(b.mean, 12);
  });
});

describe('wilsonInterval', () => {
  it('matches the hand-computed interval for 3 of 10 and 12 of 1000', () => {
    // (p + z^2/2n  +-  z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n), computed by hand with z = 1.959964.
    const [low, high] = wilsonInterval(3, 10);
    expect(low).toBeCloseTo(0.107791, 6);
    expect(high).toBeCloseTo(0.603222, 6);
    const [low2, high2] = wilsonInterval(12, 1000);
    expect(low2).toBeCloseTo(0.0068776, 7);
    expect(high2).toBeCloseTo(0.0208573, 7);
  });

  it('gives [0, z^2 / (n + z^2)] for 0 of n: no loss seen still bounds the probability', () => {
    const [low, high] = wilsonInterval(0, 20);
    expect(low).toBe(0);
    expect(high).toBeCloseTo((Z95 * Z95) / (20 + Z95 * Z95), 12);
    expect(high).toBeCloseTo(0.161125, 6);
    expect(wilsonInterval(0, 1000)[1]).toBeCloseTo(0.0038268, 7);
  });

  it('gives [n / (n + z^2), 1] for n of n', () => {
    const [low, high] = wilsonInterval(20, 20);
    expect(high).toBe(1);
    expect(low).toBeCloseTo(20 / (20 + Z95 * Z95), 12);
  });

  it('always holds the estimate and stays within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const k = Math.round(share * n);
        const [low, high] = wilsonInterval(k, n);
        expect(low).toBeGreaterThanOrEqual(0);
        expect(high).toBeLessThanOrEqual(1);
        expect(low).toBeLessThanOrEqual(k / n + 1e-15);
        expect(high).toBeGreaterThanOrEqual(k / n - 1e-15);
      }),
    );
  });

  it('refuses k outside 0..n or no runs', () => {
    expect(() => wilsonInterval(3, 2)).toThrow();
    expect(() => wilsonInterval(0, 0)).toThrow();
  });

  it('is what estimateProbability reports beside k / n', () => {
    expect(estimateProbability(3, 10)).toEqual({ estimate: 0.3, ci95: wilsonInterval(3, 10) });
  });
});
