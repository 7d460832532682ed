// Per-host time to compliance (storage.timeToCompliance): when a host returns from maintenance or
// repair, the replica sets with a copy on it that are short of their wanted copies (its own
// volumes, not the cluster's) are noted, and the host is compliant again once each of them is
// whole (or lost: it can never be whole again). A fold over `replicaset.copies`, which names the
// hosts of a short set's copies: an index host -> short sets and set -> waiting hosts keeps every
// step proportional to the set's copies and the hosts waiting on it.
import type { EventFields, SimEvent } from './events/catalogue.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

type Entry = Summary['storage']['timeToCompliance'][number];
type SetCopies = EventFields<'replicaset.copies'>['sets'][number];

interface Waiting {
  entry: Entry;
  returnedMs: number;
  pending: Set<string>;
}

export class ComplianceFold {
  private readonly entries: Entry[] = [];
  /** Per host, the sets reported short (or beyond their wanted copies) that have a copy there. */
  private readonly shortOn = new Map<string, Set<string>>();
  /** Per short set: its copies' hosts, volume count, and whether it is whole. */
  private readonly sets = new Map<string, { hosts: string[]; volumes: number; compliant: boolean }>();
  private readonly waitingOn = new Map<string, Waiting[]>();
  /**
   * Returns at the current instant: the return itself can make the host's sets short (a vSAN
   * component resyncing from its durability component), reported right after the return event.
   */
  private returning: { host: string; w: Waiting }[] = [];

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'replicaset.copies':
        if (this.returning.length > 0 && this.returning[0].w.returnedMs !== e.t) this.returning = [];
        for (const s of e.sets) this.copies(s, e.t);
        return;
      case 'host.maintenance.end': return this.returned(e.host, e.t, 'maintenance');
      case 'host.repair': return this.returned(e.host, e.t, 'repair');
    }
  }

  private copies(s: SetCopies, t: number): void {
    const before = this.sets.get(s.set);
    for (const h of before?.hosts ?? []) this.shortOn.get(h)?.delete(s.set);
    const compliant = s.copies.length >= s.wanted || s.copies.length < s.needed;
    const hosts: string[] = [];
    for (const list of [s.copies, s.away]) {
      for (const at of list) {
        const host = at.slice(0, at.lastIndexOf('/'));
        if (!hosts.includes(host)) hosts.push(host);
      }
    }
    if (s.copies.length === s.wanted) this.sets.delete(s.set);
    else {
      this.sets.set(s.set, { hosts, volumes: s.volumes, compliant });
      for (const h of hosts) (this.shortOn.get(h) ?? this.shortOn.set(h, new Set()).get(h)!).add(s.set);
    }
    if (compliant) this.settle(s.set, t);
    else for (const r of this.returning) if (hosts.includes(r.host) && !r.w.pending.has(s.set)) this.wait(r.w, s.set, s.volumes);
  }

  private wait(w: Waiting, set: string, volumes: number): void {
    w.pending.add(set);
    w.entry.volumes += volumes;
    w.entry.compliantAfterSeconds = null;
    (this.waitingOn.get(set) ?? this.waitingOn.set(set, []).get(set)!).push(w);
  }

  private returned(host: string, t: number, cause: Entry['cause']): void {
    const entry: Entry = { host, cause, returnedSeconds: t / 1000, volumes: 0, compliantAfterSeconds: 0 };
    this.entries.push(entry);
    const w: Waiting = { entry, returnedMs: t, pending: new Set() };
    for (const set of this.shortOn.get(host) ?? []) {
      const s = this.sets.get(set)!;
      if (!s.compliant) this.wait(w, set, s.volumes);
    }
    if (this.returning.length > 0 && this.returning[0].w.returnedMs !== t) this.returning = [];
    this.returning.push({ host, w });
  }

  private settle(set: string, t: number): void {
    const waiting = this.waitingOn.get(set);
    if (waiting === undefined) return;
    this.waitingOn.delete(set);
    for (const w of waiting) {
      w.pending.delete(set);
      if (w.pending.size === 0) w.entry.compliantAfterSeconds = (t - w.returnedMs) / 1000;
    }
  }

  /** Every return with the time its own volumes took, and their distribution over the resolved ones. */
  figures(): Pick<Summary['storage'], 'timeToCompliance' | 'timeToComplianceSeconds'> {
    const done = this.entries.flatMap((e) => (e.compliantAfterSeconds === null ? [] : [e.compliantAfterSeconds]));
    return {
      timeToCompliance: this.entries.map((e) => ({ ...e })),
      timeToComplianceSeconds: {
        returns: this.entries.length,
        unresolved: this.entries.length - done.length,
        max: round(done.reduce((m, s) => Math.max(m, s), 0), 3),
        mean: round(done.length === 0 ? 0 : done.reduce((n, s) => n + s, 0) / done.length, 3),
      },
    };
  }
}
