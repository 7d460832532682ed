// Safety: a VM runs on exactly one host or is down. Every VM but an unplaced one is assigned to one
// host whose list holds it, no host lists a VM assigned elsewhere, and a live migration holds
// exactly one reservation, on its target (a VM that is not migrating holds none).
import type { World } from '../ops/world.ts';
import { hostRecord, vmRecord } from './records.ts';
import type { Finding, StateChecker } from './types.ts';

const MIGRATING = new Set(['migrating', 'paused']);

export const vmPlacement: StateChecker = {
  kind: 'state',
  name: 'vmPlacement',
  description: 'a VM runs on exactly one host or is down; a migrating VM holds exactly one reservation, on its target',
  check(world: World): Finding | undefined {
    const { cluster } = world;
    const reservations = new Map<string, string[]>();
    for (const h of cluster.hostList) {
      for (const id of h.vms) {
        const vm = cluster.vm(id);
        if (vm.host !== h.id) return { message: `${h.id} lists ${id}, which is assigned to ${vm.host ?? 'no host'}`, state: { vm: vmRecord(vm), host: hostRecord(h) } };
      }
      for (const id of h.incoming) reservations.set(id, [...(reservations.get(id) ?? []), h.id]);
    }
    for (const id of cluster.vmIds) {
      const vm = cluster.vm(id);
      const held = reservations.get(id) ?? [];
      if (vm.status === 'unplaced') {
        if (vm.host !== undefined || held.length > 0) return { message: `${id} is unplaced but holds a host`, state: { vm: vmRecord(vm), reservations: held } };
        continue;
      }
      if (vm.host === undefined) return { message: `${id} is ${vm.status} but assigned to no host`, state: { vm: vmRecord(vm) } };
      const host = cluster.host(vm.host);
      if (!host.vms.includes(id)) return { message: `${id} is assigned to ${vm.host}, which does not list it`, state: { vm: vmRecord(vm), host: hostRecord(host) } };
      const wanted = MIGRATING.has(vm.status) ? 1 : 0;
      if (held.length !== wanted || held.includes(vm.host)) {
        const where = held.length === 0 ? 'none' : held.join(', ');
        return { message: `${id} is ${vm.status} on ${vm.host} and holds ${held.length} reservation${held.length === 1 ? '' : 's'} (${where}), expected ${wanted} on another host`, state: { vm: vmRecord(vm), reservations: held } };
      }
    }
    return undefined;
  },
};
