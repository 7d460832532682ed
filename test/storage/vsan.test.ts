import { describe, expect, it } from 'vitest';
import { volumeHealth } from '../support/volume-health.ts';
import type { TraceEvent } from '../../sim/core/trace.ts';
import { runScenario, type RunResult } from '../../sim/run.ts';
import { Engine } from '../../sim/core/engine.ts';
import type { PolicyContext } from '../../sim/storage/policy.ts';
import { StorageState } from '../../sim/storage/state.ts';
import { vsanCanPlace } from '../../sim/storage/vsan-layout.ts';
import { planVsanMaintenance } from '../../sim/storage/vsan-maintenance.ts';
import { scenarioFrom } from '../support/scenario.ts';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const HOUR = 3_600_000;

interface Cluster {
  hosts?: number;
  /** Host groups each in its own rack: `racks` groups of `hosts` hosts. */
  racks?: number;
  vms?: number;
  diskGiB?: number;
  extra?: string;
  schedule?: string;
}

const yamlOf = (c: Cluster) => {
  const host = (group: string, count: number, rack?: string) =>
    `  - { group: ${group}, count: ${count}, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 4 }${rack ? `, rack: ${rack}` : ''} }`;
  const hosts = c.racks
    ? Array.from({ length: c.racks }, (_, i) => host(`r${i + 1}`, c.hosts ?? 1, `rack${i + 1}`)).join('\n')
    : host('esx', c.hosts ?? 4);
  return `
name: t
platform: vsphere
hosts:
${hosts}
vms: [{ group: v, count: ${c.vms ?? 1}, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 10, workingSetGiB: 1, diskGiB: ${c.diskGiB ?? 100}, diskWriteMiBps: 2 }]
${c.extra ?? ''}
schedule:
${c.schedule ?? '  []'}
`;
};

const run = (c: Cluster, untilMs?: number): RunResult => {
  const result = runScenario(scenarioFrom(yamlOf(c)), { keepEvents: true, check: true, untilMs });
  expect(result.violations).toEqual([]);
  return result;
};

const of = (events: TraceEvent[], type: string) => events.filter((e) => e.type === type);
const hostsOf = (list: unknown) => (list as { host: string }[]).map((c) => c.host);
const placement = (events: TraceEvent[], set: string) => of(events, 'storage.place').find((e) => e.set === set)!;

/** Where v-001's components go on this cluster (placement happens before any scheduled event). */
const layoutOf = (c: Cluster) => {
  const p = placement(run({ ...c, schedule: undefined }, 1).events, 'v-001');
  return { data: hostsOf(p.copies), witness: hostsOf(p.witnesses)[0], disk: (p.copies as { disk: number }[])[0].disk };
};

