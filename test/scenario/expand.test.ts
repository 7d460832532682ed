import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { describeNames, expandHosts, expandVms, globToRegExp, matchNames, memberName } from '../../sim/scenario/expand.ts';
import { scenarioFileSchema } from '../../sim/scenario/schema.ts';

const file = (extra: object) => scenarioFileSchema.parse({ name: 'x', platform: 'vsphere', ...extra });

describe('group expansion', () => {
  it('names hosts <group>-NN from 01, with 3 digits from 100 hosts', () => {
    expect(expandHosts(file({ hosts: [{ group: 'esx', count: 3 }] }).hosts).map((h) => h.id)).toEqual(['esx-01', 'esx-02', 'esx-03']);
    const big = expandHosts(file({ hosts: [{ group: 'n', count: 100 }] }).hosts);
    expect([big[0].id, big[99].id]).toEqual(['n-001', 'n-100']);
    const ninetyNine = expandHosts(file({ hosts: [{ group: 'n', count: 99 }] }).hosts);
    expect(ninetyNine[98].id).toBe('n-99');
  });

  it('names VMs <group>-NNN from 001, with 4 digits from 1000 VMs', () => {
    expect(expandVms(file({ vms: [{ group: 'app', count: 2 }] }).vms).map((v) => v.id)).toEqual(['app-001', 'app-002']);
    const big = expandVms(file({ vms: [{ group: 'app', count: 1000 }] }).vms);
    expect([big[0].id, big[999].id]).toEqual(['app-0001', 'app-1000']);
  });

  it('gives every member the group values and the spec example defaults', () => {
    const [h] = expandHosts(file({ hosts: [{}] }).hosts);
    expect(h).toEqual({ id: 'host-01', group: 'host', cores: 32, coreGHz: 2.6, memoryGiB: 512, nicGbps: 25, disks: { count: 4, sizeTiB: 3.84 } });
    const [v] = expandVms(file({ vms: [{ antiAffinity: 'db' }] }).vms);
    expect(v).toEqual({
      id: 'vm-001', group: 'vm', vcpus: 4, memoryGiB: 16, cpuUtilization: 0.4, dirtyRateMiBps: 40, workingSetGiB: 2, diskGiB: 100, diskWriteMiBps: 1, antiAffinity: 'db',
    });
  });

  it('puts hosts in racks of hostsPerRack in name order, so a rollout of that many at a time takes one rack per wave', () => {
    const hosts = expandHosts(file({ hosts: [{ group: 'cmp', count: 45, hostsPerRack: 20 }] }).hosts);
    expect(hosts.map((h) => h.rack)).toEqual([...Array(20).fill('cmp-r01'), ...Array(20).fill('cmp-r02'), ...Array(5).fill('cmp-r03')]);
    const many = expandHosts(file({ hosts: [{ group: 'n', count: 200, hostsPerRack: 2 }] }).hosts);
    expect([many[0].rack, many[199].rack]).toEqual(['n-r001', 'n-r100']);
    expect(expandHosts(file({ hosts: [{ group: 'n', count: 2, disks: { class: 'hdd' } }] }).hosts)[0].disks).toEqual({ count: 4, sizeTiB: 3.84, class: 'hdd' });
  });

  it('keeps names sorted in numeric order as plain strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), (count) => {
        const names = Array.from({ length: count }, (_, i) => memberName('g', i + 1, count, 2));
        expect([...names].sort()).toEqual(names);
      }),
    );
  });
});

describe('glob matching', () => {
  const names = ['esx-01', 'esx-02', 'esx-10', 'gpu-01', 'db.1'];

  it('matches * and ? and returns names in name order', () => {
    expect(matchNames(['esx-*'], names).names).toEqual(['esx-01', 'esx-02', 'esx-10']);
    expect(matchNames(['esx-0?'], names).names).toEqual(['esx-01', 'esx-02']);
    expect(matchNames(['*-01'], names).names).toEqual(['esx-01', 'gpu-01']);
  });

  it('treats other characters literally and matches the whole name', () => {
    expect(matchNames(['db.1'], names).names).toEqual(['db.1']);
    expect(globToRegExp('db.1').test('dbx1')).toBe(false);
    expect(matchNames(['esx'], names).names).toEqual([]);
  });

  it('merges a list of names and globs without duplicates, sorted', () => {
    const result = matchNames(['gpu-01', 'esx-1*', 'esx-10'], names);
    expect(result.names).toEqual(['esx-10', 'gpu-01']);
    expect(result.unmatched).toEqual([]);
  });

  it('reports which patterns matched nothing', () => {
    expect(matchNames(['esx-01', 'nope-*', 'x?'], names).unmatched).toEqual([1, 2]);
  });

  it('summarises what exists as ranges per group', () => {
    const hosts = expandHosts(file({ hosts: [{ group: 'esx', count: 3 }, { group: 'gpu', count: 1 }] }).hosts);
    expect(describeNames(hosts)).toBe('esx-01..esx-03, gpu-01');
    expect(describeNames([])).toBe('none');
  });
});
