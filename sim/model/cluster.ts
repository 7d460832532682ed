// The cluster's mutable state: hosts and VMs as plain records, indexed by id and kept in sorted id
// order so that every loop that can reach a decision runs in the same order on every machine.
// Memory is accounted in whole MiB so that adding and removing VMs never drifts.
// Only the ops (sim/ops/*) change these records, and each change is recorded in the trace.
import { perVmOverheadMiB, usableCores } from './overhead.ts';
import type { ClusterSpec, HostSpec, VmSpec } from './specs.ts';
import type { Parameters } from '../platforms/parameters.ts';

/** up: takes VMs; draining: entering maintenance (VMs leaving); maintenance: in the work; failed. */
export type HostStatus = 'up' | 'draining' | 'maintenance' | 'failed';

/**
 * running: serving; migrating: serving while pre-copy runs; paused: stop-and-copy;
 * stopping: graceful shutdown; stopped: powered off on purpose (waiting to boot);
 * down: crashed with its host; booting: powering on; unplaced: never found a host.
 */
export type VmStatus = 'running' | 'migrating' | 'paused' | 'stopping' | 'stopped' | 'down' | 'booting' | 'unplaced';

export interface Host {
  id: string;
  spec: HostSpec;
  status: HostStatus;
  allocatableMiB: number;
  usableCores: number;
  /** Memory and vCPUs of the VMs assigned here plus incoming migrations' reservations. */
  usedMiB: number;
  usedVcpus: number;
  /** VM ids assigned to this host, sorted. */
  vms: string[];
  /** VMs migrating here, whose room is reserved (sorted). */
  incoming: string[];
  failedDisks: number[];
}

export interface Vm {
  id: string;
  spec: VmSpec;
  status: VmStatus;
  /** Host it is assigned to (running there, or waiting there while stopped/down). */
  host: string | undefined;
  /** Guest memory plus per-VM overhead, whole MiB. */
  footprintMiB: number;
  overheadMiB: number;
  cpuUtilization: number;
}

export class Cluster {
  readonly hosts = new Map<string, Host>();
  readonly vms = new Map<string, Vm>();
  /** Ids in sorted order; Maps above iterate in this order too because they are filled sorted. */
  readonly hostIds: string[];
  readonly vmIds: string[];

  constructor(spec: ClusterSpec, readonly parameters: Parameters) {
    const overhead = parameters.overhead;
    this.hostIds = spec.hosts.map((h) => h.id).sort();
    this.vmIds = spec.vms.map((v) => v.id).sort();
    const hostById = new Map(spec.hosts.map((h) => [h.id, h]));
    const vmById = new Map(spec.vms.map((v) => [v.id, v]));
    for (const id of this.hostIds) {
      const spec = hostById.get(id)!;
      this.hosts.set(id, {
        id,
        spec,
        status: 'up',
        allocatableMiB: Math.floor((spec.memoryGiB - overhead.hostMemoryGiB) * 1024),
        usableCores: usableCores(spec.cores, overhead),
        usedMiB: 0,
        usedVcpus: 0,
        vms: [],
        incoming: [],
        failedDisks: [],
      });
    }
    for (const id of this.vmIds) {
      const spec = vmById.get(id)!;
      const overheadMiB = Math.ceil(perVmOverheadMiB(spec, overhead));
      this.vms.set(id, {
        id,
        spec,
        status: 'unplaced',
        host: undefined,
        footprintMiB: Math.ceil(spec.memoryGiB * 1024) + overheadMiB,
        overheadMiB,
        cpuUtilization: spec.cpuUtilization,
      });
    }
  }

  host(id: string): Host {
    const h = this.hosts.get(id);
    if (!h) throw new Error(`unknown host ${id}`);
    return h;
  }

  vm(id: string): Vm {
    const v = this.vms.get(id);
    if (!v) throw new Error(`unknown VM ${id}`);
    return v;
  }

  /** Assigns a VM to a host (its memory and vCPUs count there from now on). */
  assign(vm: Vm, hostId: string): void {
    if (vm.host !== undefined) this.unassign(vm);
    const host = this.host(hostId);
    vm.host = hostId;
    insertSorted(host.vms, vm.id);
    host.usedMiB += vm.footprintMiB;
    host.usedVcpus += vm.spec.vcpus;
  }

  unassign(vm: Vm): void {
    if (vm.host === undefined) return;
    const host = this.host(vm.host);
    host.vms.splice(host.vms.indexOf(vm.id), 1);
    host.usedMiB -= vm.footprintMiB;
    host.usedVcpus -= vm.spec.vcpus;
    vm.host = undefined;
  }

  /** Holds room on a migration target until the VM arrives or the migration fails. */
  reserve(vm: Vm, hostId: string): void {
    const host = this.host(hostId);
    insertSorted(host.incoming, vm.id);
    host.usedMiB += vm.footprintMiB;
    host.usedVcpus += vm.spec.vcpus;
  }

  release(vm: Vm, hostId: string): void {
    const host = this.host(hostId);
    host.incoming.splice(host.incoming.indexOf(vm.id), 1);
    host.usedMiB -= vm.footprintMiB;
    host.usedVcpus -= vm.spec.vcpus;
  }

  /** Guest dirty rate now: the file's rate scales with CPU load, as dirtying follows CPU work (SimGrid, platform-facts §6.5). */
  dirtyBytesPerSec(vm: Vm): number {
    const base = vm.spec.cpuUtilization;
    const scale = base > 0 ? vm.cpuUtilization / base : 1;
    return vm.spec.dirtyRateMiBps * 2 ** 20 * scale;
  }

  /** Hosts that can take VMs now. */
  inService(): Host[] {
    return this.hostIds.map((id) => this.hosts.get(id)!).filter((h) => h.status === 'up');
  }
}

function insertSorted(list: string[], id: string): void {
  let i = list.length;
  while (i > 0 && list[i - 1] > id) i--;
  list.splice(i, 0, id);
}

/** Is the VM consuming its host's resources and serving (or about to)? */
export function isActive(vm: Vm): boolean {
  return vm.status === 'running' || vm.status === 'migrating' || vm.status === 'paused' || vm.status === 'booting';
}
