// Timeline markers: the moments worth jumping to. One per maintenance entry and host drain, per
// failure, per stall or give-up, and one per rebuild wave (the first copy job after a quiet spell)
// rather than one per copy job, which would bury the rest in a long run.
import type { ReplayState, TraceEvent } from './state.ts';

export type MarkerKind = 'maintenance' | 'failure' | 'rebuild' | 'stall';

export interface Marker {
  t: number;
  index: number;
  kind: MarkerKind;
  label: string;
}

/** The marker of event `e` (index `index`), judged against the state after it. */
export function markerOf(e: TraceEvent, index: number, after: ReplayState): Marker | undefined {
  const at = (kind: MarkerKind, label: string): Marker => ({ t: e.t, index, kind, label });
  switch (e.type) {
    case 'maintenance.start': return at('maintenance', `rolling maintenance of ${e.hosts.length} hosts, ${e.concurrency} at a time`);
    case 'host.maintenance.enter': return at('maintenance', `${e.host} drains`);
    case 'host.fail': return at('failure', `${e.host} fails`);
    case 'disk.fail': return at('failure', `disk ${e.disk} of ${e.host} fails`);
    case 'maintenance.stall': return at('stall', `${e.host} waits: ${e.reason}`);
    case 'vm.migration.giveup': return at('stall', `${e.vm} gives up migrating: ${e.reason}`);
    case 'ha.restart.blocked': return at('stall', `${e.vm} cannot restart: ${e.reason}`);
    case 'schedule.entry.unrun': return at('stall', `schedule.${e.index} (${e.do}) never ran: ${e.reason}`);
    case 'replicaset.lost': return at('failure', `${e.set} lost`);
    case 'replica.rebuild.start':
      return after.counts.rebuilds === 1 ? at('rebuild', `copies start (${e.kind} of ${e.set} to ${e.to})`) : undefined;
    default: return undefined;
  }
}
