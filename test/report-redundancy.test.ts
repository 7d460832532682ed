import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../sim/events/catalogue.ts';
import { ComplianceFold } from '../sim/report-compliance.ts';
import { ExposureFold } from '../sim/report-exposure.ts';
import { RiskFold, windowLossProbability } from '../sim/report-risk.ts';
import { runScenario } from '../sim/run.ts';
import { scenarioFrom } from './support/scenario.ts';

const H = 3_600_000;
const YEAR_H = 8766;
const at = (host: string) => `${host}/0`;

/** A replicaset.copies event of one set: `held` hold the data, `away` do not (hosts, disk 0). */
function copies(t: number, set: string, held: string[], away: string[] = [], wanted = 2, needed = 1, volumes = 1, share = 1): SimEvent {
  return { t, type: 'replicaset.copies', sets: [{ set, copies: held.map(at), away: away.map(at), needed, wanted, volumes, share }] };
}

describe('per-host time to compliance', () => {
  it('waits only for the returning host\'s own volumes, not for another host\'s', () => {
    const fold = new ComplianceFold();
    const events: SimEvent[] = [
      // a has copies on h1 and h2; b on h3 and h4. h1 is in maintenance, h3 fails.
      copies(1 * H, 'a', ['h2'], ['h1']),
      copies(1 * H, 'b', ['h4'], ['h3']),
      { t: 2 * H, type: 'host.maintenance.end', host: 'h1' },
      copies(2 * H + 60_000, 'a', ['h2', 'h1']),
      { t: 3 * H, type: 'host.repair', host: 'h3' },
      copies(5 * H, 'b', ['h4', 'h3']),
    ];
    for (const e of events) fold.onEvent(e);
    const { timeToCompliance, timeToComplianceSeconds } = fold.figures();
    // Cluster-wide, h1 would have waited until b was whole at 5 h (3 h after its return).
    expect(timeToCompliance).toEqual([
      { host: 'h1', cause: 'maintenance', returnedSeconds: 7200, volumes: 1, compliantAfterSeconds: 60 },
      { host: 'h3', cause: 'repair', returnedSeconds: 10800, volumes: 1, compliantAfterSeconds: 7200 },
    ]);
    expect(timeToComplianceSeconds).toEqual({ returns: 2, unresolved: 0, max: 7200, mean: 3630 });
  });

  it('a host whose volumes were already made whole elsewhere is compliant at once; one still short at the end is unresolved', () => {
    const fold = new ComplianceFold();
    fold.onEvent(copies(0, 'a', ['h2', 'h3'], ['h1']));
    fold.onEvent(copies(0, 'b', ['h2'], ['h1']));
    fold.onEvent({ t: H, type: 'host.repair', host: 'h1' });
    const { timeToCompliance, timeToComplianceSeconds } = fold.figures();
    expect(timeToCompliance[0]).toMatchObject({ volumes: 1, compliantAfterSeconds: null });
    expect(timeToComplianceSeconds).toEqual({ returns: 1, unresolved: 1, max: 0, mean: 0 });
  });

  it('counts the sets its return itself makes short (a vSAN component resyncing from its durability component), not later ones', () => {
    const fold = new ComplianceFold();
    fold.onEvent({ t: H, type: 'host.maintenance.end', host: 'h1' });
    fold.onEvent(copies(H, 'a', ['h2'], ['h1']));
    fold.onEvent(copies(H + 1000, 'b', ['h2'], ['h1']));
    fold.onEvent(copies(H + 35_000, 'a', ['h2', 'h1']));
    const { timeToCompliance } = fold.figures();
    expect(timeToCompliance).toEqual([{ host: 'h1', cause: 'maintenance', returnedSeconds: 3600, volumes: 1, compliantAfterSeconds: 35 }]);
  });

  it('in a rolling update, a host is compliant once its own copies hold the data again, though the next host keeps the set short', () => {
    const fold = new ComplianceFold();
    const events: SimEvent[] = [
      copies(0, 'a', ['h2', 'h3'], ['h1'], 3),
      { t: H, type: 'host.maintenance.end', host: 'h1' },
      // h2 goes before h1's resync is over: the set is never whole until h2's is.
      copies(H + 300_000, 'a', ['h3'], ['h1', 'h2'], 3),
      copies(H + 600_000, 'a', ['h3', 'h1'], ['h2'], 3),
      { t: H + 1_200_000, type: 'host.maintenance.end', host: 'h2' },
      copies(H + 1_800_000, 'a', ['h3', 'h1', 'h2'], [], 3),
    ];
    for (const e of events) fold.onEvent(e);
    expect(fold.figures().timeToCompliance).toEqual([
      { host: 'h1', cause: 'maintenance', returnedSeconds: 3600, volumes: 1, compliantAfterSeconds: 600 },
      { host: 'h2', cause: 'maintenance', returnedSeconds: 4800, volumes: 1, compliantAfterSeconds: 600 },
    ]);
  });

  it('a host whose returning copy is replaced by a rebuild elsewhere waits for that copy, not for the set to be whole', () => {
    const fold = new ComplianceFold();
    fold.onEvent(copies(0, 'b', ['h2', 'h4'], ['h1'], 3));
    fold.onEvent({ t: H, type: 'host.repair', host: 'h1' });
    // Its copy is dropped (replaced: a rebuild to h5 runs), then h4 leaves for maintenance.
    fold.onEvent(copies(H + 60_000, 'b', ['h2', 'h4'], ['h5'], 3));
    fold.onEvent(copies(H + 120_000, 'b', ['h2'], ['h5', 'h4'], 3));
    expect(fold.figures().timeToCompliance[0].compliantAfterSeconds).toBeNull();
    fold.onEvent(copies(H + 600_000, 'b', ['h2', 'h5'], ['h4'], 3));
    expect(fold.figures().timeToCompliance).toEqual([{ host: 'h1', cause: 'repair', returnedSeconds: 3600, volumes: 1, compliantAfterSeconds: 600 }]);
  });

  it('in a run, each host of a rolling Longhorn update is compliant when its own copies are resynced, not at the cluster\'s last resync', () => {
    const yaml = readFileSync('scenarios/harvester-firmware-rollout.yaml', 'utf8').replace('workDuration: 15m', 'workDuration: 5m');
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true });
    const resyncs = events.flatMap((e) => (e.type === 'replica.rebuild.end' && e.kind === 'resync' ? [e] : []));
    const clusterLast = resyncs.at(-1)!.t / 1000;
    const returns = summary.storage.timeToCompliance;
    expect(returns.map((r) => r.host)).toEqual(['node-01', 'node-02', 'node-03', 'node-04']);
    for (const r of returns) {
      // Its last resync after its return brought its copies back.
      const own = resyncs.filter((e) => e.to === r.host && e.t / 1000 >= r.returnedSeconds).at(-1)!.t / 1000;
      expect(r.returnedSeconds + r.compliantAfterSeconds!).toBeCloseTo(own, 3);
    }
    // node-02 is compliant hours before the cluster's last resync (node-04's, about 24,600 s).
    expect(returns[1].returnedSeconds + returns[1].compliantAfterSeconds!).toBeLessThan(clusterLast - 5000);
  });

  it('in a run, a host back from 5 minutes of work is compliant within a minute although another host\'s volumes are still short', () => {
    // vSAN FTT=1 without durability components: h-04 fails at 30 min, its objects wait for the
    // 60-minute repair timer, then a rebuild; h-01's objects (those sharing h-04 were moved before
    // its maintenance) resync 5 minutes of writes.
    const yaml = `name: t
platform: vsphere
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 1, sizeTiB: 4 } }]
vms: [{ group: v, count: 8, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 100 }]
policies: { storage: { vsan: { durabilityComponents: none } } }
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: "h-01", workDuration: 5m }
  - { at: 30m, do: failHost, host: h-04, repairAfter: 30d }
until: 6h
`;
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    const [own] = summary.storage.timeToCompliance;
    expect(own).toMatchObject({ host: 'h-01', cause: 'maintenance' });
    expect(own.volumes).toBeGreaterThan(0);
    expect(own.compliantAfterSeconds!).toBeLessThan(60);
    // The cluster was not whole until h-04's volumes were rebuilt, long after h-01 returned.
    const returned = events.find((e) => e.type === 'host.maintenance.end')!.t;
    const lastHealthy = events.filter((e) => e.type === 'volume.health' && e.health === 'healthy').at(-1)!.t;
    expect((lastHealthy - returned) / 1000).toBeGreaterThan(1200);
  });
});

