// Safety: VM-host "must" rules hold (the scenario's `rules:` with mode must, a licence pinning
// VMs to some hosts): no VM is assigned to, or holds a migration reservation on, a host outside its
// rule. "Should" rules may bend (HA, a full cluster), so they are not invariants.
import type { World } from '../ops/world.ts';
import { hostRecord, vmRecord } from './records.ts';
import type { Finding, StateChecker } from './types.ts';

export const vmHostRules: StateChecker = {
  kind: 'state',
  name: 'vmHostRules',
  description: 'no VM is on, or migrating to, a host its VM-host must rule excludes',
  check(world: World): Finding | undefined {
    const { cluster } = world;
    for (const h of cluster.hostList) {
      for (const list of [h.vms, h.incoming]) {
        for (const id of list) {
          const vm = cluster.vm(id);
          if (vm.mustHosts !== undefined && !vm.mustHosts.has(h.id)) {
            return { message: `${id} is on ${h.id}, outside its VM-host must rule (${[...vm.mustHosts].join(', ')})`, state: { vm: vmRecord(vm), host: hostRecord(h) } };
          }
        }
      }
    }
    return undefined;
  },
};