describe('vSAN placement', () => {
  it('places an FTT=1 RAID-1 object as two replicas and a witness on three different hosts', () => {
    const { events } = run({ hosts: 5, vms: 8 });
    const places = of(events, 'storage.place');
    expect(places.length).toBe(8);
    for (const p of places) {
      expect(p.policy).toBe('RAID-1 FTT=1');
      expect((p.copies as unknown[]).length).toBe(2);
      expect((p.witnesses as unknown[]).length).toBe(1);
      expect(new Set([...hostsOf(p.copies), ...hostsOf(p.witnesses)]).size).toBe(3);
    }
    expect(of(events, 'storage.unplaced')).toEqual([]);
  });

  it('spreads the five components of an FTT=2 object over five racks, never two in one rack', () => {
    const { events } = run({ racks: 5, hosts: 2, vms: 6, extra: 'storage: { kind: vsan, replicas: 3 }' });
    for (const p of of(events, 'storage.place')) {
      expect((p.copies as unknown[]).length).toBe(3);
      expect((p.witnesses as unknown[]).length).toBe(2);
      const racks = [...hostsOf(p.copies), ...hostsOf(p.witnesses)].map((h) => h.slice(0, 2));
      expect(new Set(racks).size).toBe(5);
    }
  });

  it('with fewer hosts than 2 FTT + 1 places what fits, says why, and counts the object degraded from the start', () => {
    const { summary, events } = run({ hosts: 2, vms: 3 }, 2 * HOUR);
    const unplaced = of(events, 'storage.unplaced');
    expect(unplaced.length).toBe(3);
    for (const u of unplaced) {
      expect(u.component).toBe('witness');
      expect(u.reason).toMatch(/RAID-1 FTT=1 needs 3 fault domains/);
    }
    expect(summary.storage.degradedVolumeHours).toBeCloseTo(3 * 2, 6);
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
  });

  it('places witnesses on disks too full for another data component: a witness is metadata, not a copy', () => {
    // 4 volumes x 2 replicas of 3,000 GiB on 8 disks of 4 TiB: one replica per disk, ~1.1 TiB left on each.
    const { events, summary } = run({ hosts: 4, vms: 4, diskGiB: 3000 }, 2 * HOUR);
    expect(of(events, 'storage.unplaced')).toEqual([]);
    for (const p of of(events, 'storage.place')) expect(hostsOf(p.witnesses)).toHaveLength(1);
    expect(summary.storage.degradedVolumeHours).toBe(0);
  });

  it('balances components by free capacity: equal volumes spread evenly over equal hosts', () => {
    const { events } = run({ hosts: 4, vms: 8 });
    const perHost = new Map<string, number>();
    for (const p of of(events, 'storage.place')) for (const h of hostsOf(p.copies)) perHost.set(h, (perHost.get(h) ?? 0) + 1);
    expect([...perHost.values()]).toEqual([4, 4, 4, 4]);
  });

  it("spreads the mirrors of one host's objects over the other hosts instead of pairing hosts", () => {
    const { events } = run({ hosts: 6, vms: 30 });
    const partners = new Set<string>();
    for (const p of of(events, 'storage.place')) {
      const data = hostsOf(p.copies);
      if (data.includes('esx-01')) for (const h of data) if (h !== 'esx-01') partners.add(h);
    }
    expect(partners.size).toBeGreaterThanOrEqual(4);
  });

  it('rebuilds the component of a failed host in a rack holding no component of the object, not beside its old place', () => {
    const c: Cluster = { racks: 4, hosts: 2 };
    const { data, witness } = layoutOf(c);
    const { events } = run({ ...c, schedule: `  - { at: 1h, do: failHost, host: ${data[0]}, repairAfter: 1d }` });
    const rebuild = of(events, 'replica.rebuild.start').find((e) => e.kind === 'rebuild' && e.set === 'v-001')!;
    expect(rebuild.t).toBe(2 * HOUR);
    const rackOf = (h: string) => h.slice(0, 2);
    expect([...data, witness].map(rackOf)).not.toContain(rackOf(rebuild.to as string));
  });
});

describe('vSAN quorum', () => {
  it('an object with one replica host in maintenance and its witness host failed is inaccessible, not lost', () => {
    const { data, witness } = layoutOf({ hosts: 3 });
    const schedule = [
      `  - { at: 1h, do: rollingMaintenance, hosts: "${data[0]}", concurrency: 1, workDuration: 1h, dataMigration: ensureAccessibility }`,
      `  - { at: 90m, do: failHost, host: ${witness}, repairAfter: 1d }`,
    ].join('\n');
    const { summary, events } = run({ hosts: 3, schedule });
    const health = volumeHealth(events).map((e) => e.health);
    expect(health.slice(0, 2)).toEqual(['degraded', 'inaccessible']);
    const inaccessible = volumeHealth(events).find((e) => e.health === 'inaccessible')!;
    expect(inaccessible.t).toBe(of(events, 'host.fail')[0].t);
    // The other replica still holds the newest data: the object comes back when the first host returns.
    expect(summary.storage.volumesLost).toBe(0);
    expect(health).toContain('degraded');
    expect(health.at(-1)).not.toBe('inaccessible');
    expect(summary.storage.inaccessibleVolumeHours).toBeGreaterThan(0);
  });

  it('a RAID-5 object stays accessible with three of its four components and becomes inaccessible with two', () => {
    const schedule = [
      '  - { at: 1h, do: failHost, host: esx-01, repairAfter: 30m }',
      '  - { at: 1h, do: failHost, host: esx-02, repairAfter: 30m }',
    ].join('\n');
    const { events } = run({ hosts: 4, extra: 'policies: { storage: { vsan: { layout: raid5 } } }', schedule });
    expect(volumeHealth(events).map((e) => e.health).slice(0, 2)).toEqual(['degraded', 'inaccessible']);
  });
});