describe('redundancy exposure', () => {
  it('counts volume-hours at each remaining redundancy: 2 of 3 copies apart from 1 of 2', () => {
    const fold = new ExposureFold();
    fold.onEvent({ t: 0, type: 'storage.ready', kind: 'longhorn', volumes: 3, sets: 3, redundancy: [{ redundancy: 1, volumes: 1 }, { redundancy: 2, volumes: 2 }], unplaced: [] });
    fold.onEvent(copies(1 * H, 'mirror', ['h2'], ['h1']));
    fold.onEvent(copies(1 * H, 'three', ['h2', 'h3'], ['h1'], 3));
    fold.onEvent(copies(3 * H, 'mirror', ['h2', 'h1']));
    fold.onEvent(copies(4 * H, 'three', ['h2'], ['h1', 'h3'], 3));
    fold.onEvent(copies(5 * H, 'three', ['h2', 'h1', 'h3'], [], 3));
    const { byRedundancy, countedBy } = fold.figures(10 * H);
    expect(countedBy).toBe('volume');
    // mirror: 2 h at 0, 8 h at 1; three: 3 h at 1, 1 h at 0, the others' 16 h at 2 (+ the second three-copy set's 10 h).
    expect(byRedundancy).toEqual([
      { redundancy: 0, volumeHours: 3 },
      { redundancy: 1, volumeHours: 11 },
      { redundancy: 2, volumeHours: 16 },
    ]);
  });

  it('Ceph PGs count by their share of a volume\'s data, and lost data leaves the levels', () => {
    const fold = new ExposureFold();
    fold.onEvent({ t: 0, type: 'storage.ready', kind: 'ceph', volumes: 2, sets: 4, redundancy: [{ redundancy: 2, volumes: 2 }], unplaced: [] });
    fold.onEvent(copies(0, 'pg-1', ['a', 'b'], ['c'], 3, 1, 2, 0.5));
    fold.onEvent(copies(H, 'pg-1', [], [], 3, 1, 2, 0.5));
    const { byRedundancy, countedBy } = fold.figures(2 * H);
    expect(countedBy).toBe('data');
    expect(byRedundancy).toEqual([{ redundancy: 1, volumeHours: 0.5 }, { redundancy: 2, volumeHours: 3 }]);
  });

  it('in a run, a host that fails reports all its sets in one replicaset.copies event, with the copies left on the other hosts', () => {
    const yaml = `name: t
platform: harvester
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 1, sizeTiB: 4 } }]
vms: [{ group: v, count: 6, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 100 }]
storage: { kind: longhorn, replicas: 3 }
schedule: [{ at: 1h, do: failHost, host: h-02, repairAfter: 30d }]
until: 2h
`;
    const events = runScenario(scenarioFrom(yaml), { keepEvents: true }).events as unknown as SimEvent[];
    const onHost = events.flatMap((e) => (e.type === 'storage.place' && e.copies.some((c) => c.host === 'h-02') ? [e.set] : []));
    const atFailure = events.flatMap((e) => (e.type === 'replicaset.copies' && e.t === H ? [e] : []));
    expect(atFailure).toHaveLength(1);
    const { sets } = atFailure[0];
    expect(sets.map((s) => s.set)).toEqual(onHost);
    for (const s of sets) {
      expect(s.away).toEqual(['h-02/0']);
      expect(s.copies).toHaveLength(2);
      expect(s.copies.some((c) => c.startsWith('h-02/'))).toBe(false);
    }
  });

  it('in a run, every volume-hour is at some level, and the short ones equal the degraded hours of a 3-replica Longhorn', () => {
    const yaml = `name: t
platform: harvester
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 1, sizeTiB: 4 } }]
vms: [{ group: v, count: 6, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 100 }]
storage: { kind: longhorn, replicas: 3 }
schedule: [{ at: 1h, do: failHost, host: h-02, repairAfter: 30d }]
until: 10h
`;
    const { summary } = runScenario(scenarioFrom(yaml), { check: true });
    const levels = summary.storage.exposure.byRedundancy;
    expect(levels.reduce((n, l) => n + l.volumeHours, 0)).toBeCloseTo(summary.storage.volumes * 10, 3);
    expect(levels.find((l) => l.redundancy === 2)!.volumeHours).toBeGreaterThan(0);
    expect(levels.filter((l) => l.redundancy < 2).reduce((n, l) => n + l.volumeHours, 0)).toBeCloseTo(summary.storage.degradedVolumeHours, 3);
  });
});

