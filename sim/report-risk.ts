// The rare-data-loss estimate (storage.risk): at real failure rates a run almost never loses data,
// so counting losses over runs says "0 of N" for every design. Each run knows instead every window
// in which a replica set was short of its wanted copies and which devices held the copies left;
// the estimate adds, per window, the probability that enough of those devices fail before the
// window closes to take the data (all of them for a mirror, more than m for k+m erasure coding).
// The failures that open the windows are the run's own (scheduled, maintenance, or drawn from the
// `failures` block); the failures that would finish the data off are integrated, not drawn.
// Devices fail independently and exponentially: a copy at rate disk AFR + host AFR (either takes it
// out of the set's newest data while the set is written elsewhere), but the failure that finishes
// the data must be its disk's (in hcisim a failed host keeps its disks: its last copy comes back).
//
// Windows of the same devices (and needed count) merge into a device window: one loss of those
// devices loses every set then on them, once. The expected volumes lost is therefore, per device
// window, P(its devices are lost) x the distinct volumes among its sets. Its sets may join and leave
// at different times, so the device window is cut at each join or leave into intervals of constant
// membership, and each interval adds P(lost by its end) - P(lost by its start) (the chance that the
// loss falls in it, P counted from the device window's start, as lossProbability is) times the
// distinct volumes of the sets then open. For a set that joined late this counts device failures
// from before it joined (with two or more copies left) where its own window would not: a difference
// of second order in AFR x window, like the one between merged and separate windows.
// Where every set is one volume's own (vSAN, Longhorn, local disks, DSF, ZFS: sets are created per
// volume) the distinct count is the sum over sets. A Ceph PG holds pieces of many volumes and a
// volume has data in many PGs; which, is drawn per (PG, volume class) so that each volume is in a PG
// with its class's probability, independently across PGs (storage/ceph-rbd.ts). With only each PG's
// volume count n_i known here, of V in the pool, the union of m PGs is taken at its expectation under
// that hashing, V x (1 - prod(1 - n_i / V)). It is exact in expectation for one volume class; with
// classes of different sizes (a big volume in every PG, small ones in few) it is above the true
// expectation (1 - (1 - q)^m is concave in q), as it is for neighbours in a class, which share PGs
// more often than the hash law says; it never exceeds the sum of the n_i nor falls below the largest.
import type { EventFields, SimEvent } from './events/catalogue.ts';
import type { Summary } from './summary.ts';

const YEAR_MS = 8766 * 3_600_000;

type SetCopies = EventFields<'replicaset.copies'>['sets'][number];

export const RISK_METHOD = 'exposure-windows: per device set with k copies left, P(enough of them fail while sets are short on them) x the distinct volumes on them, independent exponential devices';

export interface DeviceRates {
  diskAfrPercent: number;
  hostAfrPercent: number;
}

/**
 * Probability that a set with `k` copies left, `needed` of which are needed to read it, loses its
 * data within `windowMs`: at least k - needed + 1 of the copies fail (each at disk + host rate),
 * the last by its disk. Computed without cancellation, so it stays exact far below 1e-15.
 */
