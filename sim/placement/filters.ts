// Placement filters (the Kubernetes scheduler's and Nova's first extension point): each says whether
// one host can take one VM now, and if not, why. Small pure functions of the cluster state, so a
// decision can be replayed and explained.
//
// A filter answers in two steps because place() runs it on every host for every VM (80 M pairs for
// 40,000 VMs on 2,000 hosts): `reject` is O(1) and allocates nothing, returning the kind of refusal
// (a constant string); `reason` spells the refusal out, and runs only for the hosts the decision
// record lists (the first of each kind, or every host when the record is kept in full).
import { haReservationMiB, isActive, type Cluster, type Host, type HostStatus, type Vm } from '../model/cluster.ts';

export interface PlacementContext {
  cluster: Cluster;
  /** Apply vSphere HA admission control (power-ons and evacuations; not HA's own restarts). */
  admission: boolean;
  /** VMs whose decisions are recorded in full (every candidate, every rejected host). */
  explain?: (vmId: string) => boolean;
  /** An HA restart on a platform whose HA does not keep VM-VM anti-affinity (vSphere by default). */
  ignoreAntiAffinity?: boolean;
}

export interface Filter {
  /** undefined when the host passes, else the kind of refusal: the text of `reason` before its ':'. */
  reject(ctx: PlacementContext, vm: Vm, host: Host): string | undefined;
  /** Why the host is refused, for a host that `reject` refused. */
  reason(ctx: PlacementContext, vm: Vm, host: Host): string;
}

/** A filter that does not depend on the host: evaluated once per decision. */
export type ClusterFilter = (ctx: PlacementContext, vm: Vm) => string | undefined;

const GiB = (mib: number) => (mib / 1024).toFixed(1);

const NOT_IN_SERVICE: Record<HostStatus, string> = {
  up: 'host is up',
  draining: 'host is draining',
  maintenance: 'host is maintenance',
  failed: 'host is failed',
};

export const hostInService: Filter = {
  reject: (_ctx, _vm, host) => (host.status === 'up' ? undefined : NOT_IN_SERVICE[host.status]),
  reason: (_ctx, _vm, host) => NOT_IN_SERVICE[host.status],
};

const memoryLimitMiB = (ctx: PlacementContext, host: Host) => host.allocatableMiB * ctx.cluster.parameters.policies.placement.memoryOvercommit;

export const memory: Filter = {
  reject: (ctx, vm, host) => (host.usedMiB + vm.footprintMiB <= memoryLimitMiB(ctx, host) ? undefined : 'memory'),
  reason: (ctx, vm, host) =>
    `memory: needs ${GiB(vm.footprintMiB)} GiB, ${GiB(Math.max(0, memoryLimitMiB(ctx, host) - host.usedMiB))} GiB free`,
};

const vcpuLimit = (ctx: PlacementContext, host: Host) => host.usableCores * ctx.cluster.parameters.policies.placement.vcpuOvercommit;

export const cpu: Filter = {
  reject: (ctx, vm, host) => (host.usedVcpus + vm.spec.vcpus <= vcpuLimit(ctx, host) + 1e-9 ? undefined : 'cpu'),
  reason: (ctx, vm, host) =>
    `cpu: needs ${vm.spec.vcpus} vCPUs, ${Math.max(0, Math.floor(vcpuLimit(ctx, host) - host.usedVcpus))} free`,
};

/** No two VMs with the same label on one host, counting VMs migrating there. */
export const antiAffinity: Filter = {
  reject: (ctx, vm, host) => {
    const label = vm.spec.antiAffinity;
    if (label === undefined || ctx.ignoreAntiAffinity) return undefined;
    // The cluster's per-host label count, less the VM itself where it is assigned or expected.
    let others = ctx.cluster.labelCount(host.id, label);
    if (others > 0 && vm.host === host.id) others--;
    if (others > 0 && host.incoming.includes(vm.id)) others--;
    return others > 0 ? 'anti-affinity' : undefined;
  },
  reason: (ctx, vm, host) => {
    const label = vm.spec.antiAffinity;
    const other = [...host.vms, ...host.incoming].find((id) => id !== vm.id && ctx.cluster.vm(id).spec.antiAffinity === label);
    return `anti-affinity: ${label} (${other})`;
  },
};

