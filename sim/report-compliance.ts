// Per-host time to compliance (storage.timeToCompliance): when a host returns from maintenance or
// repair, the replica sets with a copy on it that are short of their wanted copies (its own
// volumes, not the cluster's) are noted, and the host is compliant again once the copy it brought
// back holds each set's newest data again: the set's `copies` name a copy on the host. A set also
// stops holding the host up once it is whole, or lost (it can never be whole again). Not "until the
// set is whole": in a rolling update the next host's maintenance makes the set short again before
// it is whole, and every host would wait for the cluster's last resync.
// If the host's copy leaves the set meanwhile (replaced by a rebuild elsewhere, or its disk failed),
// the host has nothing left to bring back there; what it waits for then is its replacement: a copy
// that did not hold the data while the host's copy was still in the set holds it now (or the set
// is whole). A copy of another host returning at that point counts as well: the fold cannot tell a
// rebuild target from it, and either restores the copy count the host's copy held up.
// A fold over `replicaset.copies`, which names the hosts of a short set's copies: an index host ->
// short sets and set -> waiting hosts keeps every step proportional to the set's copies and the
// hosts waiting on it.
import type { EventFields, SimEvent } from './events/catalogue.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

type Entry = Summary['storage']['timeToCompliance'][number];
type SetCopies = EventFields<'replicaset.copies'>['sets'][number];

interface Waiting {
  entry: Entry;
  returnedMs: number;
  pending: Set<string>;
  /** Per pending set whose copy on the host has left it: the copies that held its data before. */
  replaced: Map<string, Set<string>>;
}

interface ShortSet {
  /** Hosts of its copies, holding the data or away. */
  hosts: string[];
  /** Its copies holding the data, as host/disk. */
  copies: string[];
  volumes: number;
  /** Whole, or beyond its wanted copies, or lost. */
  compliant: boolean;
}

const hostOf = (at: string) => at.slice(0, at.lastIndexOf('/'));

export class ComplianceFold {
  private readonly entries: Entry[] = [];
  /** Per host, the sets reported short (or beyond their wanted copies) that have a copy there. */
  private readonly shortOn = new Map<string, Set<string>>();
  /** Per short set, as last reported. */
  private readonly sets = new Map<string, ShortSet>();
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
        const host = hostOf(at);
        if (!hosts.includes(host)) hosts.push(host);
      }
    }
    const now: ShortSet = { hosts, copies: s.copies, volumes: s.volumes, compliant };
    if (s.copies.length === s.wanted) this.sets.delete(s.set);
    else {
      this.sets.set(s.set, now);
      for (const h of hosts) (this.shortOn.get(h) ?? this.shortOn.set(h, new Set()).get(h)!).add(s.set);
    }
    this.settle(s.set, now, before, t);
    for (const r of this.returning) {
      if (hosts.includes(r.host) && !r.w.pending.has(s.set) && !compliant && !holdsOn(s.copies, r.host)) this.wait(r.w, s.set, s.volumes);
    }
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
    const w: Waiting = { entry, returnedMs: t, pending: new Set(), replaced: new Map() };
    for (const set of this.shortOn.get(host) ?? []) {
      const s = this.sets.get(set)!;
      if (!s.compliant && !holdsOn(s.copies, host)) this.wait(w, set, s.volumes);
    }
    if (this.returning.length > 0 && this.returning[0].w.returnedMs !== t) this.returning = [];
    this.returning.push({ host, w });
  }

  /** Releases the hosts waiting on the set whose own copy (or its replacement) now holds its data. */
  private settle(set: string, now: ShortSet, before: ShortSet | undefined, t: number): void {
    const waiting = this.waitingOn.get(set);
    if (waiting === undefined) return;
    const still = waiting.filter((w) => !this.released(w, set, now, before));
    for (const w of waiting) {
      if (still.includes(w)) continue;
      w.pending.delete(set);
      w.replaced.delete(set);
      if (w.pending.size === 0) w.entry.compliantAfterSeconds = (t - w.returnedMs) / 1000;
    }
    if (still.length > 0) this.waitingOn.set(set, still);
    else this.waitingOn.delete(set);
  }

  private released(w: Waiting, set: string, now: ShortSet, before: ShortSet | undefined): boolean {
    const host = w.entry.host;
    if (now.compliant || holdsOn(now.copies, host)) return true;
    let holders = w.replaced.get(set);
    if (holders === undefined) {
      if (now.hosts.includes(host)) return false;
      // The host's copy has just left the set: from now on its replacement is awaited.
      holders = new Set(before?.copies ?? []);
      w.replaced.set(set, holders);
    }
    return now.copies.some((c) => !holders.has(c));
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

/** Does a copy on `host` hold the set's data? */
function holdsOn(copies: readonly string[], host: string): boolean {
  return copies.some((at) => hostOf(at) === host);
}
