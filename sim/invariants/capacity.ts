// Safety: no host holds more than its placement limits allow (memory with overcommit, vCPUs), each
// host's books match the VMs assigned to it plus the migrations it has room reserved for, and the
// cluster's running totals (HA reservations, in-service capacity, anti-affinity counts) match a
// recount from every record.
import type { World } from '../ops/world.ts';

export function checkCapacity(world: World): string | undefined {
  const { cluster } = world;
  const placement = cluster.parameters.policies.placement;
  for (const id of cluster.hostIds) {
    const h = cluster.host(id);
    let mib = 0, vcpus = 0;
    for (const vmId of [...h.vms, ...h.incoming]) {
      const vm = cluster.vm(vmId);
      mib += vm.footprintMiB;
      vcpus += vm.spec.vcpus;
    }
    if (mib !== h.usedMiB || vcpus !== h.usedVcpus) return `${id}: books say ${h.usedMiB} MiB / ${h.usedVcpus} vCPUs, VMs add up to ${mib} MiB / ${vcpus}`;
    if (h.usedMiB > h.allocatableMiB * placement.memoryOvercommit) return `${id}: ${h.usedMiB} MiB placed, limit ${h.allocatableMiB * placement.memoryOvercommit}`;
    if (h.usedVcpus > h.usableCores * placement.vcpuOvercommit + 1e-9) return `${id}: ${h.usedVcpus} vCPUs placed, limit ${h.usableCores * placement.vcpuOvercommit}`;
  }
  return checkRunningTotals(world);
}

function checkRunningTotals(world: World): string | undefined {
  const kept = JSON.stringify(world.cluster.books());
  const recounted = JSON.stringify(world.cluster.recount());
  return kept === recounted ? undefined : `running totals ${kept} differ from a recount ${recounted}`;
}