/** A VM-host must rule: the VM runs only on the rule's hosts (DRS, HA and maintenance never break it; platform-facts §4.3). */
export const vmHostRule: Filter = {
  reject: (_ctx, vm, host) => (vm.mustHosts === undefined || vm.mustHosts.has(host.id) ? undefined : 'VM-host rule'),
  reason: (_ctx, vm) => {
    const hosts = [...vm.mustHosts!];
    if (hosts.length === 0) return 'VM-host rule: none of its hosts is in this cluster';
    return `VM-host rule: must run on ${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ', ...' : ''}`;
  },
};

/**
 * vSphere HA admission control, cluster resource percentage with auto-computed percentages
 * (platform-facts §4.6): with F host failures to tolerate and N hosts in service, reservations
 * (per `admissionCounts` the memory reservation, or on AHV the whole memory, plus overhead; 256 MHz
 * CPU for a VM without a CPU reservation) must stay within
 * (1 - F/N) of the cluster's capacity. Host-independent: it rejects every host alike, which is how a
 * host entering maintenance gets stuck when the remaining hosts could not absorb a failure.
 * The reservations of running VMs and the in-service capacity are the cluster's running totals.
 */
export const haAdmission: ClusterFilter = (ctx, vm) => {
  const { cluster } = ctx;
  const ha = cluster.parameters.policies.ha;
  if (!ctx.admission || !ha.enabled || !ha.admissionControl) return undefined;
  const capacity = cluster.inServiceCapacity();
  const n = capacity.hosts;
  const f = ha.hostFailuresToTolerate;
  if (n <= f) return `HA admission control: ${n} hosts in service cannot tolerate ${f} host failures`;
  const active = cluster.activeReservations();
  // The VM being placed counts whether or not it already runs (a migration's VM does).
  const extra = isActive(vm) ? 0 : 1;
  const memMiB = active.memoryMiB + extra * haReservationMiB(vm, ha.admissionCounts);
  const cpuMHz = (active.vms + extra) * DEFAULT_CPU_RESERVATION_MHZ;
  const allowed = 1 - f / n;
  if (memMiB <= capacity.memoryMiB * allowed && cpuMHz <= capacity.cpuMHz * allowed) return undefined;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `HA admission control: reservations need ${pct(Math.max(memMiB / capacity.memoryMiB, cpuMHz / capacity.cpuMHz))} of ${n} hosts, at most ${pct(allowed)} allowed for ${f} failure(s)`;
};

/** vSphere API doc: a VM without a CPU reservation counts 256 MHz for admission (platform-facts §4.6). */
const DEFAULT_CPU_RESERVATION_MHZ = 256;

/** Host filters in order; the first that rejects gives the reason. */
/** Local storage with replicas (Proxmox ZFS replication): only a node holding the disk can run the VM. */
export const diskHere: Filter = {
  reject: (ctx, vm, host) => {
    const hosts = ctx.cluster.dataHosts?.(vm.id);
    return hosts === undefined || hosts.has(host.id) ? undefined : 'storage';
  },
  reason: () => 'storage: no replica of its disk on this host',
};

/** Local disks that move with a live migration (drive-mirror): the target needs room for the disk. */
export const diskRoom: Filter = {
  reject: (ctx, vm, host) => (ctx.cluster.diskRoom === undefined || ctx.cluster.diskRoom(vm.id, host.id) ? undefined : 'disk'),
  reason: () => 'disk: no local disk with room for its disk',
};

export const FILTERS: readonly [string, Filter][] = [
  ['hostInService', hostInService],
  ['memory', memory],
  ['cpu', cpu],
  ['antiAffinity', antiAffinity],
  ['diskHere', diskHere],
  ['diskRoom', diskRoom],
  ['vmHostRule', vmHostRule],
];

/** Applied to hosts that pass every host filter. */
export const CLUSTER_FILTERS: readonly [string, ClusterFilter][] = [['haAdmission', haAdmission]];
