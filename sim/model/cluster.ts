// The cluster's mutable state: hosts and VMs as plain records, indexed by id and kept in sorted id
// order so that every loop that can reach a decision runs in the same order on every machine.
// Memory is accounted in whole MiB so that adding and removing VMs never drifts.
// Only the ops (sim/ops/*) change these records, and each change is recorded in the trace.
import { CpuModel, demandMilli, type CpuConsumer } from './cpu.ts';
import { perVmOverheadMiB, usableCores } from './overhead.ts';
import type { ClusterSpec, HostSpec, VmSpec } from './specs.ts';
import type { HaAdmissionCounts, Parameters } from '../platforms/parameters.ts';

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
  /** Changed only through Cluster.setHostStatus, which keeps the in-service totals. */
  readonly status: HostStatus;
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
  /** Changed only through Cluster.setVmStatus, which keeps the HA reservation totals. */
  readonly status: VmStatus;
  /** Host it is assigned to (running there, or waiting there while stopped/down). */
  host: string | undefined;
  /** Guest memory plus per-VM overhead, whole MiB. */
  footprintMiB: number;
  overheadMiB: number;
  /** Changed only through Cluster.setCpuUtilization, which keeps the hosts' CPU demand. */
  readonly cpuUtilization: number;
  /** Where its CPU demand is counted (the CPU model's record of this VM). */
  readonly cpu: CpuConsumer;
  /** VM-host rules: it may run only on these hosts (must) / prefers these hosts (should). */
  readonly mustHosts?: ReadonlySet<string>;
  readonly shouldHosts?: ReadonlySet<string>;
  /**
   * Put where another VM of its anti-affinity group runs by an HA restart that the platform lets
   * break the rule (policies.ha.restartRespectsAntiAffinity false); cleared when it is next assigned.
   */
  antiAffinityWaived: boolean;
}

export class Cluster {
  readonly hosts = new Map<string, Host>();
  readonly vms = new Map<string, Vm>();
  /** Ids in sorted order; Maps above iterate in this order too because they are filled sorted. */
  readonly hostIds: string[];
  readonly vmIds: string[];
  /** The hosts in id order, so that placement walks them without a map lookup per host. */
  readonly hostList: Host[] = [];
  // Running totals kept by the methods that change their inputs, so that HA admission control and
  // the anti-affinity filter are O(1) per decision and per host instead of a scan of every VM.
  private activeReservedMiBTotal = 0;
  private activeVmCountTotal = 0;
  /** Per anti-affinity label, per host id: labelled VMs assigned there or migrating there. */
  private readonly labelCounts = new Map<string, Map<string, number>>();
  /** In-service capacity, summed again in host order when a host's status changes (see inServiceCapacity). */
  private capacity: InServiceCapacity | undefined;
  /**
   * Where a VM's disk has data, when the storage ties VMs to some hosts (Proxmox local ZFS with
   * replication: a guest runs only where a replica of its disk is); undefined = anywhere. Set by
   * the storage layer, which sits above this model.
   */
  dataHosts: ((vmId: string) => ReadonlySet<string> | undefined) | undefined;
  /** Whether a host has disk room for a VM's disk, when migrating moves the disk (local disks, drive-mirror). */
  diskRoom: ((vmId: string, host: string) => boolean) | undefined;

  /** Per-host CPU demand and contention (sim/model/cpu.ts). */
  readonly cpu: CpuModel;

