import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/model/cluster.ts';
import { FULL_RECORD_HOSTS_MAX, PLACEMENT_TOP_K } from '../../sim/placement/decision.ts';
import { FILTERS } from '../../sim/placement/filters.ts';
import { place, refusalReason } from '../../sim/placement/place.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

function cluster(hosts: number, extra = ''): Cluster {
  const s = scenarioFrom(`
name: t
platform: vsphere
hosts: [{ group: h, count: ${hosts}, cores: 16, memoryGiB: 64 }]
vms:
  - { group: v, count: 4, vcpus: 2, memoryGiB: 8 }
  - { group: a, count: 2, vcpus: 1, memoryGiB: 2, antiAffinity: grp }
${extra}`);
  return new Cluster(s, s.parameters);
}

/** Drains h-01..h-03, fills h-04..h-08, runs a labelled VM on h-09: four kinds of refusal. */
function crowd(c: Cluster): void {
  for (const id of ['h-01', 'h-02', 'h-03']) c.setHostStatus(c.host(id), 'draining');
  for (const id of ['h-04', 'h-05', 'h-06', 'h-07', 'h-08']) c.host(id).usedMiB = c.host(id).allocatableMiB;
  c.host('h-10').usedVcpus = 1000;
  c.assign(c.vm('a-001'), 'h-09');
  c.setVmStatus(c.vm('a-001'), 'running');
}

describe('bounded placement records', () => {
  it('keep the best five candidates with each scorer score, and count rejected hosts per reason, above 64 hosts', () => {
    const c = cluster(FULL_RECORD_HOSTS_MAX + 6);
    crowd(c);
    c.host('h-20').usedMiB = 10_000;
    const d = place({ cluster: c, admission: false }, c.vm('a-002'));
    expect(d.candidates).toHaveLength(PLACEMENT_TOP_K);
    expect(d.candidates[0].host).toBe(d.host);
    expect(d.candidates.map((x) => x.host)).toEqual(['h-11', 'h-12', 'h-13', 'h-14', 'h-15']);
    expect(d.candidates[0].scores).toEqual({ freeMemory: expect.any(Number), freeCpu: expect.any(Number) });
    expect(d.candidates[0].score).toBe(d.candidates[0].scores.freeMemory + d.candidates[0].scores.freeCpu);
    expect(d.feasibleCount).toBe(FULL_RECORD_HOSTS_MAX + 6 - 10);
    expect(d.rejectedByReason.map((g) => [g.kind, g.count, g.host])).toEqual([
      ['memory', 5, 'h-04'],
      ['host is draining', 3, 'h-01'],
      ['anti-affinity', 1, 'h-09'],
      ['cpu', 1, 'h-10'],
    ]);
    expect(d.rejectedByReason[2].reason).toBe('anti-affinity: grp (a-001)');
    expect(d.candidatesAll).toBeUndefined();
    expect(d.rejected).toBeUndefined();
  });

  it('keep every candidate and every rejected host, whose counts per reason match, up to 64 hosts', () => {
    const c = cluster(12);
    crowd(c);
    const d = place({ cluster: c, admission: false }, c.vm('a-002'));
    expect(d.candidatesAll?.map((x) => x.host)).toEqual(['h-11', 'h-12']);
    expect(d.rejected?.map((r) => r.host)).toEqual(['h-01', 'h-02', 'h-03', 'h-04', 'h-05', 'h-06', 'h-07', 'h-08', 'h-09', 'h-10']);
    const counts: Record<string, number> = {};
    for (const r of d.rejected!) counts[r.reason.split(':')[0]] = (counts[r.reason.split(':')[0]] ?? 0) + 1;
    expect(Object.fromEntries(d.rejectedByReason.map((g) => [g.kind, g.count]))).toEqual(counts);
    for (const g of d.rejectedByReason) expect(d.rejected!.find((r) => r.host === g.host)?.reason).toBe(g.reason);
  });

  it('keep the full lists above 64 hosts for the VMs the explain predicate names', () => {
    const c = cluster(FULL_RECORD_HOSTS_MAX + 6);
    crowd(c);
    const explain = (id: string) => id === 'a-002';
    const d = place({ cluster: c, admission: false, explain }, c.vm('a-002'));
    expect(d.candidatesAll).toHaveLength(FULL_RECORD_HOSTS_MAX + 6 - 10);
    expect(d.rejected).toHaveLength(10);
    expect(place({ cluster: c, admission: false, explain }, c.vm('v-001')).rejected).toBeUndefined();
  });

  it('say why a VM fits nowhere in one line built from the counts', () => {
    const c = cluster(FULL_RECORD_HOSTS_MAX + 6);
    crowd(c);
    for (const h of c.hostList) if (h.status === 'up' && h.id !== 'h-09' && h.id !== 'h-10') h.usedMiB = h.allocatableMiB;
    const d = place({ cluster: c, admission: false }, c.vm('a-002'));
    expect(d.host).toBeUndefined();
    expect(refusalReason(d)).toBe(
      `no host fits a-002: memory on ${FULL_RECORD_HOSTS_MAX + 6 - 5}, host is draining on 3, anti-affinity on 1, cpu on 1 (e.g. h-04: memory: needs 2.0 GiB, 0.0 GiB free)`,
    );
  });

  it('name each refusal by the text of its reason before the colon', () => {
    const c = cluster(12);
    crowd(c);
    const vm = c.vm('a-002');
    for (const host of c.hostList) {
      for (const [name, filter] of FILTERS) {
        const kind = filter.reject({ cluster: c, admission: false }, vm, host);
        if (kind === undefined) continue;
        expect(filter.reason({ cluster: c, admission: false }, vm, host).split(':')[0], `${name} on ${host.id}`).toBe(kind);
      }
    }
  });

  it('reach vm.place events through runScenario: bounded above 64 hosts, full for explained VMs', () => {
    const s = scenarioFrom(`
name: t
platform: openstack
hosts: [{ group: h, count: 70, cores: 16, memoryGiB: 64 }]
vms: [{ group: v, count: 3, vcpus: 2, memoryGiB: 8 }]
`);
    const { events } = runScenario(s, { keepEvents: true, explain: (id) => id === 'v-002' });
    const places = events.filter((e) => e.type === 'vm.place');
    expect(places.map((e) => e.candidatesAll === undefined)).toEqual([true, false, true]);
    expect(places.map((e) => (e.candidates as unknown[]).length)).toEqual([PLACEMENT_TOP_K, PLACEMENT_TOP_K, PLACEMENT_TOP_K]);
    expect(places[1].candidatesAll as unknown[]).toHaveLength(70);
  });
});
