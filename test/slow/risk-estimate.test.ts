// The data-loss estimate against counting, where failures are frequent enough for counting to
// resolve the probability: disks at 1,000 % AFR and rebuilds throttled to 2 MiB/s (50 GiB takes
// 7 h), so about 7 % of 30-day runs lose a volume. The estimate integrates each run's short windows;
// counting sees the losses the runs actually drew. Both must agree within their 95 % intervals.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { meanProbability, wilsonInterval } from '../../sim/sweep/stats.ts';
import { scenarioFrom } from '../support/scenario.ts';

const yaml = (seed: number) => `name: frequent failures
platform: harvester
seed: ${seed}
until: 30d
hosts: [{ group: node, count: 4, disks: { count: 2, sizeTiB: 1 } }]
storage: { replicas: 2 }
policies: { storage: { rebuildStreamMiBps: 2 } }
vms: [{ group: app, count: 6, memoryGiB: 8, diskGiB: 50 }]
failures: { diskAfrPercent: 1000, hostAfrPercent: 0, diskReplace: 24h, hostRepair: 2d }
`;

const overlap = (a: [number, number], b: [number, number]) => a[0] <= b[1] && b[0] <= a[1];

describe('the data-loss estimate against counted losses', () => {
  it('agrees with the share of 1,000 runs that lost data, and with the mean volumes lost, within their 95 % intervals', () => {
    const runs = 1000;
    const estimated: number[] = [], expectedLost: number[] = [], lost: number[] = [];
    for (let seed = 1; seed <= runs; seed++) {
      const { storage } = runScenario(scenarioFrom(yaml(seed))).summary;
      estimated.push(storage.risk.lossProbability);
      expectedLost.push(storage.risk.expectedVolumesLost);
      lost.push(storage.volumesLost);
    }
    const withLoss = lost.filter((n) => n > 0).length;
    const counted = wilsonInterval(withLoss, runs);
    const estimate = meanProbability(estimated);
    // Counting resolves it: a few percent, with an interval well away from 0.
    expect(counted[0]).toBeGreaterThan(0.02);
    expect(overlap(counted, estimate.ci95), `counted ${withLoss}/${runs} ${counted} vs estimated ${estimate.estimate} ${estimate.ci95}`).toBe(true);
    const meanLost = meanProbability(lost.map((n) => n / 6));
    const meanExpected = meanProbability(expectedLost.map((n) => n / 6));
    expect(overlap(meanLost.ci95, meanExpected.ci95), `lost ${meanLost.ci95} vs expected ${meanExpected.ci95}`).toBe(true);
  }, 600_000);
});
