// Safety, from the trace: a volume that was lost never reports another health, no VM boots or
// comes up on a lost volume (a volume's id is its VM's id), a VM serving when its volume is lost
// goes down at that instant (vm.down before the clock moves on), and none starts or ends a live
// migration afterwards.
import type { SimEvent } from '../events/catalogue.ts';
import type { Finding, TraceChecker, TraceObserver } from './types.ts';

export const lostVolumes: TraceChecker = {
  kind: 'trace',
  name: 'lostVolumes',
  description: 'a lost volume never comes back, no VM boots or migrates from it, and a VM serving from it goes down at once',
  start(): TraceObserver {
    const lost = new Set<string>();
    const serving = new Set<string>();
    /** VMs that served when their volume was lost and owe a vm.down, with that instant. */
    const owing = new Map<string, number>();
    return {
      observe(event: SimEvent): Finding | undefined {
        for (const [vm, t] of owing) {
          if (event.t > t) return { message: `${vm} still serves at ${event.t / 1000} s, its volume lost at ${t / 1000} s (no vm.down)` };
        }
        switch (event.type) {
          case 'vm.place':
            if (event.reason === 'initial') serving.add(event.vm);
            return undefined;
          case 'vm.down':
            serving.delete(event.vm);
            owing.delete(event.vm);
            return undefined;
          case 'vm.boot':
          case 'vm.up':
            if (event.type === 'vm.up') serving.add(event.vm);
            return lost.has(event.vm) ? { message: `${event.vm} ${event.type === 'vm.boot' ? 'boots' : 'comes up'} on ${event.host} from its lost volume` } : undefined;
          case 'vm.migration.start':
          case 'vm.migration.end':
            return lost.has(event.vm) ? { message: `${event.vm} ${event.type === 'vm.migration.start' ? 'starts' : 'ends'} a live migration with its volume lost` } : undefined;
          case 'volume.health':
            for (const v of event.volumes) {
              if (lost.has(v)) return { message: `volume ${v} came back from lost to ${event.health}` };
              if (event.health !== 'lost') continue;
              lost.add(v);
              if (serving.has(v)) owing.set(v, event.t);
            }
            return undefined;
          default:
            return undefined;
        }
      },
    };
  },
};
