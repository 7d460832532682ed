// Placement filters (the Kubernetes scheduler's and Nova's first extension point): each says whether
// one host can take one VM now, and if not, why. Small pure functions of the cluster state, so a
// decision can be replayed and explained.
import { haReservationMiB, isActive, type Cluster, type Host, type Vm } from '../model/cluster.ts';

export interface PlacementContext {
  cluster: Cluster;
  /** Apply vSphere HA admission control (power-ons and evacuations; not HA's own restarts). */
  admission: boolean;
}

/** Returns undefined when the host passes, else the reason it is rejected. */
export type Filter = (ctx: PlacementContext, vm: Vm, host: Host) => string | undefined;
/** A filter that does not depend on the host: evaluated once per decision. */
export type ClusterFilter = (ctx: PlacementContext, vm: Vm) => string | undefined;

const GiB = (mib: number) => (mib / 1024).toFixed(1);

export const hostInService: Filter = (_ctx, _vm, host) =>
  host.status === 'up' ? undefined : `host is ${host.status}`;

export const memory: Filter = (ctx, vm, host) => {
  const limitMiB = host.allocatableMiB * ctx.cluster.parameters.policies.placement.memoryOvercommit;
  if (host.usedMiB + vm.footprintMiB <= limitMiB) return undefined;
  return `memory: needs ${GiB(vm.footprintMiB)} GiB, ${GiB(Math.max(0, limitMiB - host.usedMiB))} GiB free`;
};

export const cpu: Filter = (ctx, vm, host) => {
  const limit = host.usableCores * ctx.cluster.parameters.policies.placement.vcpuOvercommit;
  if (host.usedVcpus + vm.spec.vcpus <= limit + 1e-9) return undefined;
  return `cpu: needs ${vm.spec.vcpus} vCPUs, ${Math.max(0, Math.floor(limit - host.usedVcpus))} free`;
};

export const antiAffinity: Filter = (ctx, vm, host) => {
  const label = vm.spec.antiAffinity;
  if (label === undefined) return undefined;
  // The cluster's per-host label count, less the VM itself where it is assigned or expected: O(1)
  // for the hosts that pass; the scan below only names the other VM of a refused host.
  let others = ctx.cluster.labelCount(host.id, label);
  if (others > 0 && vm.host === host.id) others--;
  if (others > 0 && host.incoming.includes(vm.id)) others--;
  if (others === 0) return undefined;
  for (const id of [...host.vms, ...host.incoming]) {
    if (id === vm.id) continue;
    if (ctx.cluster.vm(id).spec.antiAffinity === label) return `anti-affinity: ${label} (${id})`;
  }
  return undefined;
};

/**
 * vSphere HA admission control, cluster resource percentage with auto-computed percentages
 * (platform-facts §4.6): with F host failures to tolerate and N hosts in service, reservations
 * (memory reservation plus overhead; 256 MHz CPU for a VM without a CPU reservation) must stay within
 * (1 - F/N) of the cluster's capacity. Host-independent: it rejects every host alike, which is how a
 * host entering maintenance gets stuck when the remaining hosts could not absorb a failure.
 * The reservations of running VMs and the in-service capacity are the cluster's running totals.
 */
export const haAdmission: ClusterFilter = (ctx, vm) => {
  const { cluster } = ctx;
  const ha = cluster.parameters.policies.ha;
  if (!ctx.admission || !ha.enabled || !ha.admissionControl) return undefined;
  const { hosts: n, memoryMiB: capMiB, cpuMHz: capMHz } = cluster.inServiceCapacity();
  const f = ha.hostFailuresToTolerate;
  if (n <= f) return `HA admission control: ${n} hosts in service cannot tolerate ${f} host failures`;
  const active = cluster.activeReservations();
  // The VM being placed counts whether or not it already runs (a migration's VM does).
  const extra = isActive(vm) ? 0 : 1;
  const memMiB = active.memoryMiB + extra * haReservationMiB(vm);
  const cpuMHz = (active.vms + extra) * DEFAULT_CPU_RESERVATION_MHZ;
  const allowed = 1 - f / n;
  if (memMiB <= capMiB * allowed && cpuMHz <= capMHz * allowed) return undefined;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `HA admission control: reservations need ${pct(Math.max(memMiB / capMiB, cpuMHz / capMHz))} of ${n} hosts, at most ${pct(allowed)} allowed for ${f} failure(s)`;
};

/** vSphere API doc: a VM without a CPU reservation counts 256 MHz for admission (platform-facts §4.6). */
const DEFAULT_CPU_RESERVATION_MHZ = 256;

/** Host filters in order; the first that rejects gives the reason. */
export const FILTERS: readonly [string, Filter][] = [
  ['hostInService', hostInService],
  ['memory', memory],
  ['cpu', cpu],
  ['antiAffinity', antiAffinity],
];

/** Applied to hosts that pass every host filter. */
export const CLUSTER_FILTERS: readonly [string, ClusterFilter][] = [['haAdmission', haAdmission]];
