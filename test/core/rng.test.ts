import { describe, it, expect } from 'vitest';
import { createRng, RngStreams, type Rng } from '../../sim/core/rng.ts';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('createRng', () => {
  it('gives the same sequence for the same seed and stream', () => {
    expect(draws(createRng(42, 'faults'), 20)).toEqual(draws(createRng(42, 'faults'), 20));
  });

  it('gives different sequences for different stream names or seeds', () => {
    const base = draws(createRng(42, 'faults'), 20);
    expect(draws(createRng(42, 'placement'), 20)).not.toEqual(base);
    expect(draws(createRng(43, 'faults'), 20)).not.toEqual(base);
  });

  it('draws uniforms in [0, 1) and integers in [0, n)', () => {
    const rng = createRng(1, 'ranges');
    const uniforms = draws(rng, 10_000);
    const ints = Array.from({ length: 10_000 }, () => rng.int(7));
    expect(uniforms.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(ints.every((k) => Number.isInteger(k) && k >= 0 && k < 7)).toBe(true);
    expect(new Set(ints).size).toBe(7);
  });

  it('draws exponentials with the requested mean over 1e5 draws', () => {
    const rng = createRng(1, 'exp');
    const n = 100_000;
    const meanMs = 1000;
    let sum = 0;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(meanMs);
      if (!(x >= 0 && Number.isFinite(x))) bad++;
      sum += x;
    }
    expect(bad).toBe(0);
    // The standard error of the mean is meanMs / sqrt(n), about 3.2 ms: 1 % is six of them.
    expect(Math.abs(sum / n - meanMs)).toBeLessThan(0.01 * meanMs);
  });
});

describe('RngStreams', () => {
  it('hands out the same stream object for the same name, so draws continue', () => {
    const streams = new RngStreams(5);
    const first = streams.stream('a').next();
    const second = streams.stream('a').next();
    expect(streams.stream('a')).toBe(streams.stream('a'));
    expect([first, second]).toEqual(draws(createRng(5, 'a'), 2));
  });

  it('never changes a stream when another stream is created or drawn from', () => {
    const alone = draws(new RngStreams(9).stream('migration'), 30);
    const streams = new RngStreams(9);
    const migration = streams.stream('migration');
    const mixed: number[] = [];
    for (let i = 0; i < 30; i++) {
      streams.stream(`extra-${i}`).exponential(10);
      streams.stream('faults').int(100);
      mixed.push(migration.next());
    }
    expect(mixed).toEqual(alone);
  });
});
