// Slow tier: a statistical validation of thousands of runs (`npm run test:slow`).
// Validation against theory (the item 7): a year of random disk failures for one 2-way and
// one 3-way replicated volume, compared with the MTTDL formulas of platform-facts §8.1. Failure
// rates are raised (MTTF of a few hundred hours) so that losses are frequent enough to count in a
// few thousand short runs, while lambda x MTTR stays small, where the formulas hold.
//
// Each disk fails at rate lambda = AFR/100 per year and is replaced after R (the replacement, plus a
// 17-second rebuild of the 1 GiB volume). With one disk per host and hard anti-affinity, a lost copy
// can only be rebuilt onto the replacement disk, so the window of vulnerability is R.
// - 2 copies: loss rate 2 lambda^2 R, i.e. MTTDL = MTTF^2 / (2 MTTR) (§8.1, one mirror pair).
// - 3 copies: §8.1's MTTF^3 / (6 MTTR^2) is the Markov result with one repair at a time; here every
//   failed disk is replaced on its own clock (repairs in parallel), which halves the time the set
//   spends with two copies down: loss rate 3 lambda^3 R^2, MTTDL = MTTF^3 / (3 MTTR^2).
// The probability of losing the volume within the year is 1 - exp(-T / MTTDL); the test asserts it
// lies in the 95 % Wilson interval of the simulated fraction (seeds 1..n, so the result is fixed).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const YEAR_H = 8766;

function lossFraction(copies: number, afrPercent: number, runs: number): number {
  const scenario = scenarioFrom(`
name: mttdl
platform: harvester
until: ${YEAR_H}h
hosts: [{ group: n, count: ${copies}, cores: 8, memoryGiB: 64, nicGbps: 10, disks: { count: 1, sizeTiB: 1 } }]
vms: [{ group: v, count: 1, vcpus: 1, memoryGiB: 1, workingSetGiB: 0.5, diskGiB: 1 }]
storage: { replicas: ${copies} }
failures: { diskAfrPercent: ${afrPercent}, hostAfrPercent: 0, diskReplace: 10h, hostRepair: 1d }
`);
  let lost = 0;
  for (let seed = 1; seed <= runs; seed++) if (runScenario(scenario, { seed }).summary.storage.volumesLost > 0) lost++;
  return lost / runs;
}

function wilson(p: number, n: number, z = 1.959964): [number, number] {
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [centre - half, centre + half];
}

/** R in hours: the 10 h replacement plus the rebuild of 1 GiB at Longhorn's 58 MiB/s stream. */
const R_H = 10 + 1024 / 58 / 3600;

describe('durability against the MTTDL formulas', () => {
  it('2-way replication: the simulated loss probability over a year matches MTTF^2 / (2 MTTR)', () => {
    const afr = 876.6; // MTTF = 1,000 h
    const mttf = YEAR_H / (afr / 100);
    const mttdl = mttf ** 2 / (2 * R_H);
    const expected = 1 - Math.exp(-YEAR_H / mttdl);
    const runs = 1000;
    const [low, high] = wilson(lossFraction(2, afr, runs), runs);
    expect(expected).toBeGreaterThanOrEqual(low);
    expect(expected).toBeLessThanOrEqual(high);
  });

  it('3-way replication: the simulated loss probability matches MTTF^3 / (3 MTTR^2) with parallel repair', () => {
    const afr = 2922; // MTTF = 300 h
    const mttf = YEAR_H / (afr / 100);
    const mttdl = mttf ** 3 / (3 * R_H ** 2);
    const expected = 1 - Math.exp(-YEAR_H / mttdl);
    const runs = 1500;
    const simulated = lossFraction(3, afr, runs);
    const [low, high] = wilson(simulated, runs);
    expect(expected).toBeGreaterThanOrEqual(low);
    expect(expected).toBeLessThanOrEqual(high);
    // The one-repair-at-a-time formula of §8.1 predicts twice the loss rate, outside the interval.
    const serial = 1 - Math.exp(-YEAR_H / (mttf ** 3 / (6 * R_H ** 2)));
    expect(serial).toBeGreaterThan(high);
  });
});
