// Placement scorers (the second extension point): each rates a feasible host 0-100 for a VM; the
// profile's weights combine them. Integer scores, and ties go to the lowest host id, so a decision
// never depends on iteration accidents or floating-point noise.
import type { Host, Vm } from '../model/cluster.ts';
import type { PlacementParameters } from '../platforms/parameters.ts';

export type Scorer = (placement: PlacementParameters, vm: Vm, host: Host) => number;

/** Share of the host's memory left free after the VM lands: spreads memory pressure (DRS balances on it). */
export const freeMemory: Scorer = (placement, vm, host) => {
  const limit = host.allocatableMiB * placement.memoryOvercommit;
  return clampScore((100 * (limit - host.usedMiB - vm.footprintMiB)) / limit);
};

/** Share of the host's vCPU capacity left free after the VM lands. */
export const freeCpu: Scorer = (placement, vm, host) => {
  const limit = host.usableCores * placement.vcpuOvercommit;
  return clampScore((100 * (limit - host.usedVcpus - vm.spec.vcpus)) / limit);
};

/** Fewer VMs on the host scores higher: a smaller blast radius when it fails. */
export const spread: Scorer = (_placement, _vm, host) => clampScore(100 / (1 + host.vms.length + host.incoming.length));

export const SCORERS: readonly [keyof PlacementParameters['weights'], Scorer][] = [
  ['freeMemory', freeMemory],
  ['freeCpu', freeCpu],
  ['spread', spread],
];

function clampScore(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}