describe('vSAN repair rules', () => {
  it('waits the 60-minute repair timer before rebuilding the components of a failed host', () => {
    const { summary, events } = run({ hosts: 4, vms: 4, schedule: '  - { at: 1h, do: failHost, host: esx-01, repairAfter: 3d }' });
    const rebuilds = of(events, 'replica.rebuild.start').filter((e) => e.kind === 'rebuild');
    expect(rebuilds.length).toBeGreaterThan(0);
    for (const r of rebuilds) expect(r.t).toBe(2 * HOUR);
    expect(of(events, 'replica.absent.expire').every((e) => e.t === 2 * HOUR)).toBe(true);
    expect(summary.storage.volumesLost).toBe(0);
  });

  it('rebuilds the components of a failed disk at once, reading a mirror from one replica at NIC speed', () => {
    const { data, disk } = layoutOf({ hosts: 4 });
    const { events } = run({ hosts: 4, schedule: `  - { at: 1h, do: failDisk, host: ${data[0]}, disk: ${disk} }` });
    const starts = of(events, 'replica.rebuild.start').filter((e) => e.kind === 'rebuild');
    expect(starts.length).toBe(1);
    expect(starts[0].t).toBe(HOUR);
    expect(starts[0].from).toEqual([data[1]]);
    const end = of(events, 'replica.rebuild.end')[0];
    // Nothing competes: 100 GiB over a 10 Gb/s NIC (1.25e9 B/s), no per-stream cap on vSAN.
    expect(end.durationMs as number).toBeCloseTo(((100 * GiB) / 1.25e9) * 1000, -1);
  });

  it('a host back before the timer resyncs only the writes its components missed', () => {
    const { data } = layoutOf({ hosts: 4 });
    const { summary, events } = run({ hosts: 4, schedule: `  - { at: 1h, do: failHost, host: ${data[0]}, repairAfter: 20m }` });
    expect(of(events, 'replica.rebuild.start').filter((e) => e.kind === 'rebuild')).toEqual([]);
    const resyncs = of(events, 'replica.rebuild.end').filter((e) => e.kind === 'resync');
    expect(resyncs.length).toBe(1);
    // 20 minutes of writes at 2 MiB/s while the object stayed writable.
    expect(resyncs[0].bytes).toBeCloseTo(20 * 60 * 2 * MiB, 0);
    expect(summary.storage.rebuiltGiB).toBeCloseTo((20 * 60 * 2) / 1024, 3);
  });

  it('a host back after the timer resyncs its component instead of finishing the rebuild when that sends less', () => {
    const { data } = layoutOf({ hosts: 4, diskGiB: 2000 });
    const back = (after: string, writeMiBps: number) => {
      const c = { hosts: 4, diskGiB: 2000, schedule: `  - { at: 1h, do: failHost, host: ${data[0]}, repairAfter: ${after} }` };
      const result = runScenario(scenarioFrom(yamlOf(c).replace('diskWriteMiBps: 2', `diskWriteMiBps: ${writeMiBps}`)), { keepEvents: true, check: true });
      expect(result.violations).toEqual([]);
      return result.events;
    };
    // The rebuild starts at 2 h (60-minute timer) at 1.25e9 B/s; the host is back at 2h15m with 900 s
    // of it sent: 2000 GiB - 1.125e12 B left, against 75 min x 2 MiB/s = 9,000 MiB of missed writes.
    const early = back('75m', 2);
    const [sup] = of(early, 'replica.rebuild.supersede');
    expect(sup.t).toBe(2.25 * HOUR);
    expect(sup.host).toBe(data[0]);
    expect(sup.rebuildLeftBytes as number).toBeCloseTo(2000 * GiB - 900 * 1.25e9, -6);
    expect(sup.resyncBytes as number).toBeCloseTo(9000 * MiB, -3);
    expect(of(early, 'replica.rebuild.end').filter((e) => e.kind === 'rebuild')).toEqual([]);
    const [resync] = of(early, 'replica.rebuild.end').filter((e) => e.kind === 'resync');
    expect(resync.to).toBe(data[0]);
    expect(resync.bytes as number).toBeCloseTo(9000 * MiB, -3);
    expect(resync.durationMs as number).toBeCloseTo(((9000 * MiB) / 1.25e9) * 1000, -1);
    // Back at 2h28m with 50 MiB/s of writes: 88 min of them (258 GiB) outweigh the 38 s (47.5 GB)
    // the rebuild has left, so the rebuild finishes and the returning component is dropped.
    const late = back('88m', 50);
    expect(of(late, 'replica.rebuild.supersede')).toEqual([]);
    expect(of(late, 'replica.discard').map((e) => e.host)).toEqual([data[0]]);
    expect(of(late, 'replica.rebuild.end').filter((e) => e.kind === 'rebuild').length).toBe(1);
  });
});

