// Safety: a VM that is serving runs on a host that is up (or still draining); a VM on a failed host
// is down; anti-affinity groups never share a host among serving VMs; no VM is assigned to a host
// its VM-host must rule excludes.
import type { World } from '../ops/world.ts';

const SERVING = new Set(['running', 'migrating', 'paused', 'booting']);

export function checkVmLocation(world: World): string | undefined {
  const { cluster } = world;
  for (const id of cluster.vmIds) {
    const vm = cluster.vm(id);
    if (vm.status === 'unplaced') continue;
    if (vm.host === undefined) return `${id} is ${vm.status} but assigned to no host`;
    if (vm.mustHosts !== undefined && !vm.mustHosts.has(vm.host)) return `${id} is on ${vm.host}, outside its VM-host must rule`;
    const host = cluster.host(vm.host);
    if (SERVING.has(vm.status) && host.status !== 'up' && host.status !== 'draining') return `${id} is ${vm.status} on ${vm.host}, which is ${host.status}`;
  }
  for (const hostId of cluster.hostIds) {
    const seen = new Map<string, string>();
    for (const vmId of cluster.host(hostId).vms) {
      const vm = cluster.vm(vmId);
      const label = vm.spec.antiAffinity;
      if (label === undefined || !SERVING.has(vm.status)) continue;
      if (seen.has(label)) return `${hostId} runs ${seen.get(label)} and ${vmId}, both in anti-affinity group ${label}`;
      seen.set(label, vmId);
    }
  }
  return undefined;
}
