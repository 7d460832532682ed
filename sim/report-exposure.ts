// Redundancy exposure (storage.exposure): volume-hours at each level of remaining redundancy, the
// copies that can still fail before data is lost (copies holding the newest data minus those
// needed to read it). "Degraded" alone counts 2 of 3 copies like 1 of 2; this tells them apart, so
// vSAN FTT=1 and Longhorn with 3 replicas compare on the hours that matter. A fold over
// `storage.ready` (the data at each full level) and `replicaset.copies` (a set's copies while it is
// short or beyond its wanted number): a running total of data per level, integrated between events,
// O(levels) per event. Where a volume is one set the figure is volume-hours; a Ceph volume spans
// many PGs, so there each PG counts as its share of a volume's data (the same sum, by data).
import type { EventFields, SimEvent } from './events/catalogue.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

const HOUR_MS = 3_600_000;

type SetCopies = EventFields<'replicaset.copies'>['sets'][number];

export class ExposureFold {
  /** Volumes' worth of data now at each redundancy. */
  private readonly level = new Map<number, number>();
  /** Integrated share x ms per redundancy. */
  private readonly integral = new Map<number, number>();
  private lastT = 0;
  /** Sets reported away from whole: their current level (-1: lost) and share. */
  private readonly sets = new Map<string, { level: number; share: number }>();
  private countedBy: Summary['storage']['exposure']['countedBy'] = 'volume';

  onEvent(e: SimEvent): void {
    if (e.type === 'storage.ready') {
      this.advance(e.t);
      if (e.kind === 'ceph') this.countedBy = 'data';
      for (const { redundancy, volumes } of e.redundancy) this.move(redundancy, volumes);
      // Sets with no copy placed were not counted at any level: they start, and stay, below it.
      for (const set of e.unplaced) this.sets.set(set, { level: -1, share: 0 });
    } else if (e.type === 'replicaset.copies') {
      this.advance(e.t);
      for (const s of e.sets) this.change(s);
    }
  }

  private change(s: SetCopies): void {
    const before = this.sets.get(s.set) ?? { level: Math.max(0, s.wanted - s.needed), share: s.share };
    this.move(before.level, -before.share);
    const level = s.copies.length < s.needed ? -1 : s.copies.length - s.needed;
    this.move(level, s.share);
    if (s.copies.length === s.wanted) this.sets.delete(s.set);
    else this.sets.set(s.set, { level, share: s.share });
  }

  private move(level: number, share: number): void {
    if (level >= 0) this.level.set(level, (this.level.get(level) ?? 0) + share);
  }

  private advance(t: number): void {
    if (t > this.lastT) for (const [r, share] of this.level) this.integral.set(r, (this.integral.get(r) ?? 0) + share * (t - this.lastT));
    this.lastT = Math.max(this.lastT, t);
  }

  figures(endMs: number): Summary['storage']['exposure'] {
    const levels = new Set([...this.level.keys(), ...this.integral.keys()]);
    const byRedundancy = [...levels].sort((a, b) => a - b).map((redundancy) => {
      const ms = (this.integral.get(redundancy) ?? 0) + (this.level.get(redundancy) ?? 0) * Math.max(0, endMs - this.lastT);
      return { redundancy, volumeHours: round(ms / HOUR_MS, 4) };
    });
    return { countedBy: this.countedBy, byRedundancy };
  }
}