const maintain = (mode: string, host = 'esx-01', work = '30m') =>
  `  - { at: 1h, do: rollingMaintenance, hosts: "${host}", concurrency: 1, workDuration: ${work}, dataMigration: ${mode} }`;

describe('vSAN maintenance modes', () => {
  it('ensureAccessibility moves nothing when every object keeps quorum: objects run degraded through the window', () => {
    const { summary, events } = run({ hosts: 4, vms: 4, schedule: maintain('ensureAccessibility') });
    expect(summary.storage.copies.evacuations).toBe(0);
    const onHost = of(events, 'storage.place').filter((p) => [...hostsOf(p.copies), ...hostsOf(p.witnesses)].includes('esx-01')).length;
    expect(onHost).toBeGreaterThan(0);
    // Each object with a component there is degraded for the 30-minute window (plus a short resync).
    expect(summary.storage.degradedVolumeHours).toBeGreaterThanOrEqual(onHost * 0.5);
    expect(summary.storage.degradedVolumeHours).toBeLessThan(onHost * 0.5 + 0.1);
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
    expect(summary.maintenance.hostsCompleted).toBe(1);
  });

  it('fullDataMigration copies every component off the host first and leaves nothing degraded', () => {
    const { summary, events } = run({ hosts: 4, vms: 4, schedule: maintain('fullDataMigration') });
    const data = of(events, 'storage.place').filter((p) => hostsOf(p.copies).includes('esx-01')).length;
    const witnesses = of(events, 'storage.place').filter((p) => hostsOf(p.witnesses).includes('esx-01')).length;
    expect(data + witnesses).toBeGreaterThan(0);
    expect(summary.storage.copies.evacuations).toBe(data);
    expect(of(events, 'replica.witness').filter((e) => e.from === 'esx-01').length).toBe(witnesses);
    const start = of(events, 'host.maintenance.start')[0];
    for (const e of of(events, 'replica.rebuild.end')) expect(e.t).toBeLessThanOrEqual(start.t);
    expect(summary.storage.rebuiltGiB).toBeCloseTo(data * 100, 6);
    expect(summary.storage.degradedVolumeHours).toBe(0);
    expect(summary.maintenance.hostsCompleted).toBe(1);
  });

  it('fullDataMigration is refused on a 3-host FTT=1 cluster: the rollout stalls with the reason', () => {
    const { summary } = run({ hosts: 3, schedule: maintain('fullDataMigration') }, 3 * HOUR);
    expect(summary.maintenance.hostsCompleted).toBe(0);
    expect(summary.maintenance.stalled).toBe(true);
    expect(summary.maintenance.stalls[0].reason).toMatch(/fullDataMigration cannot move v-001 off esx-01: no disk: anti-affinity/);
    expect(summary.storage.copies.evacuations).toBe(0);
  });

  it('noDataMigration on FTT=0 objects makes those on the host inaccessible for the window', () => {
    const extra = 'storage: { kind: vsan, replicas: 1 }';
    const { summary, events } = run({ hosts: 3, vms: 6, extra, schedule: maintain('noDataMigration') });
    const onHost = of(events, 'storage.place').filter((p) => hostsOf(p.copies).includes('esx-01')).length;
    expect(onHost).toBeGreaterThan(0);
    expect(summary.storage.copies.evacuations).toBe(0);
    expect(summary.storage.inaccessibleVolumeHours).toBeCloseTo(onHost * 0.5, 6);
    expect(summary.storage.volumesLost).toBe(0);
  });

  it('ensureAccessibility waits for a resync in flight instead of moving a component its object needs', () => {
    // On 3 hosts every host holds a component of the one object: whichever pair of data hosts it has,
    // some host's turn comes while the replica of the host before it is still resyncing.
    const { summary, events } = run({ hosts: 3, schedule: maintain('ensureAccessibility', 'esx-*', '20m') });
    const wait = (h: string) => `storage: ${h} waits for resyncs and rebuilds in flight before entering maintenance (ensureAccessibility; KB 326927)`;
    expect(summary.maintenance.stalls.length).toBeGreaterThan(0);
    for (const s of summary.maintenance.stalls) {
      expect(s.reason).toBe(wait(s.host));
      const start = of(events, 'host.maintenance.start').find((e) => e.host === s.host)!;
      const resyncEnd = of(events, 'replica.rebuild.end').filter((e) => e.kind === 'resync' && e.t <= start.t).at(-1)!;
      expect(start.t).toBe(resyncEnd.t);
    }
    expect(summary.storage.copies.evacuations).toBe(0);
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
    expect(summary.maintenance.hostsCompleted).toBe(3);
  });

  it('ensureAccessibility moves FTT=0 objects off the host so they stay accessible', () => {
    const extra = 'storage: { kind: vsan, replicas: 1 }';
    const { summary, events } = run({ hosts: 3, vms: 6, extra, schedule: maintain('ensureAccessibility') });
    const onHost = of(events, 'storage.place').filter((p) => hostsOf(p.copies).includes('esx-01')).length;
    expect(onHost).toBeGreaterThan(0);
    expect(summary.storage.copies.evacuations).toBe(onHost);
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
    expect(summary.storage.degradedVolumeHours).toBe(0);
  });

  it('ensureAccessibility moves the surviving replica of an object already degraded by a failed host', () => {
    const { data } = layoutOf({ hosts: 4 });
    const schedule = [`  - { at: 30m, do: failHost, host: ${data[1]}, repairAfter: 1d }`, maintain('ensureAccessibility', data[0], '20m')].join('\n');
    const { summary, events } = run({ hosts: 4, schedule, extra: 'policies: { storage: { repairDelay: 3h } }' });
    expect(summary.storage.copies.evacuations).toBe(1);
    const evacuation = of(events, 'replica.rebuild.start').find((e) => e.kind === 'evacuate')!;
    expect(evacuation.from).toEqual([data[0]]);
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
  });
});

