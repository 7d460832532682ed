// Safety properties over random small clusters and schedules: whatever the platform, sizes and
// faults, no invariant checker fires after any event (migration concurrency limits, host capacity,
// VM location, anti-affinity, NIC capacity), and every rollout on an ample cluster completes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const arbScenario = fc.record({
  platform: fc.constantFrom('vsphere', 'harvester', 'openstack', 'baremetal'),
  hosts: fc.integer({ min: 2, max: 6 }),
  nicGbps: fc.constantFrom(1, 10, 25),
  vms: fc.integer({ min: 1, max: 30 }),
  memoryGiB: fc.constantFrom(2, 4, 8, 16),
  dirty: fc.integer({ min: 0, max: 400 }),
  concurrency: fc.integer({ min: 1, max: 3 }),
  failAtMin: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  failHost: fc.integer({ min: 1, max: 2 }),
  antiAffinity: fc.boolean(),
});

describe('safety properties', () => {
  it('migration limits, capacity, placement and NIC invariants hold after every event', () => {
    fc.assert(
      fc.property(arbScenario, (s) => {
        const fail = s.failAtMin === undefined ? '' : `\n  - { at: ${s.failAtMin}m, do: failHost, host: h-0${s.failHost}, repairAfter: 3h }`;
        const yaml = `
name: prop
platform: ${s.platform}
until: 2d
hosts: [{ group: h, count: ${s.hosts}, cores: 32, memoryGiB: 256, nicGbps: ${s.nicGbps} }]
vms:
  - { group: v, count: ${s.vms}, vcpus: 2, memoryGiB: ${s.memoryGiB}, dirtyRateMiBps: ${s.dirty}, workingSetGiB: 1 }
  - { group: a, count: ${s.antiAffinity ? Math.min(2, s.hosts) : 0}, vcpus: 1, memoryGiB: 2, antiAffinity: grp }
schedule:
  - { at: 30m, do: rollingMaintenance, hosts: "h-*", concurrency: ${s.concurrency}, workDuration: 15m }${fail}
`;
        const result = runScenario(scenarioFrom(yaml.replace(/  - \{ group: a, count: 0,[^\n]*\n/, '')), { check: true });
        expect(result.violations).toEqual([]);
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});
