// Safety: anti-affinity rules hold. VMs sharing an antiAffinity label never serve on one host, counting
// a migration's reservation on its target as the VM being there (placement counts it so too). A
// `rules:` anti-affinity rule gives its VMs such a label (rule:NAME); VM-host rules are vm-host-rules.ts.
import type { World } from '../ops/world.ts';
import { hostRecord } from './records.ts';
import type { Finding, StateChecker } from './types.ts';

const SERVING = new Set(['running', 'migrating', 'paused', 'booting']);

export const antiAffinity: StateChecker = {
  kind: 'state',
  name: 'antiAffinity',
  description: 'VMs sharing an anti-affinity label never serve on one host (a migration target counts)',
  check(world: World): Finding | undefined {
    const { cluster } = world;
    for (const h of cluster.hostList) {
      let seen: Map<string, string> | undefined;
      for (const list of [h.vms, h.incoming]) {
        for (const id of list) {
          const vm = cluster.vm(id);
          const label = vm.spec.antiAffinity;
          // An HA restart the platform lets break the rule (vSphere HA by default) is not a violation.
          if (label === undefined || !SERVING.has(vm.status) || vm.antiAffinityWaived) continue;
          seen ??= new Map();
          const other = seen.get(label);
          if (other !== undefined) return { message: `${h.id} holds ${other} and ${id}, both in anti-affinity group ${label}`, state: { host: hostRecord(h) } };
          seen.set(label, id);
        }
      }
    }
    return undefined;
  },
};