describe('vSAN durability components', () => {
  // One 100 GiB object (2 MiB/s of writes) on 4 hosts: two replicas and a witness, one host to spare.
  const secondFailure = (first: string, durability?: string) => {
    const { data, witness, disk } = layoutOf({ hosts: 4 });
    const spare = ['esx-01', 'esx-02', 'esx-03', 'esx-04'].find((h) => !data.includes(h) && h !== witness)!;
    const schedule = [first.replace('HOST', data[0]), `  - { at: 70m, do: failDisk, host: ${data[1]}, disk: ${disk}, replaceAfter: 1d }`].join('\n');
    const extra = durability ? `policies: { storage: { vsan: { durabilityComponents: ${durability} } } }` : '';
    return { data, spare, ...run({ hosts: 4, schedule, extra }) };
  };
  const maintenance = maintain('ensureAccessibility', 'HOST', '30m');
  const hostFailure = '  - { at: 1h, do: failHost, host: HOST, repairAfter: 30m }';

  it('take the writes of a replica in maintenance: its mirror failing then leaves the object inaccessible, not lost', () => {
    const { data, spare, summary, events } = secondFailure(maintenance);
    const [created] = of(events, 'replica.durability.create');
    expect([created.t, created.host, created.for]).toEqual([HOUR, spare, data[0]]);
    expect(summary.storage.volumesLost).toBe(0);
    // Back at 90 min, the replica merges the durability component: the 10 minutes of writes before
    // the disk failed (1,200 MiB; none while inaccessible) read from the spare host at 1.25e9 B/s.
    const [merge] = of(events, 'replica.rebuild.end').filter((e) => e.kind === 'resync');
    expect(merge.bytes).toBe(600 * 2 * MiB);
    expect(merge.durationMs as number).toBeCloseTo(((1200 * MiB) / 1.25e9) * 1000, -1);
    expect(of(events, 'replica.rebuild.start').find((e) => e.kind === 'resync')!.from).toEqual([spare]);
    expect(of(events, 'replica.durability.drop').map((e) => e.reason)).toEqual(['merged']);
    // Inaccessible from the disk failure (70 min) to the end of the merge.
    expect(summary.storage.inaccessibleVolumeHours).toBeCloseTo((20 * 60 + (1200 * MiB) / 1.25e9) / 3600, 4);
  });

  it('before vSAN 7.0 U1 (none) the same second failure loses the object', () => {
    const { summary, events } = secondFailure(maintenance, 'none');
    expect(of(events, 'replica.durability.create')).toEqual([]);
    expect(summary.storage.volumesLost).toBe(1);
  });

  it('cover host failures from 7.0 U2 (maintenanceAndFailures, the default), not with 7.0 U1 (maintenance)', () => {
    const u2 = secondFailure(hostFailure);
    expect(of(u2.events, 'replica.durability.create').length).toBe(1);
    expect(u2.summary.storage.volumesLost).toBe(0);
    const u1 = secondFailure(hostFailure, 'maintenance');
    expect(of(u1.events, 'replica.durability.create')).toEqual([]);
    expect(u1.summary.storage.volumesLost).toBe(1);
  });

  it('need a spare fault domain: on three hosts there is none and the second failure loses the object', () => {
    const { data, disk } = layoutOf({ hosts: 3 });
    const schedule = [maintain('ensureAccessibility', data[0], '30m'), `  - { at: 70m, do: failDisk, host: ${data[1]}, disk: ${disk}, replaceAfter: 1d }`].join('\n');
    const { summary, events } = run({ hosts: 3, schedule });
    expect(of(events, 'replica.durability.create')).toEqual([]);
    expect(summary.storage.volumesLost).toBe(1);
  });
});

