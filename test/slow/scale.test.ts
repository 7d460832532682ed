// Large scenarios end to end: they finish, every host of the rollout completes, nothing is left
// unplaced, every figure is finite, and a worker thread computes the same trace. Timings are not
// asserted here: `npm run bench:scenarios` measures them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/simulation.ts';
import type { Summary } from '../../sim/summary.ts';
import { summaryMetrics } from '../../sim/sweep/metrics.ts';
import { scenarioFrom } from '../support/scenario.ts';

/**
 * The scale case's shape at `hosts` hosts: 20 VMs per host, 100 racks, 1 % of the hosts (one rack)
 * in maintenance at once.
 */
function scaleCase(hosts: number): string {
  return readFileSync('scenarios/scale-2000-hosts.yaml', 'utf8')
    .replace('count: 2000,', `count: ${hosts},`)
    .replace('count: 40000,', `count: ${hosts * 20},`)
    .replace('concurrency: 20,', `concurrency: ${Math.max(1, hosts / 100)},`)
    .replace('hostsPerRack: 20 }', `hostsPerRack: ${Math.max(1, hosts / 100)} }`)
    .replace('maxParallelPerCluster: 200,', `maxParallelPerCluster: ${Math.max(5, hosts / 10)},`);
}

/**
 * Runs to the end a budget of events at a time, yielding between budgets: a long synchronous run
 * would starve the test worker's own messages (vitest times them out).
 */
async function run(text: string, file: string): Promise<Summary> {
  const sim = createSimulation(scenarioFrom(text, file));
  while (!sim.done) {
    sim.step(200_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sim.summary();
}

function expectSane(summary: Summary, hosts: number) {
  expect(summary.maintenance.hostsCompleted).toBe(hosts);
  expect(summary.vms.unplaced).toBe(0);
  for (const [name, value] of summaryMetrics(summary)) expect(Number.isFinite(value), name).toBe(true);
}

describe('large scenarios', () => {
  it('the scale case at 200 Ceph hosts and 4,000 VMs runs its month: every host updated', async () => {
    const summary = await run(scaleCase(200), 'scale-200.yaml');
    expect(summary.stopReason).toBe('until');
    expect(summary.storage.volumes).toBe(4000);
    expectSane(summary, 200);
    // ok-to-stop with racks as failure domains: the rollout never takes a PG below min_size (without
    // the check, hosts of two racks stopping together blocked ~94,000 volume-hours).
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
  });

  it('replay-500-hosts runs to the end with both racks updated', async () => {
    const file = 'scenarios/replay-500-hosts.yaml';
    const summary = await run(readFileSync(file, 'utf8'), file);
    expectSane(summary, 100);
    expect(summary.storage.volumesLost).toBe(0);
  });
});
