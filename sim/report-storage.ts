// The summary's storage block as a fold over the event stream: volume-hours in each health state
// (from `volume.health` transitions), copies made (`replica.rebuild.end`), lost volumes; and through
// their own folds, each returning host's time to compliance (report-compliance.ts), volume-hours per
// remaining redundancy (report-exposure.ts) and the data-loss estimate (report-risk.ts).
// State is per volume and per short set, never per event.
import type { SimEvent } from './events/catalogue.ts';
import type { StorageKind } from './platforms/parameters.ts';
import { ComplianceFold } from './report-compliance.ts';
import { ExposureFold } from './report-exposure.ts';
import { round } from './report-math.ts';
import { type DeviceRates, RiskFold } from './report-risk.ts';
import type { Summary } from './summary.ts';

const HOUR_MS = 3_600_000;
const GiB = 2 ** 30;
const DEGRADED = new Set(['degraded', 'inaccessible', 'lost']);
export const OUT = new Set(['inaccessible', 'lost']);

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
  private readonly compliance = new ComplianceFold();
  private readonly exposure = new ExposureFold();
  private readonly risk: RiskFold;

  constructor(private readonly kind: StorageKind, rates: DeviceRates) {
    this.risk = new RiskFold(rates);
  }

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'replicaset.copies':
        this.compliance.onEvent(e);
        this.exposure.onEvent(e);
        this.risk.onEvent(e);
        break;
      case 'host.repair':
        this.compliance.onEvent(e);
        break;
      case 'storage.ready':
        this.volumes = e.volumes;
        this.exposure.onEvent(e);
        this.risk.onEvent(e);
        break;
      case 'replica.rebuild.end':
        this.bytes += e.bytes;
        if (e.kind === 'resync') this.resyncs++;
        else if (e.kind === 'evacuate') this.evacuations++;
        else this.rebuilds++;
        break;
      case 'volume.health': {
        for (const volume of e.volumes) {
          const prev = this.health.get(volume);
          if (prev === undefined) this.health.set(volume, { state: e.health, since: e.t });
          else {
            // Updated in place: a large run moves tens of millions of volume states.
            this.close(prev.state, prev.since, e.t);
            prev.state = e.health;
            prev.since = e.t;
          }
        }
        break;
      }
      case 'host.maintenance.end':
        this.compliance.onEvent(e);
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
      ...this.compliance.figures(),
      exposure: this.exposure.figures(endMs),
      risk: this.risk.figures(endMs),
    };
  }

  private close(state: string, since: number, at: number): void {
    if (DEGRADED.has(state)) this.degradedMs += at - since;
    if (OUT.has(state)) this.outMs += at - since;
  }
}
