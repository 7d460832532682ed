// Safety, from the trace: a volume that was lost never reports another health, and no VM boots or
// comes up on a lost volume (a volume's id is its VM's id).
import type { SimEvent } from '../events/catalogue.ts';
import type { Finding, TraceChecker, TraceObserver } from './types.ts';

export const lostVolumes: TraceChecker = {
  kind: 'trace',
  name: 'lostVolumes',
  description: 'a lost volume never comes back and no VM boots from it',
  start(): TraceObserver {
    const lost = new Set<string>();
    return {
      observe(event: SimEvent): Finding | undefined {
        if (event.type === 'vm.boot' || event.type === 'vm.up') {
          return lost.has(event.vm) ? { message: `${event.vm} ${event.type === 'vm.boot' ? 'boots' : 'comes up'} on ${event.host} from its lost volume` } : undefined;
        }
        if (event.type !== 'volume.health') return undefined;
        for (const v of event.volumes) {
          if (lost.has(v)) return { message: `volume ${v} came back from lost to ${event.health}` };
          if (event.health === 'lost') lost.add(v);
        }
        return undefined;
      },
    };
  },
};
