import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/model/cluster.ts';
import { place, refusalReason } from '../../sim/placement/place.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

function cluster(yaml: string): Cluster {
  const s = scenarioFrom(yaml);
  return new Cluster(s, s.parameters);
}

const base = `
name: t
platform: vsphere
hosts: [{ group: h, count: 3, cores: 8, memoryGiB: 64 }]
vms: [{ group: v, count: 1, vcpus: 2, memoryGiB: 8 }]
`;

describe('placement', () => {
  it('rejects a host without the memory for the VM plus its overhead, and says how much is free', () => {
    const c = cluster(base);
    const vm = c.vm('v-001');
    const h1 = c.host('h-01');
    h1.usedMiB = h1.allocatableMiB - vm.footprintMiB + 1;
    const d = place({ cluster: c, admission: false }, vm);
    expect(d.rejected).toEqual([{ host: 'h-01', reason: expect.stringMatching(/^memory: needs 8\.\d GiB, 8\.\d GiB free$/) }]);
    expect(d.host).not.toBe('h-01');
  });

  it('applies the vCPU overcommit of the profile to usable cores', () => {
    const c = cluster(base.replace('count: 1, vcpus: 2', 'count: 1, vcpus: 2') + 'policies: { placement: { vcpuOvercommit: 1 } }');
    const h = c.host('h-01');
    h.usedVcpus = Math.floor(h.usableCores) - 1;
    const d = place({ cluster: c, admission: false }, c.vm('v-001'));
    expect(d.rejected?.find((r) => r.host === 'h-01')?.reason).toMatch(/^cpu: /);
  });

  it('breaks score ties towards the lowest host id', () => {
    const c = cluster(base);
    const d = place({ cluster: c, admission: false }, c.vm('v-001'));
    expect(d.candidates.map((x) => x.score)).toEqual([d.candidates[0].score, d.candidates[0].score, d.candidates[0].score]);
    expect(d.candidates.map((x) => x.host)).toEqual(['h-01', 'h-02', 'h-03']);
    expect(d.host).toBe('h-01');
  });

  it('spreads VMs by free memory and records every candidate with its score', () => {
    const { events } = runScenario(scenarioFrom(base.replace('count: 1, vcpus', 'count: 6, vcpus')), { keepEvents: true });
    const hosts = events.filter((e) => e.type === 'vm.place').map((e) => e.host);
    expect(hosts).toEqual(['h-01', 'h-02', 'h-03', 'h-01', 'h-02', 'h-03']);
    const first = events.find((e) => e.type === 'vm.place')!;
    expect((first.candidates as unknown[]).length).toBe(3);
  });

  it('counts VMs that fit nowhere as unplaced, with an event naming them and why', () => {
    const yaml = base.replace('count: 1, vcpus: 2, memoryGiB: 8', 'count: 10, vcpus: 2, memoryGiB: 20');
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true });
    const unplaced = events.filter((e) => e.type === 'vm.unplaced');
    expect(summary.vms.unplaced).toBe(unplaced.length);
    expect(unplaced.length).toBeGreaterThan(0);
    expect((unplaced[0].rejected as { reason: string }[])[0].reason).toMatch(/memory/);
    expect(unplaced[0].reason).toMatch(/^no host fits v-\d+: memory on 3 \(e\.g\. h-01: memory: needs/);
    expect(summary.capacity.allocatedMemoryGiB).toBeLessThanOrEqual(summary.capacity.allocatableMemoryGiB);
  });

  it('HA admission control refuses placements that would eat the failover reserve', () => {
    const yaml = `
name: t
platform: vsphere
hosts: [{ group: h, count: 2, cores: 8, memoryGiB: 64 }]
vms: [{ group: v, count: 4, vcpus: 2, memoryGiB: 16, memoryReservationGiB: 16 }]
`;
    const c = cluster(yaml);
    const reasons: string[] = [];
    for (const id of c.vmIds) {
      const d = place({ cluster: c, admission: true }, c.vm(id));
      if (d.host === undefined) {
        reasons.push(refusalReason(d));
        continue;
      }
      c.assign(c.vm(id), d.host);
      c.setVmStatus(c.vm(id), 'running');
    }
    // 2 hosts, F = 1: at most half of (2 x (64 - host overhead)) GiB may be reserved.
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons[0]).toMatch(/HA admission control/);
  });
});