  constructor(spec: ClusterSpec, readonly parameters: Parameters) {
    const overhead = parameters.overhead;
    this.cpu = new CpuModel(spec.hosts, overhead, parameters.policies.cpu);
    this.hostIds = spec.hosts.map((h) => h.id).sort();
    this.vmIds = spec.vms.map((v) => v.id).sort();
    const hostById = new Map(spec.hosts.map((h) => [h.id, h]));
    const vmById = new Map(spec.vms.map((v) => [v.id, v]));
    for (const id of this.hostIds) {
      const spec = hostById.get(id)!;
      const host: Host = {
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
      };
      this.hosts.set(id, host);
      this.hostList.push(host);
    }
    for (const id of this.vmIds) {
      const spec = vmById.get(id)!;
      const overheadMiB = Math.ceil(perVmOverheadMiB(spec, overhead));
      const vm: Vm = {
        id,
        spec,
        status: 'unplaced',
        host: undefined,
        footprintMiB: Math.ceil(spec.memoryGiB * 1024) + overheadMiB,
        overheadMiB,
        cpuUtilization: spec.cpuUtilization,
        cpu: { id, vcpus: spec.vcpus, host: undefined, demandMilli: 0 },
        antiAffinityWaived: false,
      };
      if (spec.mustHosts !== undefined) (vm as { mustHosts?: ReadonlySet<string> }).mustHosts = new Set(spec.mustHosts);
      if (spec.shouldHosts !== undefined) (vm as { shouldHosts?: ReadonlySet<string> }).shouldHosts = new Set(spec.shouldHosts);
      this.vms.set(id, vm);
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
    vm.antiAffinityWaived = false;
    insertSorted(host.vms, vm.id);
    this.book(host, vm, 1);
    this.countCpu(vm);
  }

  unassign(vm: Vm): void {
    if (vm.host === undefined) return;
    const host = this.host(vm.host);
    host.vms.splice(host.vms.indexOf(vm.id), 1);
    this.book(host, vm, -1);
    vm.host = undefined;
    this.countCpu(vm);
  }

  /** A new CPU load for the VM (setLoad, a load curve): its host's demand follows. */
  setCpuUtilization(vm: Vm, cpuUtilization: number): void {
    (vm as { cpuUtilization: number }).cpuUtilization = cpuUtilization;
    this.countCpu(vm);
  }

  /** Counts the VM's CPU demand on its host while it runs there (booting and migrating included). */
  private countCpu(vm: Vm): void {
    const runs = vm.host !== undefined && (vm.status === 'running' || vm.status === 'migrating' || vm.status === 'booting');
    this.cpu.update(vm.cpu, runs ? vm.host : undefined, demandMilli(vm.spec.vcpus, vm.cpuUtilization));
  }

  /** The VMs whose CPU demand counts on the host, in id order. */
  cpuConsumers(hostId: string): CpuConsumer[] {
    const out: CpuConsumer[] = [];
    for (const id of this.host(hostId).vms) {
      const c = this.vm(id).cpu;
      if (c.host === hostId) out.push(c);
    }
    return out;
  }

  /** Holds room on a migration target until the VM arrives or the migration fails. */
  reserve(vm: Vm, hostId: string): void {
    const host = this.host(hostId);
    insertSorted(host.incoming, vm.id);
    this.book(host, vm, 1);
  }

  release(vm: Vm, hostId: string): void {
    const host = this.host(hostId);
    host.incoming.splice(host.incoming.indexOf(vm.id), 1);
    this.book(host, vm, -1);
  }

  private book(host: Host, vm: Vm, sign: 1 | -1): void {
    host.usedMiB += sign * vm.footprintMiB;
    host.usedVcpus += sign * vm.spec.vcpus;
    const label = vm.spec.antiAffinity;
    if (label === undefined) return;
    let perHost = this.labelCounts.get(label);
    if (perHost === undefined) this.labelCounts.set(label, (perHost = new Map()));
    const n = (perHost.get(host.id) ?? 0) + sign;
    if (n === 0) perHost.delete(host.id);
    else perHost.set(host.id, n);
  }

  /** VMs with this anti-affinity label assigned to the host or migrating to it. */
  labelCount(hostId: string, label: string): number {
    return this.labelCounts.get(label)?.get(hostId) ?? 0;
  }

  setVmStatus(vm: Vm, status: VmStatus): void {
    const was = isActive(vm);
    (vm as { status: VmStatus }).status = status;
    this.countCpu(vm);
    const now = isActive(vm);
    if (was === now) return;
    const sign = now ? 1 : -1;
    this.activeReservedMiBTotal += sign * haReservationMiB(vm, this.parameters.policies.ha.admissionCounts);
    this.activeVmCountTotal += sign;
  }

  setHostStatus(host: Host, status: HostStatus): void {
    if (host.status === status) return;
    (host as { status: HostStatus }).status = status;
    this.capacity = undefined;
  }

  /** VMs consuming resources (isActive) and the sum of their HA memory reservations. */
  activeReservations(): { vms: number; memoryMiB: number } {
    return { vms: this.activeVmCountTotal, memoryMiB: this.activeReservedMiBTotal };
  }

  /**
   * Hosts that can take VMs and their capacity. Summed in host id order whenever a host changed
   * status since the last call (rare: failures and maintenance), so the floating-point sum is the
   * same as a scan of every host would give, and unchanged clusters pay nothing per decision.
   */
  inServiceCapacity(): InServiceCapacity {
    if (this.capacity === undefined) this.capacity = this.sumInService();
    return this.capacity;
  }

  private sumInService(): InServiceCapacity {
    let hosts = 0, memoryMiB = 0, cpuMHz = 0;
    for (const h of this.hostList) {
      if (h.status !== 'up') continue;
      hosts++;
      memoryMiB += h.allocatableMiB;
      cpuMHz += h.usableCores * h.spec.coreGHz * 1000;
    }
    return { hosts, memoryMiB, cpuMHz };
  }

  /** The running totals computed again from every record: the invariant checker and tests compare. */
  recount(): Books {
    let vms = 0, memoryMiB = 0;
    for (const v of this.vms.values()) {
      if (!isActive(v)) continue;
      vms++;
      memoryMiB += haReservationMiB(v, this.parameters.policies.ha.admissionCounts);
    }
    const labels: Books['labels'] = [];
    for (const h of this.hostList) {
      const counts = new Map<string, number>();
      for (const id of [...h.vms, ...h.incoming]) {
        const label = this.vm(id).spec.antiAffinity;
        if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1);
      }
      for (const [label, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) labels.push({ host: h.id, label, count: n });
    }
    const cpuDemandMilli = this.hostList.map(() => 0);
    const index = new Map(this.hostList.map((h, i) => [h.id, i]));
    for (const v of this.vms.values()) {
      const runs = v.host !== undefined && (v.status === 'running' || v.status === 'migrating' || v.status === 'booting');
      if (runs) cpuDemandMilli[index.get(v.host!)!] += demandMilli(v.spec.vcpus, v.cpuUtilization);
    }
    return { activeVms: vms, activeReservedMiB: memoryMiB, inService: this.sumInService(), labels, cpuDemandMilli };
  }

  /** The same figures as recount(), read from the running totals. */
  books(): Books {
    const labels: Books['labels'] = [];
    for (const h of this.hostList) {
      const here: [string, number][] = [];
      for (const [label, perHost] of this.labelCounts) {
        const n = perHost.get(h.id);
        if (n !== undefined) here.push([label, n]);
      }
      for (const [label, n] of here.sort((a, b) => (a[0] < b[0] ? -1 : 1))) labels.push({ host: h.id, label, count: n });
    }
    const cpuDemandMilli = this.hostList.map((h) => this.cpu.host(h.id).demandMilli);
    return { activeVms: this.activeVmCountTotal, activeReservedMiB: this.activeReservedMiBTotal, inService: this.inServiceCapacity(), labels, cpuDemandMilli };
  }

  /** Guest dirty rate now: the file's rate scales with CPU load, as dirtying follows CPU work (SimGrid, platform-facts §6.5). */
  dirtyBytesPerSec(vm: Vm): number {
    const base = vm.spec.cpuUtilization;
    const scale = base > 0 ? vm.cpuUtilization / base : 1;
    return vm.spec.dirtyRateMiBps * 2 ** 20 * scale;
  }

  /** Hosts that can take VMs now. */
  inService(): Host[] {
    return this.hostList.filter((h) => h.status === 'up');
  }
}

export interface InServiceCapacity {
  hosts: number;
  memoryMiB: number;
  cpuMHz: number;
}

/** The running totals in a form that a recount can be compared with. */
export interface Books {
  activeVms: number;
  activeReservedMiB: number;
  inService: InServiceCapacity;
  labels: { host: string; label: string; count: number }[];
  /** Per host in id order: the CPU demand of the VMs running there, millicores. */
  cpuDemandMilli: number[];
}

/**
 * Memory that HA admission control counts for a VM, by the profile's `admissionCounts`: vSphere its
 * reservation plus its overhead (platform-facts §4.6), AHV's Guarantee mode its whole memory.
 */
export function haReservationMiB(vm: Vm, counts: HaAdmissionCounts): number {
  const GiB = counts === 'memory' ? vm.spec.memoryGiB : (vm.spec.memoryReservationGiB ?? 0);
  return Math.ceil(GiB * 1024) + vm.overheadMiB;
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
