import fc from 'fast-check';
import { volumeHealth } from '../support/volume-health.ts';
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/core/trace.ts';
import { runScenario } from '../../sim/run.ts';
import { crushChoose, crushMap, pgNum, type CrushMap, type Osd } from '../../sim/storage/ceph-crush.ts';
import { crushHash2, crushHash3 } from '../../sim/storage/ceph-hash.ts';
import { stripe, type PoolContents } from '../../sim/storage/ceph-rbd.ts';
import { OkToStop } from '../../sim/storage/ceph-ok-to-stop.ts';
import { osdRecoveryMiBps } from '../../sim/storage/ceph-recovery.ts';
import { OPENSTACK } from '../../sim/platforms/openstack.ts';
import type { PolicyContext } from '../../sim/storage/policy.ts';
import type { ReplicaSet } from '../../sim/storage/types.ts';
import { scenarioFrom } from '../support/scenario.ts';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const OUT_MS = 600_000;

interface Cluster {
  platform?: string;
  hosts: number;
  disks: number;
  sizeTiB?: number;
  vms: number;
  diskGiB: number;
  writeMiBps?: number;
  policies?: string;
  schedule?: string[];
  racks?: number;
  diskClass?: string;
}

/** An OpenStack (Ceph) cluster of `hosts` x `disks` OSDs; VMs named v-001... with one volume each. */
function yaml(c: Cluster): string {
  const disks = `disks: { count: ${c.disks}, sizeTiB: ${c.sizeTiB ?? 2}${c.diskClass ? `, class: ${c.diskClass}` : ''} }`;
  const hosts = c.racks
    ? Array.from({ length: c.racks }, (_, r) => `  - { group: r${r + 1}n, count: ${c.hosts / c.racks!}, cores: 64, memoryGiB: 512, nicGbps: 10, rack: r${r + 1}, ${disks} }`)
    : [`  - { group: n, count: ${c.hosts}, cores: 64, memoryGiB: 512, nicGbps: 10, ${disks} }`];
  return `
name: t
platform: ${c.platform ?? 'openstack'}
hosts:
${hosts.join('\n')}
vms: [{ group: v, count: ${c.vms}, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: ${c.diskGiB}, diskWriteMiBps: ${c.writeMiBps ?? 0} }]
policies: { ha: { enabled: false }, storage: { ${c.policies ?? ''} } }
schedule:
${(c.schedule ?? []).map((s) => `  - ${s}`).join('\n') || '  []'}
`;
}

const run = (c: Cluster, untilMs?: number) => runScenario(scenarioFrom(yaml(c)), { keepEvents: true, check: true, untilMs });
const of = (events: TraceEvent[], type: string) => events.filter((e) => e.type === type);
type Placed = { host: string; disk: number }[];
const placements = (events: TraceEvent[]) => new Map(of(events, 'storage.place').map((e) => [e.set as string, e.copies as Placed]));

/** `hosts` x `disks` OSDs as osdsOf() numbers them, each host its own failure domain (or rack of `perRack`). */
function osdMap(hosts: number, disks: number, weight: (host: number) => number, perRack?: number): CrushMap {
  const osds: Osd[] = [];
  for (let h = 0; h < hosts; h++) {
    const domain = perRack ? `r-${Math.floor(h / perRack)}` : `n-${h}`;
    for (let d = 0; d < disks; d++) osds.push({ id: osds.length, host: `n-${h}`, hostIndex: h, disk: d, domain, weight: weight(h) });
  }
  return crushMap(osds);
}

