// The summary's maintenance block as a fold over the event stream: hosts completed, the makespan,
// every wait of every host's evacuation (one entry per reason it waited for, not only the last),
// and per drain the time from entering maintenance mode to leaving the cluster, split into what it
// waited on storage (resyncs, evacuations, data migration) and on anything else (capacity,
// anti-affinity, failed migrations).
import type { SimEvent } from './events/catalogue.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

type Stall = Summary['maintenance']['stalls'][number];
type Drain = Summary['maintenance']['drains'][number];

/** The stall reasons that are storage's (the preparation's messages start so). */
const isStorageWait = (reason: string) => reason.startsWith('storage:');

interface OpenDrain {
  host: string;
  enteredMs: number;
  storageWaitMs: number;
  otherWaitMs: number;
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
        this.open.set(e.host, { host: e.host, enteredMs: e.t, storageWaitMs: 0, otherWaitMs: 0, stall: undefined, stallSinceMs: 0 });
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
      case 'host.maintenance.start':
      case 'host.maintenance.abort': {
        const drain = this.open.get(e.host);
        if (drain === undefined) return;
        this.closeStall(drain, e.t);
        this.open.delete(e.host);
        this.drains.push({
          host: e.host, enteredSeconds: drain.enteredMs / 1000, drainSeconds: round((e.t - drain.enteredMs) / 1000, 3),
          storageWaitSeconds: round(drain.storageWaitMs / 1000, 3), otherWaitSeconds: round(drain.otherWaitMs / 1000, 3),
          outcome: e.type === 'host.maintenance.start' ? 'entered' : 'aborted',
        });
        return;
      }
    }
  }

  /** The block as of `endMs`: drains still going count up to it. */
  figures(endMs: number): Summary['maintenance'] {
    const finishedMs = this.rolloutsOpen > 0 ? endMs : this.last;
    const stillOpen = [...this.open.values()].map((d): Drain => {
      const waitMs = d.stall === undefined ? 0 : endMs - d.stallSinceMs;
      const storage = d.stall !== undefined && isStorageWait(d.stall.reason);
      return {
        host: d.host, enteredSeconds: d.enteredMs / 1000, drainSeconds: round((endMs - d.enteredMs) / 1000, 3),
        storageWaitSeconds: round((d.storageWaitMs + (storage ? waitMs : 0)) / 1000, 3),
        otherWaitSeconds: round((d.otherWaitMs + (storage ? 0 : waitMs)) / 1000, 3), outcome: 'unfinished',
      };
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
    if (isStorageWait(stall.reason)) drain.storageWaitMs += t - drain.stallSinceMs;
    else drain.otherWaitMs += t - drain.stallSinceMs;
    drain.stall = undefined;
  }
}
