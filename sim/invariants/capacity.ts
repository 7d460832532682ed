// Safety: a host's placed memory never exceeds its allocatable memory (times the memory overcommit
// the profile allows; 1 on every shipped profile but a scenario may raise it), nor its vCPUs the
// usable cores times the vCPU overcommit; each host's books match the VMs assigned to it plus the
// migrations it holds room for, and the cluster's running totals (HA reservations, in-service
// capacity, anti-affinity counts) match a recount from every record.
import type { World } from '../ops/world.ts';
import { hostRecord } from './records.ts';
import type { Finding, StateChecker } from './types.ts';

export const capacity: StateChecker = {
  kind: 'state',
  name: 'capacity',
  description: "a host's placed memory and vCPUs never exceed what it can allocate, and every running total matches a recount",
  check(world: World): Finding | undefined {
    const { cluster } = world;
    const placement = cluster.parameters.policies.placement;
    for (const h of cluster.hostList) {
      let mib = 0, vcpus = 0;
      for (const list of [h.vms, h.incoming]) {
        for (const vmId of list) {
          const vm = cluster.vm(vmId);
          mib += vm.footprintMiB;
          vcpus += vm.spec.vcpus;
        }
      }
      const state = { host: hostRecord(h) };
      if (mib !== h.usedMiB || vcpus !== h.usedVcpus) return { message: `${h.id}: books say ${h.usedMiB} MiB / ${h.usedVcpus} vCPUs, its VMs add up to ${mib} MiB / ${vcpus}`, state };
      const memoryLimit = h.allocatableMiB * placement.memoryOvercommit;
      if (h.usedMiB > memoryLimit) return { message: `${h.id}: ${h.usedMiB} MiB placed, allocatable ${memoryLimit}`, state };
      const cpuLimit = h.usableCores * placement.vcpuOvercommit;
      if (h.usedVcpus > cpuLimit + 1e-9) return { message: `${h.id}: ${h.usedVcpus} vCPUs placed, limit ${cpuLimit}`, state };
    }
    const kept = JSON.stringify(cluster.books());
    const recounted = JSON.stringify(cluster.recount());
    return kept === recounted ? undefined : { message: `running totals ${kept} differ from a recount ${recounted}` };
  },
};
