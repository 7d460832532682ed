// Host CPU under load. A host's usable CPU is cores x GHz x (1 - tax/100), with the tax the CPU its
// platform's services burn (cpuConsumedPercent: equal to the reservation cpuTaxPercent everywhere but
// on Harvester, whose Kubernetes requests are cgroup weights that guests use when the services idle);
// a VM demands
// vcpus x cpuUtilization cores of the host it runs on, and a running live migration costs
// `migrationCores` on its source and on its target (platform-facts: vMotion reserves a core per
// host on 10 GbE; QEMU's migration thread). When the VMs demand more than the CPU the hypervisor
// leaves them, they get a weighted max-min fair share (vSphere shares, cgroup cpu.weight) and the
// shortfall is contention: time each vCPU is ready to run but waits, reported as CPU-ready %.
//
// Demand is kept per host as a running total in whole millicores, updated by the cluster on each
// change of a VM (placed, moved, stopped, load changed) and by the migration scheduler: O(1) per
// change, never a scan, and integer sums that never drift. The fair share of a host is computed
// only for hosts marked dirty, once per instant (the ops' CPU monitor flushes them).
import type { CpuParameters, OverheadParameters } from '../platforms/parameters.ts';
import { consumedCores } from './overhead.ts';
import type { HostSpec } from './specs.ts';

export interface HostCpu {
  /** Cores left to VMs and migrations after what the platform's services burn, in millicores. */
  readonly usableMilli: number;
  /** Demand of the VMs running here, millicores. */
  demandMilli: number;
  /** Live migrations touching this host now (as source or target). */
  migrations: number;
  readonly coreGHz: number;
}

/** A VM's demand as the host sees it: where it is counted and how much. */
export interface CpuConsumer {
  readonly id: string;
  readonly vcpus: number;
  /** Host whose demand includes this VM, or undefined when it runs nowhere. */
  host: string | undefined;
  demandMilli: number;
}

/** The outcome of sharing one host's CPU among its VMs. */
export interface HostShare {
  demandMilli: number;
  migrationMilli: number;
  usableMilli: number;
  /** VMs (and migrations) get this much in total: min(usable, demand + migration). */
  deliveredMilli: number;
  /** VMs that get less than they demand. */
  contendedVms: number;
  /** Largest CPU-ready share among the VMs: 100 x (demand - share) / (vcpus x 1000). */
  readyPercentMax: number;
}

export class CpuModel {
  readonly hosts = new Map<string, HostCpu>();
  /** Hosts whose share changed since the last flush (insertion order; flushed sorted). */
  private readonly dirty = new Set<string>();
  /** Called when the first host of a flush becomes dirty, so the owner can schedule the flush. */
  onDirty: (() => void) | undefined;

  constructor(hosts: readonly HostSpec[], overhead: OverheadParameters, readonly params: CpuParameters) {
    for (const h of hosts) {
      const usable = h.cores - consumedCores(h.cores, overhead);
      this.hosts.set(h.id, { usableMilli: Math.round(usable * 1000), demandMilli: 0, migrations: 0, coreGHz: h.coreGHz });
    }
  }

  host(id: string): HostCpu {
    const h = this.hosts.get(id);
    if (h === undefined) throw new Error(`unknown host ${id}`);
    return h;
  }

  /** Moves a consumer's demand to where it runs now (`host`, `demandMilli`): O(1). */
  update(c: CpuConsumer, host: string | undefined, demandMilli: number): void {
    if (c.host === host && c.demandMilli === demandMilli) return;
    if (c.host !== undefined) this.add(c.host, -c.demandMilli);
    c.host = host;
    c.demandMilli = host === undefined ? 0 : demandMilli;
    if (host !== undefined) this.add(host, c.demandMilli);
  }

  /** A live migration starts (+1) or ends (-1) on a host. */
  migration(hostId: string, sign: 1 | -1): void {
    this.host(hostId).migrations += sign;
    this.touch(hostId);
  }

  /** The CPU migrations take on the host now, millicores (capped per host where the platform caps it). */
  migrationMilli(h: HostCpu): number {
    const each = Math.round(this.params.migrationCores * 1000);
    const cap = Math.round(this.params.migrationCoresPerHostMax * 1000);
    const total = each * h.migrations;
    return cap > 0 ? Math.min(cap, total) : total;
  }

  /** Demand plus migration CPU over usable CPU: the load DRS balances (above 1 = contended). */
  load(hostId: string): number {
    const h = this.host(hostId);
    return h.usableMilli === 0 ? 0 : (h.demandMilli + this.migrationMilli(h)) / h.usableMilli;
  }

  /** Hosts changed since the last call, in id order; clears the set. */
  takeDirty(): string[] {
    const ids = [...this.dirty].sort();
    this.dirty.clear();
    return ids;
  }

  private add(hostId: string, milli: number): void {
    if (milli === 0) return;
    this.host(hostId).demandMilli += milli;
    this.touch(hostId);
  }

  private touch(hostId: string): void {
    const first = this.dirty.size === 0;
    this.dirty.add(hostId);
    if (first) this.onDirty?.();
  }

  /** Shares the host's CPU among `vms` (the consumers counted on it). O(k log k) for k VMs. */
  share(hostId: string, vms: readonly CpuConsumer[]): HostShare {
    const h = this.host(hostId);
    const migrationMilli = this.migrationMilli(h);
    const forVms = Math.max(0, h.usableMilli - migrationMilli);
    const base = { demandMilli: h.demandMilli, migrationMilli, usableMilli: h.usableMilli };
    const deliveredMilli = Math.min(h.usableMilli, h.demandMilli + migrationMilli);
    if (h.demandMilli <= forVms) return { ...base, deliveredMilli, contendedVms: 0, readyPercentMax: 0 };
    const allocation = fairShare(vms, forVms, this.params.fairShare === 'shares' ? (c) => c.vcpus : () => 1);
    let contendedVms = 0;
    let readyPercentMax = 0;
    for (let i = 0; i < vms.length; i++) {
      const short = vms[i].demandMilli - allocation[i];
      if (short <= 1e-9) continue;
      contendedVms++;
      readyPercentMax = Math.max(readyPercentMax, (100 * short) / (vms[i].vcpus * 1000));
    }
    return { ...base, deliveredMilli, contendedVms, readyPercentMax };
  }
}

/**
 * Weighted max-min fair allocation of `capacity` among demands (water-filling): in order of demand
 * per weight, a VM that wants less than its weighted share of what is left gets what it wants, and
 * the rest split the remainder by weight. Returns each VM's allocation, in the order given.
 */
export function fairShare(vms: readonly CpuConsumer[], capacity: number, weight: (c: CpuConsumer) => number): number[] {
  const order = vms.map((_, i) => i).sort((a, b) => vms[a].demandMilli / weight(vms[a]) - vms[b].demandMilli / weight(vms[b]) || a - b);
  const out = new Array<number>(vms.length).fill(0);
  let left = capacity;
  let weights = 0;
  for (const v of vms) weights += weight(v);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const w = weight(vms[i]);
    const fair = weights > 0 ? (left * w) / weights : 0;
    const got = Math.min(vms[i].demandMilli, fair);
    out[i] = got;
    left -= got;
    weights -= w;
  }
  return out;
}

/** A VM's demand: vcpus x utilisation, whole millicores. */
export function demandMilli(vcpus: number, cpuUtilization: number): number {
  return Math.round(vcpus * cpuUtilization * 1000);
}