function pgsPerOsd(map: CrushMap, pgs: number, size: number, from = 0): number[] {
  const counts = new Array<number>(map.osds.length).fill(0);
  for (let pg = from; pg < from + pgs; pg++) for (const o of crushChoose(pg, map, size, new Set(), () => true)) counts[o.id]++;
  return counts;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('Ceph pool and CRUSH placement', () => {
  it("pg_num is the PG calculator's power of two nearest 100 PGs per OSD x OSDs / size", () => {
    expect(pgNum(48, 3, 100)).toBe(2048); // 1,600: 2,048 is nearer than 1,024
    expect(pgNum(200, 3, 100)).toBe(8192); // Red Hat's worked example: 6,667 -> 8,192
    expect(pgNum(21, 3, 100)).toBe(1024); // 700: the nearest, 512, is more than 25 % below, so 1,024
    expect(pgNum(12, 3, 100)).toBe(512);
    expect(pgNum(6, 3, 0.1)).toBe(2); // never fewer than OSDs / size
    const { events } = run({ hosts: 6, disks: 2, vms: 2, diskGiB: 10 });
    expect(of(events, 'storage.pool')[0]).toMatchObject({ osds: 12, pgNum: 512, size: 3, minSize: 2 });
    expect(of(events, 'storage.place').length).toBe(512);
  });

  it("hashes objects and straws with Ceph's crush_hash32_rjenkins1 (values from the C macro in src/crush/hash.c)", () => {
    expect([crushHash2(0, 1), crushHash2(12345, 1)]).toEqual([91478055, 3620576177]);
    expect([crushHash3(1, 2, 3), crushHash3(4000000000, 7, 0), crushHash3(0, 0, 0)]).toEqual([1935332395, 2036749014, 2050749362]);
  });

  it('puts the size copies of every PG on distinct hosts', () => {
    for (const copies of placements(run({ hosts: 6, disks: 2, vms: 2, diskGiB: 10 }).events).values()) {
      expect(copies.length).toBe(3);
      expect(new Set(copies.map((c) => c.host)).size).toBe(3);
    }
  });

  it('with racks, puts the copies in distinct racks; with fewer racks than copies the PGs run undersized', () => {
    const rackOf = (host: string) => host.slice(0, 2);
    for (const copies of placements(run({ hosts: 6, racks: 3, disks: 1, vms: 2, diskGiB: 10 }).events).values()) {
      expect(new Set(copies.map((c) => rackOf(c.host))).size).toBe(3);
    }
    const two = run({ hosts: 4, racks: 2, disks: 1, vms: 2, diskGiB: 10 }, 3_600_000);
    expect(of(two.events, 'storage.unplaced').length).toBe(of(two.events, 'storage.place').length);
    expect(two.summary.storage.degradedVolumeHours).toBeCloseTo(2, 6);
    expect(two.summary.storage.inaccessibleVolumeHours).toBe(0);
  });

  it('keeps PG counts per OSD within 30 % of the mean when the OSDs weigh the same', () => {
    const counts = pgsPerOsd(osdMap(12, 4, () => 3.84), 2048, 3);
    // 128 per OSD on average; straw2 is random, so the spread is about sqrt(128) = 11 (3.4 sd = 30 %).
    for (const n of counts) expect(Math.abs(n - 128)).toBeLessThanOrEqual(0.3 * 128);
  });

  it('gives OSDs PGs in proportion to their CRUSH weight (all copies within 10 %: the multi-pick anomaly)', () => {
    const osds = osdMap(12, 4, (h) => (h < 6 ? 2 : 4));
    const ratio = (counts: number[]) => sum(counts.slice(24)) / sum(counts.slice(0, 24));
    // First choices follow straw2 exactly: weight / total.
    expect(ratio(pgsPerOsd(osds, 16384, 1))).toBeCloseTo(2, 1);
    // Later replicas skip used hosts, which under-fills heavy ones a little, as in CRUSH itself
    // (the "multi-pick anomaly": gist.github.com/cernceph/ac273d5846ae8cdd6b5abd4e0574ec55).
    const all = ratio(pgsPerOsd(osds, 16384, 3));
    expect(all).toBeGreaterThan(1.8);
    expect(all).toBeLessThan(2);
  });

  it("moves only the copy on an OSD that goes out, to the best straw outside the PG's other domains", () => {
    const arb = fc.record({
      hosts: fc.integer({ min: 3, max: 9 }),
      disks: fc.integer({ min: 1, max: 4 }),
      weights: fc.array(fc.constantFrom(1, 2, 4), { minLength: 9, maxLength: 9 }),
      size: fc.integer({ min: 1, max: 3 }),
      pg: fc.nat(100_000),
      out: fc.nat(),
    });
    fc.assert(
      fc.property(arb, ({ hosts, disks, weights, size, pg, out }) => {
        const osds = osdMap(hosts, disks, (h) => weights[h]);
        const gone = osds.osds[out % osds.osds.length];
        const before = crushChoose(pg, osds, size, new Set(), () => true);
        const after = crushChoose(pg, osds, size, new Set(), (o) => o !== gone);
        expect(new Set(before.map((o) => o.domain)).size).toBe(size);
        const kept = before.filter((o) => o !== gone);
        const [replacement] = crushChoose(pg, osds, 1, new Set(kept.map((o) => o.domain)), (o) => o !== gone);
        if (before.includes(gone)) expect(new Set(after)).toEqual(new Set(replacement ? [...kept, replacement] : kept));
        else expect(after).toEqual(before);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('CRUSH tree at scale', () => {
  it('with hundreds of hosts in virtual buckets, still gives hosts PGs by weight and moves only the copy of an OSD that goes out', () => {
    const map = osdMap(300, 4, (h) => (h % 3 === 0 ? 8 : 4));
    const heavy = (counts: number[]) => sum(counts.filter((_, id) => Math.floor(id / 4) % 3 === 0));
    const counts = pgsPerOsd(map, 8192, 1);
    expect(heavy(counts) / (sum(counts) - heavy(counts))).toBeCloseTo(1, 1); // 100 hosts of 8 vs 200 of 4
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1199), (pg, out) => {
        const gone = map.osds[out];
        const before = crushChoose(pg, map, 3, new Set(), () => true);
        const after = crushChoose(pg, map, 3, new Set(), (o) => o.host !== gone.host);
        const kept = before.filter((o) => o.host !== gone.host);
        expect(after.filter((o) => kept.includes(o))).toEqual(kept);
        expect(after.length).toBe(3);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('with racks, puts copies in distinct racks among hundreds of hosts', () => {
    const map = osdMap(400, 2, () => 4, 40);
    for (let pg = 0; pg < 500; pg++) expect(new Set(crushChoose(pg, map, 3, new Set(), () => true).map((o) => o.domain)).size).toBe(3);
  });

  it('finds the last free failure domain exhaustively when the draws keep missing it', () => {
    // One host weighs 1/4000 of the rest: 50 draws almost never land on it, CRUSH itself would give up.
    const map = osdMap(5, 1, (h) => (h === 4 ? 0.001 : 1));
    for (let pg = 0; pg < 50; pg++) expect(crushChoose(pg, map, 5, new Set(), () => true).map((o) => o.host).sort()).toEqual(['n-0', 'n-1', 'n-2', 'n-3', 'n-4']);
    expect(crushChoose(1, map, 5, new Set(['n-4']), () => true).length).toBe(4);
  });
});

describe('RBD striping over placement groups', () => {
  const volume = (id: string, gib: number, writeMiBps: number) => ({ id, vm: id, bytes: gib * GiB, vmHost: 'n-01', writeBytesPerSec: writeMiBps * MiB });

  const touching = (pool: PoolContents, v: number) => Array.from({ length: pool.relation.pgNum }, (_, pg) => pool.relation.volumesOf(pg)).filter((vs) => vs.includes(v)).length;

  it("conserves every volume's bytes and writes, split over the PGs it touches", () => {
    const volumes = [volume('a', 0.25, 2), volume('b', 3, 5)];
    const pool = stripe(volumes, 1024, 4 * MiB);
    expect(sum([...pool.bytes])).toBeCloseTo(3.25 * GiB, 0);
    expect(sum([...pool.writeBytesPerSec])).toBeCloseTo(7 * MiB, 3);
    for (let pg = 0; pg < 1024; pg++) {
      const expected = sum(pool.relation.volumesOf(pg).map((v) => volumes[v].bytes / touching(pool, v)));
      expect(pool.bytes[pg]).toBeCloseTo(expected, 0);
    }
  });

  it('puts a volume of n objects in as many PGs as n objects hash to, on average: pg_num x (1 - (1 - 1/pg_num)^n)', () => {
    // 300 volumes of 64 objects over 1,024 PGs: 62.06 PGs each; one volume's count varies by about 7.6.
    const volumes = Array.from({ length: 300 }, (_, i) => volume(`v-${i}`, 0.25, 0));
    const pool = stripe(volumes, 1024, 4 * MiB);
    const perVolume = new Array<number>(300).fill(0);
    const perPg: number[] = [];
    for (let pg = 0; pg < 1024; pg++) {
      const vs = pool.relation.volumesOf(pg);
      perPg.push(vs.length);
      for (const v of vs) perVolume[v]++;
    }
    const q = 1 - (1 - 1 / 1024) ** 64;
    expect(sum(perVolume) / 300).toBeCloseTo(1024 * q, 0);
    expect(Math.max(...perVolume)).toBeLessThan(1024 * q + 5 * Math.sqrt(1024 * q));
    // A PG holds each volume with probability q: about 18.2 volumes, binomially spread (sd 4.1).
    expect(sum(perPg) / 1024).toBeCloseTo(300 * q, 0);
    const variance = sum(perPg.map((n) => (n - 300 * q) ** 2)) / 1024;
    expect(variance).toBeGreaterThan(300 * q * (1 - q) * 0.8);
    expect(variance).toBeLessThan(300 * q * (1 - q) * 1.2);
  });

  it('spreads a volume of at least 20 objects per PG evenly over every PG', () => {
    const pool = stripe([volume('big', 80, 8)], 1024, 4 * MiB); // 20,480 objects
    for (let pg = 0; pg < 1024; pg++) expect(pool.relation.volumesOf(pg)).toEqual([0]);
    expect(pool.bytes[0]).toBe(pool.bytes[1023]);
    expect(pool.bytes[7]).toBeCloseTo((80 * GiB) / 1024, 0);
  });
});

describe('Ceph recovery', () => {
  it("backfills a failed disk's PGs after mon_osd_down_out_interval, from many hosts to many hosts at once", () => {
    const c = { hosts: 10, disks: 2, vms: 4, diskGiB: 200, schedule: ['{ at: 1h, do: failDisk, host: n-04, disk: 1 }'] };
    const { events, violations, summary } = run(c);
    expect(violations).toEqual([]);
    const onDisk = [...placements(events)].filter(([, copies]) => copies.some((p) => p.host === 'n-04' && p.disk === 1)).map(([pg]) => pg);
    const starts = of(events, 'replica.rebuild.start');
    // Exactly the PGs that had a copy on the disk move (straw2's stability), each once.
    expect(starts.map((s) => s.set).sort()).toEqual(onDisk.sort());
    for (const s of starts) expect(s.t).toBeGreaterThanOrEqual(3_600_000 + OUT_MS);
    // Every other host sends (the primaries); every host receives, n-04 too through its other OSD.
    expect(new Set(starts.flatMap((s) => s.from as string[])).size).toBe(9);
    expect(new Set(starts.map((s) => s.to)).size).toBe(10);
    const running = (t: number) => starts.filter((s) => s.t <= t).length - of(events, 'replica.rebuild.end').filter((e) => e.t <= t).length;
    expect(running(3_600_000 + OUT_MS)).toBeGreaterThanOrEqual(10);
    expect(summary.storage.volumesLost).toBe(0);
  });

  it("recovers a failed disk faster than Longhorn's single-source rebuild of the same data on the same hosts", () => {
    // Same hosts, disks, NICs and volumes; the same wait and per-stream rate; each kind's own throttle.
    const c = { hosts: 6, disks: 2, vms: 4, diskGiB: 300, policies: 'repairDelay: 10m, rebuildStreamMiBps: 100', schedule: ['{ at: 1h, do: failDisk, host: n-02, disk: 1 }'] };
    const recovery = (platform: string) => {
      const { events, summary } = run({ ...c, platform });
      const first = Math.min(...of(events, 'replica.rebuild.start').map((e) => e.t));
      const last = Math.max(...of(events, 'replica.rebuild.end').map((e) => e.t));
      return { seconds: (last - first) / 1000, gib: summary.storage.rebuiltGiB };
    };
    const ceph = recovery('openstack');
    const longhorn = recovery('harvester');
    // 12 replicas of 300 GiB over 12 disks: the disk held one Longhorn replica; its OSD about as much.
    expect(longhorn.gib).toBe(300);
    expect(Math.abs(ceph.gib - longhorn.gib) / longhorn.gib).toBeLessThan(0.25);
    expect(longhorn.seconds).toBeCloseTo((300 * 1024) / 100, 0); // one stream at 100 MiB/s
    // Ten OSDs on other hosts can each send one backfill at a time; the busiest OSD bounds the rest.
    expect(ceph.seconds).toBeLessThan(longhorn.seconds / 2);
  });

  it("with racks as failure domains, re-replicates a failed host's PGs within its rack", () => {
    const { events, summary } = run({ hosts: 6, racks: 3, disks: 1, vms: 2, diskGiB: 20, schedule: ['{ at: 1h, do: failHost, host: r2n-01 }'] });
    const starts = of(events, 'replica.rebuild.start');
    expect(starts.length).toBe(of(events, 'replica.absent.expire').length);
    expect(starts.length).toBeGreaterThan(0);
    // Three racks for three copies: the out OSD frees its rack, and only r2n-02 is left in it.
    for (const s of starts) expect(s.to).toBe('r2n-02');
    expect(of(events, 'replica.rebuild.blocked')).toEqual([]);
    expect(summary.storage.volumesLost).toBe(0);
  });

  it('blocks I/O on PGs below min_size and resumes it when backfill restores a second copy', () => {
    const two = run({ hosts: 5, disks: 1, vms: 3, diskGiB: 20, schedule: ['{ at: 1h, do: failHost, host: n-01 }', '{ at: 1h, do: failHost, host: n-02 }'] });
    const blocked = volumeHealth(two.events).filter((e) => e.health === 'inaccessible');
    expect(blocked.length).toBe(3);
    for (const e of blocked) expect(e.t).toBe(3_600_000);
    expect(two.summary.storage.inaccessibleVolumeHours).toBeGreaterThan((3 * OUT_MS) / 3_600_000);
    expect(two.summary.storage.inaccessibleVolumeHours).toBeLessThan(3 * 0.5);
    expect(volumeHealth(two.events).filter((e) => e.health === 'healthy').length).toBe(3);
    const one = run({ hosts: 5, disks: 1, vms: 3, diskGiB: 20, schedule: ['{ at: 1h, do: failHost, host: n-01 }'] });
    expect(one.summary.storage.inaccessibleVolumeHours).toBe(0);
    expect(one.summary.storage.degradedVolumeHours).toBeGreaterThan((3 * OUT_MS) / 3_600_000);
  });

  it('with noout, a host in maintenance starts no backfill; its OSDs recover only the writes they missed', () => {
    const c = { hosts: 6, disks: 2, vms: 4, diskGiB: 50, writeMiBps: 4, schedule: ['{ at: 1h, do: rollingMaintenance, hosts: "n-01", workDuration: 30m }'] };
    const { events, summary } = run(c);
    expect(of(events, 'replica.rebuild.start').filter((e) => e.kind !== 'resync')).toEqual([]);
    const onHost = [...placements(events)].filter(([, copies]) => copies.some((p) => p.host === 'n-01')).map(([pg]) => Number(pg.slice(3)));
    const volumes = of(events, 'vm.place').map((e) => ({ id: e.vm as string, vm: '', bytes: 50 * GiB, vmHost: '', writeBytesPerSec: 4 * MiB }));
    const pool = stripe(volumes, 512, 4 * MiB);
    const missed = sum(onHost.map((pg) => pool.writeBytesPerSec[pg] * 1800));
    const resynced = sum(of(events, 'replica.rebuild.end').map((e) => e.bytes as number));
    expect(resynced).toBeCloseTo(missed, -3);
    expect(summary.storage.copies.resyncs).toBe(onHost.length);
    // Without noout the OSDs are marked out 600 s into the window and their PGs backfill in full.
    const noNoout = run({ ...c, policies: 'ceph: { nooutDuringMaintenance: false }' });
    const down = of(noNoout.events, 'host.maintenance.start')[0].t;
    const backfills = of(noNoout.events, 'replica.rebuild.start').filter((e) => e.kind === 'rebuild');
    expect(backfills.length).toBe(onHost.length);
    expect(Math.min(...backfills.map((e) => e.t))).toBe(down + OUT_MS);
  });

  it('loses every volume striped over a PG whose copies all fail, and only those', () => {
    // 32 MiB objects (rbd's largest): each 256 MiB volume sits in at most 8 of the 256 PGs.
    const base = { hosts: 6, disks: 1, vms: 12, diskGiB: 0.25, policies: 'ceph: { objectSizeMiB: 32 }' };
    const copies = placements(run(base, 1).events).get('pg-0')!;
    const schedule = copies.map((p) => `{ at: 1h, do: failDisk, host: ${p.host}, disk: ${p.disk} }`);
    const { events, summary, violations } = run({ ...base, schedule });
    expect(violations).toEqual([]);
    const lostSets = of(events, 'replicaset.lost');
    expect(lostSets.map((e) => e.set)).toContain('pg-0');
    const expected = new Set(lostSets.flatMap((e) => e.volumes as string[]));
    const lost = new Set(volumeHealth(events).filter((e) => e.health === 'lost').map((e) => e.volume));
    expect(lost).toEqual(expected);
    expect(lost.size).toBeGreaterThan(0);
    expect(lost.size).toBeLessThan(12);
    expect(summary.storage.volumesLost).toBe(lost.size);
  });
});

describe('ceph osd ok-to-stop before a host enters maintenance', () => {
  const rollout = (concurrency: number) => [`{ at: 1h, do: rollingMaintenance, hosts: "*", concurrency: ${concurrency}, workDuration: 30m }`];

  it('holds a second host of a concurrency-2 rollout on 6 hosts until the first is back: no volume blocks, the waits are in the summary', () => {
    const c = { hosts: 6, disks: 2, vms: 12, diskGiB: 50, writeMiBps: 1, schedule: rollout(2) };
    const { events, summary, violations } = run(c);
    expect(violations).toEqual([]);
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
    expect(summary.maintenance.hostsCompleted).toBe(6);
    // Never two hosts' OSDs down at once: each host stops after the previous one is back.
    let down = 0;
    for (const e of events) {
      if (e.type === 'host.maintenance.start') expect(++down).toBe(1);
      if (e.type === 'host.maintenance.end') down--;
    }
    // n-02 .. n-06 each waited, drained, for the host before it: one refusal and one consent each.
    const refused = of(events, 'storage.stop.refuse');
    expect(refused.map((e) => e.host)).toEqual(['n-02', 'n-03', 'n-04', 'n-05', 'n-06']);
    for (const e of refused) expect(e.sets).toBeGreaterThan(0);
    const allowed = of(events, 'storage.stop.allow');
    expect(allowed.map((e) => e.host)).toEqual(refused.map((e) => e.host));
    for (const e of allowed) {
      // Allowed right after the host before it returned and its copies caught up (seconds of resync).
      const back = of(events, 'host.maintenance.end').filter((x) => x.t <= e.t).at(-1)!;
      expect(e.t - back.t).toBeLessThan(60_000);
    }
    const waits = summary.maintenance.stalls.filter((s) => s.reason.includes('ok-to-stop'));
    expect(waits.map((s) => s.host)).toEqual(['n-02', 'n-03', 'n-04', 'n-05', 'n-06']);
    for (const d of summary.maintenance.drains.filter((x) => x.host !== 'n-01')) expect(d.storageWaitSeconds).toBeGreaterThan(25 * 60);
    // Without the check both hosts of a pair stop together and the PGs they share block I/O.
    const unchecked = run({ ...c, policies: 'ceph: { okToStop: false }' });
    expect(unchecked.summary.storage.inaccessibleVolumeHours).toBeGreaterThan(12 * 0.5 * 3 * 0.9);
    expect(of(unchecked.events, 'storage.stop.refuse')).toEqual([]);
    expect(unchecked.summary.maintenance.stalls).toEqual([]);
  });

  it('lets the hosts of one rack stop together when racks are the failure domains, and holds the next rack', () => {
    // Enough writes that the returning rack's resync outlasts the next rack's drain: ok-to-stop must hold it.
    const { events, summary } = run({ hosts: 6, racks: 3, disks: 1, vms: 6, diskGiB: 200, writeMiBps: 50, schedule: rollout(2) });
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
    const starts = of(events, 'host.maintenance.start');
    // Both hosts of a rack start within seconds of each other; the next rack starts after they return.
    for (let r = 0; r < 3; r++) expect(Math.abs(starts[2 * r].t - starts[2 * r + 1].t)).toBeLessThan(60_000);
    // Only hosts of the later racks are ever refused: within a rack no PG has two copies.
    const refused = of(events, 'storage.stop.refuse').map((e) => e.host as string);
    expect(refused.length).toBeGreaterThan(0);
    for (const h of refused) expect(h).not.toMatch(/^r1n/);
    const ends = of(events, 'host.maintenance.end');
    expect(starts[2].t).toBeGreaterThanOrEqual(Math.max(ends[0].t, ends[1].t));
    expect(starts[4].t).toBeGreaterThanOrEqual(Math.max(ends[2].t, ends[3].t));
  });

  it("waits for a failed disk's PGs to be backfilled before a host sharing them may stop", () => {
    const { events, summary } = run({ hosts: 5, disks: 1, vms: 4, diskGiB: 20, schedule: ['{ at: 1h, do: failDisk, host: n-05, disk: 0 }', '{ at: 61m, do: rollingMaintenance, hosts: "n-01" }'] });
    expect(summary.storage.inaccessibleVolumeHours).toBe(0);
    const refused = of(events, 'storage.stop.refuse');
    expect(refused.map((e) => e.host)).toEqual(['n-01']);
    // The disk's PGs are marked out 600 s after it failed; n-01 stops once the last PG it shares is whole.
    const start = of(events, 'host.maintenance.start')[0].t;
    expect(start).toBeGreaterThan(3_600_000 + OUT_MS);
    const backfilled = of(events, 'replica.rebuild.end').filter((e) => e.t <= start);
    expect(backfilled.length).toBeGreaterThan(0);
  });
});

describe('ok-to-stop counts', () => {
  it('match a scan of every PG after any sequence of copy changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pg: fc.nat(7), copy: fc.nat(2), state: fc.constantFrom('current', 'absent', 'building') as fc.Arbitrary<'current' | 'absent' | 'building'> }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 3 }),
        (changes, minSize) => {
          const hosts = ['a', 'b', 'c', 'd', 'e'];
          const index = new OkToStop(new Map(hosts.map((h, i) => [h, i])), minSize);
          const sets = Array.from({ length: 8 }, (_, id) => ({
            id, copies: [0, 1, 2].map((k) => ({ host: hosts[(id + k) % 5], witness: false, state: 'current' as 'current' | 'absent' | 'building' })),
          }));
          for (const s of sets) index.setChanged(s as unknown as ReplicaSet);
          for (const ch of changes) {
            sets[ch.pg].copies[ch.copy].state = ch.state;
            index.setChanged(sets[ch.pg] as unknown as ReplicaSet);
          }
          for (const h of hosts) {
            const scan = sets.filter((s) => {
              const up = s.copies.filter((c) => c.state === 'current');
              return up.some((c) => c.host === h) && up.length <= minSize;
            }).length;
            expect(index.blockedBy(h)).toBe(scan);
          }
        },
      ),
    );
  });
});

describe('Ceph recovery rate under mClock', () => {
  const ctx = (ceph: Record<string, number> = {}) => {
    const params = structuredClone(OPENSTACK.defaults);
    Object.assign(params.policies.storage.ceph, ceph);
    return { params } as unknown as PolicyContext;
  };

  it("is the balanced profile's 50 % recovery reservation of the OSD's sequential bandwidth for 4 MiB objects", () => {
    expect(osdRecoveryMiBps(ctx(), 'hdd')).toBe(75); // 0.5 x min(150, 315 x 4)
    expect(osdRecoveryMiBps(ctx(), 'ssd')).toBe(600); // 0.5 x min(1200, 21500 x 4)
    expect(osdRecoveryMiBps(ctx(), 'nvme')).toBe(600); // Ceph sizes NVMe with the ssd options
    expect(osdRecoveryMiBps(ctx({ recoveryReservation: 0.7 }), 'hdd')).toBeCloseTo(105, 9); // high_recovery_ops
  });

  it('is IOPS-bound for objects smaller than bandwidth / IOPS, and a push carries at most 8 MiB', () => {
    expect(osdRecoveryMiBps(ctx({ objectSizeMiB: 0.25 }), 'hdd')).toBeCloseTo(0.5 * 315 * 0.25, 9);
    expect(osdRecoveryMiBps(ctx({ objectSizeMiB: 64, hddSequentialMiBps: 1000, hddIops: 10 }), 'hdd')).toBe(0.5 * 10 * 8);
  });

  it("backfills each PG of a failed HDD OSD at the HDD OSDs' recovery rate, not the NIC's", () => {
    const c = { hosts: 6, disks: 2, vms: 4, diskGiB: 100, schedule: ['{ at: 1h, do: failDisk, host: n-02, disk: 1 }'] };
    const rates = (diskClass: string) => {
      const ends = of(run({ ...c, diskClass }).events, 'replica.rebuild.end').filter((e) => e.kind === 'rebuild');
      expect(ends.length).toBeGreaterThan(0);
      return ends.map((e) => (e.bytes as number) / MiB / ((e.durationMs as number) / 1000));
    };
    // 10 GbE gives one stream up to ~1,190 MiB/s; each backfill runs at its OSDs' rate instead.
    for (const r of rates('hdd')) expect(r).toBeCloseTo(75, 0);
    // SSD OSDs recover at 600 MiB/s, so two backfills out of one host can meet its 10 GbE NIC.
    const ssd = rates('ssd');
    for (const r of ssd) expect(r).toBeLessThanOrEqual(600.5);
    expect(Math.max(...ssd)).toBeCloseTo(600, 0);
  });

  it("takes a host group's disk class, else the platform's storage.diskClass", () => {
    const c = { hosts: 6, disks: 1, vms: 2, diskGiB: 50, schedule: ['{ at: 1h, do: failDisk, host: n-02, disk: 0 }'] };
    const rate = (extra: Partial<Cluster>, storage = '') => {
      const text = yaml({ ...c, ...extra }).replace('policies:', `${storage}policies:`);
      const e = of(runScenario(scenarioFrom(text), { keepEvents: true }).events, 'replica.rebuild.end').find((x) => x.kind === 'rebuild')!;
      return (e.bytes as number) / MiB / ((e.durationMs as number) / 1000);
    };
    expect(rate({})).toBeCloseTo(600, 0); // openstack's default: ssd
    expect(rate({}, 'storage: { diskClass: hdd }\n')).toBeCloseTo(75, 0);
    expect(rate({ diskClass: 'hdd' })).toBeCloseTo(75, 0);
    expect(rate({ diskClass: 'ssd' }, 'storage: { diskClass: hdd }\n')).toBeCloseTo(600, 0);
  });
});