export function windowLossProbability(k: number, needed: number, windowMs: number, rates: DeviceRates): number {
  const disk = rates.diskAfrPercent / 100 / YEAR_MS, host = rates.hostAfrPercent / 100 / YEAR_MS;
  const rate = disk + host;
  if (rate <= 0 || windowMs <= 0 || k < needed) return 0;
  const p = -Math.expm1(-rate * windowMs);
  const q = Math.exp(-rate * windowMs);
  let atLeast = 0;
  for (let j = Math.max(0, k - needed + 1); j <= k; j++) atLeast += binomial(k, j) * p ** j * q ** (k - j);
  return atLeast * (disk / rate);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

interface Window {
  key: string;
  volumes: number;
}

/** Windows of the same devices (and needed count) merge: one loss of those devices loses them all. */
interface DeviceWindow {
  open: number;
  k: number;
  needed: number;
  since: number;
  /** P(the devices are lost) from `since` to the last change of the open sets. */
  lossSoFar: number;
  /** The open sets' volumes: their sum; and where sets share volumes, those holding all of them and log prod(1 - n_i / V) over the others. */
  sum: number;
  full: number;
  logMiss: number;
}

export class RiskFold {
  private expected = 0;
  /** log P(no device set lost) over closed device windows. */
  private logSurvive = 0;
  private windows = 0;
  /** The pool's volume count where sets share volumes (Ceph PGs), else 0: sets are disjoint. */
  private sharedOf = 0;
  private readonly open = new Map<string, Window>();
  private readonly devices = new Map<string, DeviceWindow>();

  constructor(private readonly rates: DeviceRates) {}

  onEvent(e: SimEvent): void {
    if (e.type === 'storage.ready') this.sharedOf = e.kind === 'ceph' ? e.volumes : 0;
    else if (e.type === 'replicaset.copies') for (const s of e.sets) this.change(s, e.t);
  }

  private change(s: SetCopies, t: number): void {
    const before = this.open.get(s.set);
    const k = s.copies.length;
    const exposed = k < s.wanted && k >= s.needed;
    const key = exposed ? `${s.needed}:${[...s.copies].sort().join(' ')}` : undefined;
    // A report that changes only the copies away (one being built, one expired) leaves the devices
    // holding the data as they were: the window goes on (closing and reopening it would split one
    // exposure into two terms of a non-linear probability).
    if (before !== undefined && before.key === key) return;
    if (before !== undefined) this.close(s.set, before, t);
    if (key === undefined) return;
    this.open.set(s.set, { key, volumes: s.volumes });
    this.windows++;
    let d = this.devices.get(key);
    if (d === undefined) this.devices.set(key, (d = { open: 0, k, needed: s.needed, since: t, lossSoFar: 0, sum: 0, full: 0, logMiss: 0 }));
    else this.advance(d, t);
    d.open++;
    this.member(d, s.volumes, 1);
  }

  private close(set: string, w: Window, t: number): void {
    this.open.delete(set);
    const d = this.devices.get(w.key)!;
    this.advance(d, t);
    this.member(d, w.volumes, -1);
    if (--d.open > 0) return;
    this.devices.delete(w.key);
    this.logSurvive += Math.log1p(-d.lossSoFar);
  }

  /** Adds the chance that the devices are lost between the last change and `t`, times the volumes then on them. */
  private advance(d: DeviceWindow, t: number): void {
    const loss = windowLossProbability(d.k, d.needed, t - d.since, this.rates);
    this.expected += (loss - d.lossSoFar) * this.distinct(d);
    d.lossSoFar = loss;
  }

  private member(d: DeviceWindow, volumes: number, sign: 1 | -1): void {
    d.sum += sign * volumes;
    if (this.sharedOf === 0) return;
    if (volumes >= this.sharedOf) d.full += sign;
    else d.logMiss += sign * Math.log1p(-volumes / this.sharedOf);
  }

  /** Distinct volumes among the device window's open sets (see the file's head). */
  private distinct(d: DeviceWindow): number {
    if (this.sharedOf === 0) return d.sum;
    if (d.full > 0) return this.sharedOf;
    return Math.min(d.sum, this.sharedOf * -Math.expm1(d.logMiss));
  }

  /** The estimate as of `endMs` (windows still open end there); the fold is not changed. */
  figures(endMs: number): Summary['storage']['risk'] {
    let expected = this.expected, logSurvive = this.logSurvive;
    for (const d of this.devices.values()) {
      const loss = windowLossProbability(d.k, d.needed, endMs - d.since, this.rates);
      expected += (loss - d.lossSoFar) * this.distinct(d);
      logSurvive += Math.log1p(-loss);
    }
    return {
      method: RISK_METHOD,
      diskAfrPercent: this.rates.diskAfrPercent,
      hostAfrPercent: this.rates.hostAfrPercent,
      windows: this.windows,
      expectedVolumesLost: expected,
      lossProbability: logSurvive === 0 ? 0 : -Math.expm1(logSurvive),
    };
  }
}
