// Safety: no VM serves on a host that has failed or whose evacuation finished (in maintenance). A
// host that is draining still runs the VMs it has not sent away yet.
import type { World } from '../ops/world.ts';
import { hostRecord, vmRecord } from './records.ts';
import type { Finding, StateChecker } from './types.ts';

const SERVING = new Set(['running', 'migrating', 'paused', 'booting']);

export const hostsOut: StateChecker = {
  kind: 'state',
  name: 'hostsOut',
  description: 'no VM runs on a host that has failed or is in maintenance after its evacuation finished',
  check(world: World): Finding | undefined {
    const { cluster } = world;
    for (const h of cluster.hostList) {
      if (h.status === 'up' || h.status === 'draining') continue;
      for (const id of h.vms) {
        const vm = cluster.vm(id);
        if (SERVING.has(vm.status)) return { message: `${id} is ${vm.status} on ${h.id}, which is ${h.status}`, state: { vm: vmRecord(vm), host: hostRecord(h) } };
      }
    }
    return undefined;
  },
};