describe('vSAN erasure coding', () => {
  const raid5 = 'policies: { storage: { vsan: { layout: raid5 } } }';

  it('RAID-5 needs four hosts: on three its objects are non-compliant from the start', () => {
    const { events } = run({ hosts: 3, extra: raid5 }, HOUR);
    const p = placement(events, 'v-001');
    expect(p.policy).toBe('RAID-5 (3+1) FTT=1');
    expect((p.copies as unknown[]).length).toBe(3);
    expect(of(events, 'storage.unplaced')[0].reason).toMatch(/needs 4 fault domains/);
  });

  it('RAID-5 keeps four components of a third of the data each, and a rebuild reads a third from each of three hosts', () => {
    const { data, disk } = layoutOf({ hosts: 5, extra: raid5 });
    const { events } = run({ hosts: 5, extra: raid5, schedule: `  - { at: 1h, do: failDisk, host: ${data[0]}, disk: ${disk} }` });
    const p = placement(events, 'v-001');
    expect((p.copies as unknown[]).length).toBe(4);
    expect((p.witnesses as unknown[]).length).toBe(0);
    const start = of(events, 'replica.rebuild.start').find((e) => e.kind === 'rebuild')!;
    expect(start.t).toBe(HOUR);
    expect(new Set(start.from as string[]).size).toBe(3);
    expect(start.from).not.toContain(data[0]);
    // Three reads of 100/3 GiB: the whole volume crosses the network to write one 33 GiB component.
    expect(start.bytes as number).toBeCloseTo(100 * GiB, 0);
  });

  it('RAID-6 spreads six components of a quarter of the data over six hosts', () => {
    const { events } = run({ hosts: 6, extra: 'policies: { storage: { vsan: { layout: raid6 } } }' });
    const p = placement(events, 'v-001');
    expect(p.policy).toBe('RAID-6 (4+2) FTT=2');
    expect(new Set(hostsOf(p.copies)).size).toBe(6);
  });
});

describe('vSAN maintenance checks draw no random numbers', () => {
  const context = (hostCount: number) => {
    const state = new StorageState(new Engine(), () => true);
    const ids = Array.from({ length: hostCount }, (_, i) => `esx-0${i + 1}`);
    for (const id of ids) state.addDisks(id, 1, 4 * 2 ** 40);
    const ctx: PolicyContext = {
      state,
      params: { storage: { replicas: 2 }, policies: { storage: { vsan: { layout: 'raid1' } } } } as unknown as PolicyContext['params'],
      hosts: ids.map((id) => ({ id, usable: true })),
      hostUsable: () => true,
      upgradeInProgress: false,
      setsOn: (host) => state.sets.filter((s) => s.copies.some((c) => c.host === host)),
      random: () => {
        throw new Error('a check drew a random number');
      },
      record: () => undefined,
    };
    const set = state.createSet({ name: 'v-001', bytes: 100 * GiB, wantedData: 2, dataNeeded: 1, witnesses: 1, writeBytesPerSec: 0, volumes: ['v-001'] });
    state.addCopy(set, 'esx-01', 0, 'current');
    state.addCopy(set, 'esx-02', 0, 'current');
    state.addCopy(set, 'esx-03', 0, 'current', true);
    return { ctx, set };
  };

  it('fullDataMigration finds its moves, or refuses them, without touching the storage stream', () => {
    const four = context(4);
    expect(planVsanMaintenance(four.ctx, 'esx-01', 'fullDataMigration')).toEqual({ evacuate: [four.set] });
    const three = context(3);
    const plan = planVsanMaintenance(three.ctx, 'esx-01', 'fullDataMigration');
    expect('blocked' in plan && plan.blocked).toMatch(/cannot move v-001 off esx-01: no disk/);
    expect(vsanCanPlace(four.ctx, four.set, ['esx-01', 'esx-02', 'esx-03'])).toEqual({ host: 'esx-04', disk: 0 });
  });
});