describe('the data-loss estimate', () => {
  const disk = (afr: number) => ({ diskAfrPercent: afr, hostAfrPercent: 0 });

  it('a 2-way mirror\'s window risk scales with the square of the AFR, a 3-way\'s with the cube', () => {
    const w = 24 * H;
    const r2 = windowLossProbability(2, 1, w, disk(2)) / windowLossProbability(2, 1, w, disk(1));
    const r3 = windowLossProbability(3, 1, w, disk(2)) / windowLossProbability(3, 1, w, disk(1));
    expect(r2).toBeCloseTo(4, 3);
    expect(r3).toBeCloseTo(8, 3);
    // Over runs: first failures come at rate n x AFR, each leaving n - 1 copies for the repair
    // window, so the loss per year scales with AFR^n (2-way: AFR^2, 3-way: AFR^3).
    const perYear = (n: number, afr: number) => n * (afr / 100) * windowLossProbability(n - 1, 1, w, disk(afr));
    expect(perYear(2, 3) / perYear(2, 1)).toBeCloseTo(9, 2);
    expect(perYear(3, 3) / perYear(3, 1)).toBeCloseTo(27, 2);
  });

  it('k+m erasure coding is lost when more than m of its copies fail, and a host failure alone never finishes the data', () => {
    const w = 24 * H;
    const p = 1 - Math.exp(-0.015 * 24 / YEAR_H);
    // 3+1 with all 4 left: at least 2 of 4 fail.
    const atLeast2 = 6 * p ** 2 * (1 - p) ** 2 + 4 * p ** 3 * (1 - p) + p ** 4;
    expect(windowLossProbability(4, 3, w, disk(1.5)) / atLeast2).toBeCloseTo(1, 9);
    expect(windowLossProbability(1, 1, w, { diskAfrPercent: 0, hostAfrPercent: 5 })).toBe(0);
    // Disk and host together: the copy goes at their sum, the last one only by its disk.
    const both = windowLossProbability(1, 1, w, { diskAfrPercent: 1, hostAfrPercent: 3 });
    expect(both).toBeCloseTo((1 - Math.exp(-0.04 * 24 / YEAR_H)) * 0.25, 15);
  });

  it('matches the MTTDL of a mirror pair (MTTF^2 / 2 MTTR): 741,000 years at AFR 1.57 % and 24 h', () => {
    // One pair for a year at AFR 1.57 %: 2 x AFR first failures, each opening a 24 h window with one copy.
    const fold = new RiskFold(disk(1.57));
    fold.onEvent(copies(0, 'v', ['d2'], ['d1']));
    fold.onEvent(copies(24 * H, 'v', ['d2', 'd1']));
    const perWindow = fold.figures(24 * H).lossProbability;
    const mttdlYears = 1 / (2 * 0.0157 * perWindow);
    expect(mttdlYears / 741_000).toBeCloseTo(1, 2);
    // platform-facts §8.1 hand-worked: MTTF = 8766 / 0.0157 h, MTTF^2 / (2 x 24 h) in years.
    const mttf = YEAR_H / 0.0157;
    expect(mttdlYears / ((mttf * mttf) / (2 * 24) / YEAR_H)).toBeCloseTo(1, 3);
  });

  it('keeps one window while only the copies away change (a rebuild starting, an absent copy expiring)', () => {
    const split = new RiskFold(disk(1.57));
    split.onEvent(copies(0, 'v', ['d2', 'd3'], ['d1'], 3));
    split.onEvent(copies(6 * H, 'v', ['d2', 'd3'], ['d1', 'd4'], 3));
    split.onEvent(copies(12 * H, 'v', ['d3', 'd2'], ['d4'], 3));
    const whole = new RiskFold(disk(1.57));
    whole.onEvent(copies(0, 'v', ['d2', 'd3'], ['d1'], 3));
    const a = split.figures(24 * H), b = whole.figures(24 * H);
    expect(a.windows).toBe(1);
    expect(a.expectedVolumesLost).toBe(b.expectedVolumesLost);
    expect(a.lossProbability).toBe(b.lossProbability);
    // A change of the copies holding the data does close it and open another.
    split.onEvent(copies(24 * H, 'v', ['d3'], ['d2', 'd4'], 3));
    expect(split.figures(24 * H).windows).toBe(2);
  });

  it('matches Relling\'s declustered MTTDL (MTTF^2 / N(N-1) MTTR): 12 disks at 24 h 11,200 years, at 6 h 44,900 years', () => {
    // Any pair of the 12 disks shares volumes: a failed disk leaves volumes with one copy on each of
    // the 11 others for the repair window. Windows on the same disk merge into one chance to lose.
    const mttdl = (mttrH: number) => {
      const fold = new RiskFold(disk(1.57));
      for (let other = 2; other <= 12; other++) {
        for (const v of ['a', 'b']) fold.onEvent(copies(0, `${v}${other}`, [`d${other}`], ['d1']));
      }
      const { lossProbability, expectedVolumesLost } = fold.figures(mttrH * H);
      expect(expectedVolumesLost / (2 * lossProbability)).toBeCloseTo(1, 3);
      return 1 / (12 * 0.0157 * lossProbability);
    };
    expect(mttdl(24) / 11_200).toBeCloseTo(1, 2);
    expect(mttdl(6) / 44_900).toBeCloseTo(1, 2);
  });

  it('matches the 3-copy declustered MTTDL (MTTF^3 / N(N-1)(N-2) MTTR^2) when repair times are exponential, as the formula assumes', () => {
    // A failed disk (of 12) leaves volumes with their two other copies on each of the 55 pairs of
    // the other 11. With a fixed repair window T both must fail within T: (lambda T)^2 per pair,
    // half what exponential repairs give (E[T^2] = 2 MTTR^2), so fixed windows double the MTTDL.
    const lambda = 0.0157 / YEAR_H;
    const fold = new RiskFold(disk(1.57));
    for (let i = 2; i <= 12; i++) for (let j = i + 1; j <= 12; j++) fold.onEvent(copies(0, `v${i}-${j}`, [`d${i}`, `d${j}`], ['d1'], 3));
    const fixed = 1 / (12 * 0.0157 * fold.figures(24 * H).lossProbability);
    expect(fixed / (1 / (12 * 0.0157 * 55 * (lambda * 24) ** 2))).toBeCloseTo(1, 3);
    expect(fixed / (2 * 2.6e7)).toBeCloseTo(1, 1);
    // Averaged over exponential repair windows of mean 24 h, the same per-window probability gives Relling's figure.
    let perFailure = 0;
    const stepH = 0.05;
    for (let t = stepH / 2; t < 24 * 40; t += stepH) perFailure += 55 * windowLossProbability(2, 1, t * H, disk(1.57)) * (Math.exp(-t / 24) / 24) * stepH;
    const exponential = 1 / (12 * 0.0157 * perFailure);
    const mttf = YEAR_H / 0.0157;
    expect(exponential / (mttf ** 3 / (12 * 11 * 10 * 24 ** 2) / YEAR_H)).toBeCloseTo(1, 2);
    expect(exponential / 2.6e7).toBeCloseTo(1, 1);
  });

  it('counts a volume once however many Ceph PGs on the same devices hold it, as they open and close at different times', () => {
    const fold = new RiskFold(disk(1.57));
    fold.onEvent({ t: 0, type: 'storage.ready', kind: 'ceph', volumes: 1, sets: 8, redundancy: [{ redundancy: 2, volumes: 1 }], unplaced: [] });
    for (let pg = 0; pg < 8; pg++) fold.onEvent(copies(pg * H, `pg-${pg}`, ['a', 'b'], ['c'], 3, 1, 1, 1 / 8));
    for (let pg = 0; pg < 8; pg++) fold.onEvent(copies((10 + 3 * pg) * H, `pg-${pg}`, ['a', 'b', 'c'], [], 3, 1, 1, 1 / 8));
    const { expectedVolumesLost, lossProbability, windows } = fold.figures(40 * H);
    expect(windows).toBe(8);
    // One device window (a, b) from 0 to 31 h: lost in it, the one volume is lost once.
    expect(lossProbability / windowLossProbability(2, 1, 31 * H, disk(1.57))).toBeCloseTo(1, 12);
    expect(expectedVolumesLost / lossProbability).toBeCloseTo(1, 12);
  });

  it('counts the distinct volumes of overlapping Ceph PGs at their expectation under the hash, V (1 - prod(1 - n_i / V))', () => {
    const fold = new RiskFold(disk(1.57));
    fold.onEvent({ t: 0, type: 'storage.ready', kind: 'ceph', volumes: 4, sets: 2, redundancy: [{ redundancy: 2, volumes: 4 }], unplaced: [] });
    fold.onEvent(copies(0, 'pg-0', ['a', 'b'], ['c'], 3, 1, 2, 2));
    fold.onEvent(copies(12 * H, 'pg-1', ['b', 'a'], ['c'], 3, 1, 2, 2));
    const p = (h: number) => windowLossProbability(2, 1, h * H, disk(1.57));
    // 0-12 h: pg-0's 2 volumes; 12-24 h: of 2 and 2 of 4 volumes, 4 (1 - 1/4) = 3 expected distinct.
    expect(fold.figures(24 * H).expectedVolumesLost / (2 * p(12) + 3 * (p(24) - p(12)))).toBeCloseTo(1, 9);
    // Elsewhere sets are volumes' own and never share one: the same counts add up.
    const listed = new RiskFold(disk(1.57));
    listed.onEvent(copies(0, 'v0', ['a', 'b'], ['c'], 3, 1, 2));
    listed.onEvent(copies(12 * H, 'v1', ['b', 'a'], ['c'], 3, 1, 2));
    expect(listed.figures(24 * H).expectedVolumesLost / (2 * p(12) + 4 * (p(24) - p(12)))).toBeCloseTo(1, 9);
  });

  it('in a run, Ceph expects no more volumes lost than the pool\'s volumes times the chance of losing any data', () => {
    // One 1,000 GiB volume striped over every PG: a failed host leaves many PGs on each pair of OSDs.
    const one = runScenario(scenarioFrom(`name: t
platform: openstack
hosts: [{ group: h, count: 6, cores: 32, memoryGiB: 256, nicGbps: 25, disks: { count: 2, sizeTiB: 3.84 } }]
vms: [{ group: v, count: 1, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 1000 }]
storage: { kind: ceph }
policies: { storage: { repairDelay: 1d } }
schedule: [{ at: 1h, do: failHost, host: h-01, repairAfter: 20h }]
`)).summary.storage;
    expect(one.volumes).toBe(1);
    expect(one.risk.windows).toBeGreaterThan(10);
    // Summed over device windows, the expectation is a union bound on P(any): equal to second order.
    expect(one.risk.expectedVolumesLost / one.risk.lossProbability).toBeCloseTo(1, 5);
    const shipped = runScenario(scenarioFrom(readFileSync('scenarios/ceph-host-failure.yaml', 'utf8'))).summary.storage;
    expect(shipped.risk.lossProbability).toBeGreaterThan(0);
    expect(shipped.risk.expectedVolumesLost).toBeLessThanOrEqual(shipped.volumes * shipped.risk.lossProbability * (1 + 1e-6));
  });

  it('in a run, a rolling vSAN maintenance at FTT=1 is estimated at each host\'s window with one copy left, and none without a window', () => {
    const yaml = (schedule: string, dc = 'none') => `name: t
platform: vsphere
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 1, sizeTiB: 4 } }]
vms: [{ group: v, count: 4, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 50 }]
policies: { storage: { vsan: { durabilityComponents: ${dc} } } }
schedule: ${schedule}
until: 10h
`;
    const quiet = runScenario(scenarioFrom(yaml('[]')), { check: true }).summary.storage.risk;
    expect(quiet).toMatchObject({ windows: 0, expectedVolumesLost: 0, lossProbability: 0 });
    const { summary } = runScenario(scenarioFrom(yaml('[{ at: 1h, do: rollingMaintenance, hosts: "h-*", workDuration: 20m }]')), { check: true });
    const { risk, exposure } = summary.storage;
    const zeroHours = exposure.byRedundancy.find((l) => l.redundancy === 0)!.volumeHours;
    expect(risk.windows).toBeGreaterThan(0);
    // One copy left per window: expected loss = sum over windows of 1 - exp(-lambda T) ~ lambda x volume-hours at 0.
    const lambda = (1.5 + 2) / 100 / YEAR_H;
    expect(risk.expectedVolumesLost / (lambda * zeroHours * (1.5 / 3.5))).toBeCloseTo(1, 3);
    // With durability components (vSAN 7.0 U2+) the absent component keeps the newest data with its
    // durability component: the objects stay whole while a spare fault domain holds one.
    const dc = runScenario(scenarioFrom(yaml('[{ at: 1h, do: rollingMaintenance, hosts: "h-*", workDuration: 20m }]', 'maintenanceAndFailures')), { check: true });
    expect(dc.summary.storage.risk.expectedVolumesLost).toBeLessThan(risk.expectedVolumesLost);
  });
});
