// The summary's management block as a fold over the event stream: how long the management plane
// was down (overlapping outages counted once), and which operations waited for it and for how
// long, per kind. An operation still waiting when the run ends counts until the end.
import type { SimEvent } from './events/catalogue.ts';
import { DELAYED_OPERATION_KINDS, type DelayedOperationKind } from './events/management-events.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

export class ManagementFold {
  private outages = 0;
  private active = 0;
  private downSinceMs = 0;
  private downMs = 0;
  private readonly counts = new Map<DelayedOperationKind, { count: number; ms: number }>(DELAYED_OPERATION_KINDS.map((k) => [k, { count: 0, ms: 0 }]));
  /** Operations waiting now, by `kind subject`, with when they began to wait. */
  private readonly waiting = new Map<string, { kind: DelayedOperationKind; sinceMs: number }>();

  onEvent(e: SimEvent): void {
    switch (e.type) {
      case 'management.outage.start':
        this.outages++;
        if (this.active++ === 0) this.downSinceMs = e.t;
        return;
      case 'management.outage.end':
        if (this.active > 0 && --this.active === 0) this.downMs += e.t - this.downSinceMs;
        return;
      case 'management.operation.delay':
        this.waiting.set(`${e.kind} ${e.subject}`, { kind: e.kind, sinceMs: e.t });
        return;
      case 'management.operation.resume': {
        this.waiting.delete(`${e.kind} ${e.subject}`);
        const c = this.counts.get(e.kind)!;
        c.count++;
        c.ms += e.delayMs;
        return;
      }
    }
  }

  figures(endMs: number): Summary['management'] {
    const byKind = {} as Summary['management']['delayedOperations']['byKind'];
    let count = 0, ms = 0;
    for (const kind of DELAYED_OPERATION_KINDS) {
      const c = { ...this.counts.get(kind)! };
      for (const w of this.waiting.values()) {
        if (w.kind !== kind) continue;
        c.count++;
        c.ms += endMs - w.sinceMs;
      }
      byKind[kind] = { count: c.count, delaySeconds: round(c.ms / 1000, 3) };
      count += c.count;
      ms += c.ms;
    }
    const downMs = this.downMs + (this.active > 0 ? endMs - this.downSinceMs : 0);
    return { outages: this.outages, outageSeconds: round(downMs / 1000, 3), delayedOperations: { count, delaySeconds: round(ms / 1000, 3), byKind } };
  }
}
