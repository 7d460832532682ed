// Safety, from the trace: VMs are neither created nor lost. Every VM an event names is one run.start
// listed; each gets exactly one initial placement (vm.place 'initial' or vm.unplaced) before
// anything else happens to it; an unplaced VM never appears again; and each VM's outages pair up:
// vm.down only for a VM that serves, vm.boot only for one that is out, vm.up only after vm.boot,
// vm.stopped and vm.crash only for one that is not serving, and only a powered-on VM (serving or
// booting) starts a live migration. A VM that vanished or was duplicated breaks one of these.
import type { SimEvent } from '../events/catalogue.ts';
import type { Finding, TraceChecker, TraceObserver } from './types.ts';

type Life = 'new' | 'serving' | 'out' | 'booting' | 'unplaced';

export const vmConservation: TraceChecker = {
  kind: 'trace',
  name: 'vmConservation',
  description: 'VMs are neither created nor lost: each is placed once, and its outages open and close in turn',
  start(): TraceObserver {
    const life = new Map<string, Life>();
    let started = false;
    const named = (event: SimEvent): string[] => {
      const e = event as { vm?: unknown; vms?: unknown; type: string };
      // setLoad changes the load of every VM it matches, placed or not: no life event.
      if (event.type === 'run.start' || event.type === 'vm.load') return [];
      if (event.type.startsWith('vm.') || event.type.startsWith('ha.')) {
        const ids: string[] = typeof e.vm === 'string' ? [e.vm] : [];
        if (Array.isArray(e.vms)) for (const v of e.vms) if (typeof v === 'string') ids.push(v);
        return ids;
      }
      return [];
    };
    return {
      observe(event: SimEvent): Finding | undefined {
        if (event.type === 'run.start') {
          if (started) return { message: 'a second run.start' };
          started = true;
          for (const vm of event.cluster.vms) life.set(vm.id, 'new');
          return undefined;
        }
        for (const id of named(event)) {
          const was = life.get(id);
          if (was === undefined) return { message: `${event.type} names ${id}, a VM run.start did not list` };
          if (was === 'unplaced') return { message: `${event.type} names ${id}, which was never placed` };
          if (was === 'new' && event.type !== 'vm.place' && event.type !== 'vm.unplaced') return { message: `${event.type} names ${id} before its initial placement` };
        }
        const vm = (event as { vm?: string }).vm;
        if (vm === undefined) return undefined;
        const was = life.get(vm)!;
        const state = { vm, life: was };
        switch (event.type) {
          case 'vm.unplaced':
            if (was !== 'new') return { message: `${vm} unplaced after it was placed`, state };
            life.set(vm, 'unplaced');
            return undefined;
          case 'vm.place':
            if (event.reason === 'initial') {
              if (was !== 'new') return { message: `${vm} placed initially a second time`, state };
              life.set(vm, 'serving');
            }
            return undefined;
          case 'vm.down':
            if (was !== 'serving') return { message: `${vm} goes down while it is ${was}`, state };
            life.set(vm, 'out');
            return undefined;
          case 'vm.boot':
            if (was !== 'out') return { message: `${vm} boots while it is ${was}`, state };
            life.set(vm, 'booting');
            return undefined;
          case 'vm.up':
            if (was !== 'booting') return { message: `${vm} comes up while it is ${was}`, state };
            life.set(vm, 'serving');
            return undefined;
          case 'vm.stopped':
            // A shutdown ends powered off: after vm.down, or abandoning a boot (no outage to open).
            if (was === 'serving') return { message: `${vm} is powered off while it is serving (no vm.down)`, state };
            life.set(vm, 'out');
            return undefined;
          case 'vm.boot.refused':
            // Refused at power-on (the VM stays out) or when the boot ends (it was booting).
            if (was === 'serving') return { message: `${vm} is refused a boot while it is serving`, state };
            life.set(vm, 'out');
            return undefined;
          case 'vm.crash':
            if (was === 'serving') return { message: `${vm} crashes without an outage while it is serving`, state };
            life.set(vm, 'out');
            return undefined;
          case 'vm.migration.start':
            // A powered-on guest moves whether or not it has finished booting.
            return was === 'serving' || was === 'booting' ? undefined : { message: `${vm} starts a live migration while it is ${was}`, state };
          default:
            return undefined;
        }
      },
    };
  },
};
