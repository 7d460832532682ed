import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { formatProblem, loadScenarioText, type LoadResult } from '../../sim/scenario/load.ts';
import { scenarioFrom } from '../support/scenario.ts';

function loaded(text: string): Extract<LoadResult, { ok: true }> {
  const result = loadScenarioText(text, 'test.yaml');
  if (!result.ok) throw new Error(result.problems.map((p) => formatProblem('test.yaml', p)).join('\n'));
  return result;
}

const vsphere = (hosts: number, vms: string, rest = '') => `name: x
platform: vsphere
hosts: [{ group: e, count: ${hosts}, cores: 32, memoryGiB: 256, disks: { count: 2, sizeTiB: 4 } }]
vms: [${vms}]
${rest}`;

describe('warnings about what the cluster can tolerate', () => {
  it('warn when HA admission cannot tolerate the failures asked for, and the run then leaves the VMs unplaced', () => {
    const text = vsphere(4, '{ group: v, count: 4, memoryGiB: 8, diskGiB: 10 }', 'policies: { ha: { hostFailuresToTolerate: 4 } }\nuntil: 1h\n');
    const { warnings } = loaded(text);
    expect(warnings.map((w) => w.path)).toEqual(['policies.ha.hostFailuresToTolerate']);
    expect(warnings[0].message).toMatch(/HA admission control cannot be met: 4 host\(s\) in service cannot tolerate 4 host failure\(s\)/);
    expect(runScenario(scenarioFrom(text)).summary.vms.unplaced).toBe(4);
  });

  it('warn when reservations exceed what admission allows, and not when they fit', () => {
    // Each VM: 65,536 MiB reserved + ESXi overhead ceil(14 + 4 x 4 + 7.5 x 64) = 510 MiB = 66,046 MiB;
    // 12 of them: 792,552 MiB of 4 x (256 - 18) x 1,024 = 974,848 MiB: 81.3 % (75 % allowed).
    const big = loaded(vsphere(4, '{ group: v, count: 12, memoryGiB: 64, memoryReservationGiB: 64, diskGiB: 10 }', 'until: 1h\n'));
    expect(big.warnings.map((w) => w.path)).toEqual(['policies.ha.hostFailuresToTolerate']);
    expect(big.warnings[0].message).toMatch(/reservations need 81\.3 % of 4 host\(s\), at most 75\.0 % allowed for 1 failure\(s\)/);
    expect(runScenario(scenarioFrom(vsphere(4, '{ group: v, count: 12, memoryGiB: 64, memoryReservationGiB: 64, diskGiB: 10 }', 'until: 1h\n'))).summary.vms.unplaced).toBeGreaterThan(0);
    expect(loaded(vsphere(4, '{ group: v, count: 8, memoryGiB: 64, memoryReservationGiB: 64, diskGiB: 10 }')).warnings).toEqual([]);
  });

  it('warn when a rollout\'s hosts in maintenance leave too little for admission: every evacuation is refused and it stalls', () => {
    // 9 x 66,046 MiB = 594,414 MiB: 61.0 % of 4 hosts (75 % allowed), 81.3 % of the 3 left in service (66.7 % allowed).
    const rollout = 'schedule: [{ at: 10m, do: rollingMaintenance, hosts: "e-*", workDuration: 10m }]\nuntil: 6h\n';
    const text = vsphere(4, '{ group: v, count: 9, memoryGiB: 64, memoryReservationGiB: 64, diskGiB: 10 }', rollout);
    const { warnings } = loaded(text);
    expect(warnings.map((w) => w.path)).toEqual(['schedule.0.concurrency']);
    expect(warnings[0].message).toMatch(/with 1 host\(s\) in maintenance HA admission control cannot be met \(reservations need 81\.3 % of 3 host\(s\), at most 66\.7 % allowed/);
    const { summary } = runScenario(scenarioFrom(text));
    expect(summary.vms.unplaced).toBe(0);
    expect(summary.maintenance.stalled).toBe(true);
    expect(summary.maintenance.hostsCompleted).toBe(0);
    expect(loaded(vsphere(4, '{ group: v, count: 6, memoryGiB: 64, memoryReservationGiB: 64, diskGiB: 10 }', rollout)).warnings).toEqual([]);
  });

  it('count a VM\'s whole memory for AHV Guarantee mode: admission leaves VMs unplaced that best effort places, and warns first', () => {
    // Each VM: 24 x 1,024 + 256 MiB overhead = 24,832 MiB; 24 of them: 595,968 MiB of 3 x (256 - 34) x 1,024
    // = 681,984 MiB: 87.4 % (66.7 % allowed), so 18 fit (18 x 24,832 = 446,976 <= 454,656) and 6 do not.
    const ahv = (ha: string) => `name: x\nplatform: nutanix\nuntil: 1h\nhosts: [{ group: n, count: 3, cores: 32, memoryGiB: 256, disks: { count: 2, sizeTiB: 4 } }]
vms: [{ group: v, count: 24, memoryGiB: 24, diskGiB: 10 }]\npolicies: { ha: ${ha} }\n`;
    const guarantee = ahv('{ admissionControl: true, hostFailuresToTolerate: 1 }');
    const { warnings } = loaded(guarantee);
    expect(warnings.map((w) => w.path)).toEqual(['policies.ha.hostFailuresToTolerate']);
    expect(warnings[0].message).toMatch(/reservations need 87\.4 % of 3 host\(s\), at most 66\.7 % allowed for 1 failure\(s\)/);
    expect(runScenario(scenarioFrom(guarantee)).summary.vms.unplaced).toBe(6);
    const bestEffort = ahv('{ admissionControl: false }');
    expect(loaded(bestEffort).warnings).toEqual([]);
    expect(runScenario(scenarioFrom(bestEffort)).summary.vms.unplaced).toBe(0);
  });

  it('warn when Ceph\'s rack failure domains are fewer than its copies', () => {
    const ceph = (racks: string[]) => `name: x\nplatform: openstack\nhosts: [${racks.map((r, i) => `{ group: c${i}, count: 2, rack: ${r} }`).join(', ')}]\n`;
    const two = loaded(ceph(['r1', 'r2'])).warnings;
    expect(two.map((w) => w.path)).toEqual(['storage.replicas']);
    expect(two[0].message).toMatch(/CRUSH keeps each PG's 3 copies in separate failure domains \(racks here\), but there are only 2/);
    expect(loaded(ceph(['r1', 'r2', 'r3'])).warnings).toEqual([]);
  });

  it('warn when hosts go away and there is no spare host to rebuild on: vSAN FTT=1 on 3 hosts, Longhorn 3 replicas on 3 nodes', () => {
    const rollout = 'schedule: [{ at: 10m, do: rollingMaintenance, hosts: "e-*", workDuration: 10m }]\nuntil: 3h\n';
    const text = vsphere(3, '{ group: v, count: 3, memoryGiB: 8, diskGiB: 10 }', rollout);
    const three = loaded(text).warnings;
    expect(three.map((w) => w.path)).toEqual(['hosts']);
    expect(three[0].message).toMatch(/^3 hosts for vsan copies that need 3: no spare host to rebuild on/);
    // What it warns of: with no host to rebuild on, no copy is made while each host is away.
    const { summary } = runScenario(scenarioFrom(text));
    expect(summary.storage.copies.rebuilds).toBe(0);
    expect(summary.storage.exposure.byRedundancy.find((l) => l.redundancy === 0)!.volumeHours).toBeGreaterThan(0);
    expect(loaded(vsphere(3, '')).warnings).toEqual([]);
    expect(loaded(vsphere(4, '', rollout)).warnings).toEqual([]);
    expect(loaded('name: x\nplatform: harvester\nhosts: [{ group: n, count: 3 }]\nfailures: {}\n').warnings.map((w) => w.path)).toEqual(['hosts']);
  });

  it('warn when Nutanix RF3 has fewer than the 5 nodes AOS requires for it, and not with 5 or with RF2', () => {
    const dsf = (nodes: number, replicas: number) => `name: x\nplatform: nutanix\nhosts: [{ group: n, count: ${nodes} }]\nstorage: { replicas: ${replicas} }\n`;
    const three = loaded(dsf(3, 3)).warnings;
    expect(three.map((w) => w.path)).toEqual(['storage.replicas']);
    expect(three[0].message).toMatch(/^RF3 needs at least 5 nodes, there are 3/);
    expect(loaded(dsf(5, 3)).warnings).toEqual([]);
    expect(loaded(dsf(3, 2)).warnings).toEqual([]);
  });
});
