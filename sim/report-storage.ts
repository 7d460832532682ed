// The summary's storage block as a fold over the event stream: volume-hours in each health state
// (from `volume.health` transitions), copies made (`replica.rebuild.end`), lost volumes, and for each
// maintenance window the time from the host's return until every volume is fully redundant again.
// State is per volume and per open window, never per event.
import type { SimEvent } from './events/catalogue.ts';
import type { StorageKind } from './platforms/parameters.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

const HOUR_MS = 3_600_000;
const GiB = 2 ** 30;
const DEGRADED = new Set(['degraded', 'inaccessible', 'lost']);
export const OUT = new Set(['inaccessible', 'lost']);

type Window = Summary['storage']['timeToCompliance'][number];

export class StorageFold {
  private volumes = 0;
  private rebuilds = 0;
  private resyncs = 0;
  private evacuations = 0;
  private bytes = 0;
  /** Closed degraded and out time; open intervals are added at read time. */
  private degradedMs = 0;
  private outMs = 0;
  private readonly health = new Map<string, { state: string; since: number }>();
  private readonly notHealthy = new Set<string>();
  private readonly windows: Window[] = [];
  private open: { t: number; index: number }[] = [];

  constructor(private readonly kind: StorageKind) {}

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'storage.ready':
        this.volumes = e.volumes;
        break;
      case 'replica.rebuild.end':
        this.bytes += e.bytes;
        if (e.kind === 'resync') this.resyncs++;
        else if (e.kind === 'evacuate') this.evacuations++;
        else this.rebuilds++;
        break;
      case 'volume.health': {
        // A lost volume can never be redundant again; compliance is judged on the others.
        const settled = e.health === 'healthy' || e.health === 'lost';
        for (const volume of e.volumes) {
          const prev = this.health.get(volume);
          if (prev === undefined) this.health.set(volume, { state: e.health, since: e.t });
          else {
            // Updated in place: a large run moves tens of millions of volume states.
            this.close(prev.state, prev.since, e.t);
            prev.state = e.health;
            prev.since = e.t;
          }
          if (settled) this.notHealthy.delete(volume);
          else this.notHealthy.add(volume);
        }
        this.settleWindows(e.t);
        break;
      }
      case 'host.maintenance.end':
        this.windows.push({ host: e.host, returnedSeconds: e.t / 1000, compliantAfterSeconds: null });
        this.open.push({ t: e.t, index: this.windows.length - 1 });
        this.settleWindows(e.t);
        break;
    }
  }

  /** Volumes in each health state now (those never reported are healthy). */
  healthCounts(): { degraded: number; inaccessible: number; lost: number } {
    const counts = { degraded: 0, inaccessible: 0, lost: 0 };
    for (const { state } of this.health.values()) if (state !== 'healthy') counts[state as keyof typeof counts]++;
    return counts;
  }

  /** The block as of `endMs` (open intervals counted up to it); the fold itself is not changed. */
  figures(endMs: number): Omit<Summary['storage'], 'replicationLoss'> {
    let degradedMs = this.degradedMs, outMs = this.outMs, lost = 0;
    for (const { state, since } of this.health.values()) {
      if (DEGRADED.has(state)) degradedMs += endMs - since;
      if (OUT.has(state)) outMs += endMs - since;
      if (state === 'lost') lost++;
    }
    return {
      kind: this.kind,
      volumes: this.volumes,
      rebuilds: this.rebuilds + this.resyncs + this.evacuations,
      rebuiltGiB: round(this.bytes / GiB, 3),
      degradedVolumeHours: round(degradedMs / HOUR_MS, 4),
      inaccessibleVolumeHours: round(outMs / HOUR_MS, 4),
      volumesLost: lost,
      copies: { rebuilds: this.rebuilds, resyncs: this.resyncs, evacuations: this.evacuations },
      timeToCompliance: this.windows.map((w) => ({ ...w })),
    };
  }

  private close(state: string, since: number, at: number): void {
    if (DEGRADED.has(state)) this.degradedMs += at - since;
    if (OUT.has(state)) this.outMs += at - since;
  }

  /** Windows still waiting for full redundancy close the moment no volume is degraded. */
  private settleWindows(t: number): void {
    if (this.notHealthy.size > 0 || this.open.length === 0) return;
    for (const w of this.open) this.windows[w.index].compliantAfterSeconds = (t - w.t) / 1000;
    this.open = [];
  }
}
