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
import type { EventFields, SimEvent } from './events/catalogue.ts';
import type { Summary } from './summary.ts';

const YEAR_MS = 8766 * 3_600_000;

type SetCopies = EventFields<'replicaset.copies'>['sets'][number];

export const RISK_METHOD = 'exposure-windows: per window with k copies left, P(enough of their devices fail before it closes), independent exponential devices';

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
  k: number;
  needed: number;
  volumes: number;
  since: number;
}

/** Windows of the same devices (and needed count) merge: one loss of those devices loses them all. */
interface DeviceWindow {
  open: number;
  k: number;
  needed: number;
  since: number;
}

export class RiskFold {
  private expected = 0;
  /** log P(no device set lost) over closed device windows. */
  private logSurvive = 0;
  private windows = 0;
  private readonly open = new Map<string, Window>();
  private readonly devices = new Map<string, DeviceWindow>();

  constructor(private readonly rates: DeviceRates) {}

  onEvent(e: SimEvent): void {
    if (e.type === 'replicaset.copies') for (const s of e.sets) this.change(s, e.t);
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
    this.open.set(s.set, { key, k, needed: s.needed, volumes: s.volumes, since: t });
    this.windows++;
    const d = this.devices.get(key);
    if (d === undefined) this.devices.set(key, { open: 1, k, needed: s.needed, since: t });
    else d.open++;
  }

  private close(set: string, w: Window, t: number): void {
    this.open.delete(set);
    this.expected += w.volumes * windowLossProbability(w.k, w.needed, t - w.since, this.rates);
    const d = this.devices.get(w.key)!;
    if (--d.open > 0) return;
    this.devices.delete(w.key);
    this.logSurvive += Math.log1p(-windowLossProbability(d.k, d.needed, t - d.since, this.rates));
  }

  /** The estimate as of `endMs` (windows still open end there); the fold is not changed. */
  figures(endMs: number): Summary['storage']['risk'] {
    let expected = this.expected, logSurvive = this.logSurvive;
    for (const w of this.open.values()) expected += w.volumes * windowLossProbability(w.k, w.needed, endMs - w.since, this.rates);
    for (const d of this.devices.values()) logSurvive += Math.log1p(-windowLossProbability(d.k, d.needed, endMs - d.since, this.rates));
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
