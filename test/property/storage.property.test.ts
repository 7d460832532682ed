// Storage safety properties over random clusters, failures and rollouts (the item 9): after
// every event, copies of a set never share a host (nor a rack when racks are given and enough exist),
// current copies never exceed the configured count, rebuild slots never exceed their per-node limits,
// NIC rates never exceed capacity, and a lost volume never comes back. Checked by the invariant
// observer (sim/invariants), which fails the run on the first violation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const platforms = [
  { platform: 'harvester', storage: 'longhorn' },
  { platform: 'vsphere', storage: 'vsan' },
  { platform: 'openstack', storage: 'ceph' },
  { platform: 'vsphere', storage: 'local' },
] as const;

const arbCase = fc.record({
  p: fc.constantFrom(...platforms),
  hosts: fc.integer({ min: 3, max: 6 }),
  racks: fc.boolean(),
  disks: fc.integer({ min: 1, max: 3 }),
  vms: fc.integer({ min: 2, max: 14 }),
  replicas: fc.integer({ min: 1, max: 3 }),
  diskGiB: fc.constantFrom(10, 50, 200),
  events: fc.array(
    fc.record({
      kind: fc.constantFrom('failDisk', 'failHost', 'rollout'),
      atMin: fc.integer({ min: 1, max: 600 }),
      host: fc.integer({ min: 1, max: 3 }),
      disk: fc.integer({ min: 0, max: 2 }),
      repairMin: fc.integer({ min: 1, max: 240 }),
    }),
    { maxLength: 4 },
  ),
});

type Case = typeof arbCase extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(c: Case): string {
  const replicas = c.p.storage === 'local' ? 1 : c.replicas;
  const hostLines = c.racks
    ? [1, 2, 3].map((r) => `  - { group: r${r}h, count: ${Math.max(1, Math.floor(c.hosts / 3))}, cores: 32, memoryGiB: 256, nicGbps: 10, rack: r${r}, disks: { count: ${c.disks}, sizeTiB: 2 } }`)
    : [`  - { group: h, count: ${c.hosts}, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: ${c.disks}, sizeTiB: 2 } }`];
  const hostName = (i: number) => (c.racks ? `r${((i - 1) % 3) + 1}h-01` : `h-0${i}`);
  const schedule = c.events.map((e) => {
    if (e.kind === 'failDisk') return `  - { at: ${e.atMin}m, do: failDisk, host: ${hostName(e.host)}, disk: ${e.disk % c.disks}, replaceAfter: ${e.repairMin}m }`;
    if (e.kind === 'failHost') return `  - { at: ${e.atMin}m, do: failHost, host: ${hostName(e.host)}, repairAfter: ${e.repairMin}m }`;
    return `  - { at: ${e.atMin}m, do: rollingMaintenance, hosts: "*", concurrency: 1, workDuration: ${e.repairMin}m }`;
  });
  return `
name: prop
platform: ${c.p.platform}
until: 3d
hosts:
${hostLines.join('\n')}
storage: { kind: ${c.p.storage}, replicas: ${replicas} }
vms: [{ group: v, count: ${c.vms}, vcpus: 2, memoryGiB: 4, workingSetGiB: 1, diskGiB: ${c.diskGiB}, diskWriteMiBps: 2 }]
schedule:
${schedule.length ? schedule.join('\n') : '  []'}
`;
}

describe('storage safety properties', () => {
  it('anti-affinity, copy counts, rebuild limits, NIC capacity and lost-stays-lost hold after every event', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const result = runScenario(scenarioFrom(yamlOf(c)), { keepEvents: true, check: true });
        expect(result.violations).toEqual([]);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});
