// The summary's maintenance block as a fold over the event stream: hosts completed, the makespan,
// every wait of every host's evacuation (one entry per reason it waited for, not only the last),
// and per drain the time from entering maintenance mode to leaving the cluster, split into what it
// waited on storage (resyncs, evacuations, data migration), on the management plane (an outage
// holding its migrations or its entry into maintenance mode) and on anything else (capacity,
// anti-affinity, failed migrations). A wait ends at the next reason, at maintenance.stall.end, or
// when the host enters maintenance.
import type { SimEvent } from './events/catalogue.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

type Stall = Summary['maintenance']['stalls'][number];
type Drain = Summary['maintenance']['drains'][number];

type Cause = 'storage' | 'management' | 'other';

/** Whose wait a stall is: storage's and the management plane's reasons start with their name. */
const causeOf = (reason: string): Cause => (reason.startsWith('storage:') ? 'storage' : reason.startsWith('management:') ? 'management' : 'other');

interface OpenDrain {
  host: string;
  enteredMs: number;
  waitMs: Record<Cause, number>;
  /** The wait going on now, if any. */
  stall: Stall | undefined;
  stallSinceMs: number;
}

export class MaintenanceFold {
  private first: number | undefined;
  private last: number | undefined;
  private completed = 0;
  private rolloutsOpen = 0;
  private readonly stalls: Stall[] = [];
  private readonly drains: Drain[] = [];
  private readonly open = new Map<string, OpenDrain>();

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'maintenance.start':
        this.first ??= e.t;
        this.rolloutsOpen++;
        return;
      case 'maintenance.end':
        this.rolloutsOpen--;
        this.last = e.t;
        return;
      case 'host.maintenance.enter':
        this.open.set(e.host, { host: e.host, enteredMs: e.t, waitMs: { storage: 0, management: 0, other: 0 }, stall: undefined, stallSinceMs: 0 });
        return;
      case 'host.maintenance.end':
        this.completed++;
        this.last = e.t;
        return;
      case 'maintenance.stall': {
        const drain = this.open.get(e.host);
        if (drain === undefined) return;
        this.closeStall(drain, e.t);
        drain.stall = { host: e.host, reason: e.reason, atSeconds: e.t / 1000, resolvedAtSeconds: null };
        drain.stallSinceMs = e.t;
        this.stalls.push(drain.stall);
        return;
      }
      case 'maintenance.stall.end': {
        const drain = this.open.get(e.host);
        if (drain !== undefined) this.closeStall(drain, e.t);
        return;
      }
      case 'host.maintenance.start':
      case 'host.maintenance.abort': {
        const drain = this.open.get(e.host);
        if (drain === undefined) return;
        this.closeStall(drain, e.t);
        this.open.delete(e.host);
        this.drains.push({
          host: e.host, enteredSeconds: drain.enteredMs / 1000, drainSeconds: round((e.t - drain.enteredMs) / 1000, 3),
          ...waitSeconds(drain.waitMs), outcome: e.type === 'host.maintenance.start' ? 'entered' : 'aborted',
        });
        return;
      }
    }
  }

  /** The block as of `endMs`: drains still going count up to it. */
  figures(endMs: number): Summary['maintenance'] {
    const finishedMs = this.rolloutsOpen > 0 ? endMs : this.last;
    const stillOpen = [...this.open.values()].map((d): Drain => {
      const waitMs = { ...d.waitMs };
      if (d.stall !== undefined) waitMs[causeOf(d.stall.reason)] += endMs - d.stallSinceMs;
      return { host: d.host, enteredSeconds: d.enteredMs / 1000, drainSeconds: round((endMs - d.enteredMs) / 1000, 3), ...waitSeconds(waitMs), outcome: 'unfinished' };
    });
    const byTime = (a: { host: string }, b: { host: string }, ta: number, tb: number) => ta - tb || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0);
    return {
      hostsCompleted: this.completed,
      makespanSeconds: this.first === undefined || finishedMs === undefined ? 0 : round((finishedMs - this.first) / 1000, 3),
      stalled: [...this.open.values()].some((d) => d.stall !== undefined),
      stalls: this.stalls.map((s) => ({ ...s })).sort((a, b) => byTime(a, b, a.atSeconds, b.atSeconds)),
      drains: [...this.drains, ...stillOpen].sort((a, b) => byTime(a, b, a.enteredSeconds, b.enteredSeconds)),
    };
  }

  private closeStall(drain: OpenDrain, t: number): void {
    const stall = drain.stall;
    if (stall === undefined) return;
    stall.resolvedAtSeconds = t / 1000;
    drain.waitMs[causeOf(stall.reason)] += t - drain.stallSinceMs;
    drain.stall = undefined;
  }
}

function waitSeconds(ms: Record<Cause, number>): Pick<Drain, 'storageWaitSeconds' | 'managementWaitSeconds' | 'otherWaitSeconds'> {
  return { storageWaitSeconds: round(ms.storage / 1000, 3), managementWaitSeconds: round(ms.management / 1000, 3), otherWaitSeconds: round(ms.other / 1000, 3) };
}
