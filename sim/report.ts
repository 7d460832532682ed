// summary.json as a fold over the event stream: `onEvent` updates running state per event and
// `summary` finishes it at any moment (the end of a run, or now for a live view) without changing
// it. Only the trace and the final cluster state are read, never the models' internals, so the
// replay view and the sweep runner get the same figures from the same events. The state kept is
// per VM, per host and per migration (durations, for the p95), never the events themselves.
import type { SimEvent } from './events/catalogue.ts';
import type { Cluster } from './model/cluster.ts';
import { consumedCores } from './model/overhead.ts';
import { CpuFold } from './report-cpu.ts';
import { maxOf, mean, percentile, round } from './report-math.ts';
import { MaintenanceFold } from './report-maintenance.ts';
import { ManagementFold } from './report-management.ts';
import { OUT, StorageFold } from './report-storage.ts';
import type { Scenario } from './scenario/types.ts';
import type { Summary } from './summary.ts';

export interface RunFacts {
  seed: number;
  cluster: Cluster;
  endMs: number;
  traceHash: string;
  stopReason: Summary['stopReason'];
}

const GiB = 2 ** 30;

/**
 * Per VM, whether it is down (vm.down until vm.up) and whether its volume is out (inaccessible or
 * lost): its outage is the union of both, so time accrues while either holds.
 */
interface VmOutage {
  down: boolean;
  volumeOut: boolean;
  since: number;
  ms: number;
  /** Out of service for some time at some point (not just paused by a migration, nor out for no time). */
  outage: boolean;
}

export class SummaryFold {
  private events = 0;
  private readonly outages = new Map<string, VmOutage>();
  private restarts = 0;
  private unplaced = 0;
  private volumeUnplaced = 0;
  private migrationsStarted = 0;
  private migrationsFailed = 0;
  private migratedBytes = 0;
  private readonly degradedSince = new Map<string, number>();
  private readonly degradedMs = new Map<string, number>();
  private readonly durations: number[] = [];
  private readonly downtimes: number[] = [];
  private readonly maintenance = new MaintenanceFold();
  private readonly management = new ManagementFold();
  private readonly storage: StorageFold;
  private readonly cpu: CpuFold;
  private readonly replicationLoss = { vms: 0, bytes: 0, maxLagMs: 0 };
  /** VMs crashed with their host and not yet running again: where and when. */
  private readonly crashed = new Map<string, { host: string; t: number }>();
  private crashCount = 0;
  private readonly recoveredElsewhere: number[] = [];
  private readonly recoveredInPlace: number[] = [];
  private readonly neverRan: Summary['schedule']['neverRan'] = [];

  constructor(private readonly scenario: Scenario) {
    this.cpu = new CpuFold(scenario.hosts.length);
    this.storage = new StorageFold(scenario.parameters.storage.kind, scenario.failures ?? scenario.parameters.policies.storage.durability);
  }

  /** A VM its host's failure took down (it was serving, or booting): counted under afterHostFailure. */
  private crash(vm: string, host: string, t: number): void {
    this.crashed.set(vm, { host, t });
    this.crashCount++;
  }

  onEvent(e: SimEvent): void {
    this.events++;
    this.cpu.onEvent(e);
    switch (e.type) {
      case 'vm.down':
        if (e.volume === 'unplaced') this.volumeUnplaced++;
        if (e.reason === 'host failure' && e.host !== undefined) this.crash(e.vm, e.host, e.t);
        return this.outage(e.vm, e.t, 'down', true);
      case 'vm.crash':
        // A guest still booting was about to serve: its host's failure sends it through HA like a
        // running one. One already powered off or shut down was not crashed by the failure.
        if (e.was === 'booting' && e.host !== undefined) this.crash(e.vm, e.host, e.t);
        return;
      case 'vm.up':
        this.recovered(e.vm, e.host, e.t);
        return this.outage(e.vm, e.t, 'down', false);
      case 'volume.health': {
        // A volume's id is its VM's id (one volume per VM's disk).
        const out = OUT.has(e.health);
        for (const volume of e.volumes) this.outage(volume, e.t, 'volumeOut', out);
        return this.storage.onEvent(e);
      }
      case 'vm.migration.start': this.migrationsStarted++; return;
      case 'vm.migration.throttle': return this.degrade(e.vm, e.t);
      case 'vm.migration.switchover':
        if (e.mode === 'postcopy') this.degrade(e.vm, e.t);
        return;
      case 'vm.migration.end':
        this.durations.push(e.durationMs);
        this.downtimes.push(e.downtimeMs);
        this.migratedBytes += e.transferredBytes;
        this.recover(e.vm, e.t);
        return this.addDowntime(e.vm, e.downtimeMs);
      case 'vm.migration.fail':
        this.migrationsFailed++;
        this.migratedBytes += e.transferredBytes;
        this.recover(e.vm, e.t);
        return this.addDowntime(e.vm, e.downtimeMs);
      case 'vm.boot': this.restarts++; return;
      case 'vm.unplaced': this.unplaced++; return;
      case 'schedule.entry.unrun': this.neverRan.push({ entry: e.index, do: e.do, reason: e.reason }); return;
      case 'host.fail':
        this.maintenance.onEvent(e);
        return this.storage.onEvent(e);
      case 'replication.loss':
        this.replicationLoss.vms++;
        this.replicationLoss.bytes += e.bytes;
        this.replicationLoss.maxLagMs = Math.max(this.replicationLoss.maxLagMs, e.lagMs);
        return;
      case 'management.outage.start':
      case 'management.outage.end':
      case 'management.operation.delay':
      case 'management.operation.resume':
        return this.management.onEvent(e);
      case 'host.maintenance.end':
        this.maintenance.onEvent(e);
        return this.storage.onEvent(e);
      default:
        this.maintenance.onEvent(e);
        return this.storage.onEvent(e);
    }
  }

  /** The summary as of `facts.endMs`. */
  summary(facts: RunFacts): Summary {
    const { scenario } = this;
    return {
      schema: 'hcisim.summary/v1',
      scenario: scenario.name,
      platform: scenario.platform,
      seed: facts.seed,
      simulatedSeconds: facts.endMs / 1000,
      eventCount: this.events,
      traceHash: facts.traceHash,
      stopReason: facts.stopReason,
      capacity: capacity(facts.cluster),
      vms: this.vmFigures(facts.cluster, facts.endMs),
      migrations: this.migrationFigures(),
      maintenance: this.maintenance.figures(facts.endMs),
      storage: {
        ...this.storage.figures(facts.endMs),
        replicationLoss: {
          vms: this.replicationLoss.vms,
          lostGiB: round(this.replicationLoss.bytes / GiB, 3),
          maxLagSeconds: round(this.replicationLoss.maxLagMs / 1000, 1),
        },
      },
      endOfRun: this.endOfRun(facts.cluster),
      cpu: this.cpu.figures(facts.endMs),
      balancing: this.cpu.balancing(),
      management: this.management.figures(facts.endMs),
      schedule: { neverRan: this.neverRan.map((n) => ({ ...n })) },
      parameters: scenario.parameters,
    };
  }

  private recovered(vm: string, host: string, t: number): void {
    const crash = this.crashed.get(vm);
    if (crash === undefined) return;
    this.crashed.delete(vm);
    (host === crash.host ? this.recoveredInPlace : this.recoveredElsewhere).push(t - crash.t);
  }

  private vmOutage(vm: string): VmOutage {
    let o = this.outages.get(vm);
    if (o === undefined) {
      o = { down: false, volumeOut: false, since: 0, ms: 0, outage: false };
      this.outages.set(vm, o);
    }
    return o;
  }

  private outage(vm: string, t: number, cause: 'down' | 'volumeOut', on: boolean): void {
    const o = this.vmOutage(vm);
    if (o[cause] === on) return;
    const wasOut = o.down || o.volumeOut;
    o[cause] = on;
    const isOut = o.down || o.volumeOut;
    if (!wasOut && isOut) o.since = t;
    else if (wasOut && !isOut) {
      o.ms += t - o.since;
      // Out and back at one instant (a volume inaccessible for no time) is no outage.
      if (t > o.since) o.outage = true;
    }
  }

  /** A migrating guest starts running slowed (throttled or post-copy), if it was not already. */
  private degrade(vm: string, t: number): void {
    if (!this.degradedSince.has(vm)) this.degradedSince.set(vm, t);
  }

  /** Its migration ended: the slowed time counts for the VM. */
  private recover(vm: string, t: number): void {
    const since = this.degradedSince.get(vm);
    if (since === undefined) return;
    this.degradedSince.delete(vm);
    this.degradedMs.set(vm, (this.degradedMs.get(vm) ?? 0) + t - since);
  }

  private addDowntime(vm: string, ms: number): void {
    if (ms > 0) this.vmOutage(vm).ms += ms;
  }

  /** A VM's downtime: its outages (down or volume out), plus its migration pauses. */
  private vmFigures(cluster: Cluster, endMs: number): Summary['vms'] {
    let total = 0, max = 0, withDowntime = 0, withOutage = 0;
    for (const id of cluster.vmIds) {
      const o = this.outages.get(id);
      const ms = o === undefined ? 0 : o.ms + (o.down || o.volumeOut ? endMs - o.since : 0);
      total += ms;
      if (ms > max) max = ms;
      if (ms > 0) withDowntime++;
      if (o !== undefined && (o.outage || ((o.down || o.volumeOut) && endMs > o.since))) withOutage++;
    }
    return {
      count: cluster.vmIds.length,
      downtimeSeconds: { total: round(total / 1000, 3), max: round(max / 1000, 3) },
      vmsWithDowntime: withDowntime,
      vmsWithOutage: withOutage,
      restarts: this.restarts,
      unplaced: this.unplaced,
      volumeUnplaced: this.volumeUnplaced,
      afterHostFailure: {
        crashed: this.crashCount,
        elsewhere: recoveryFigures(this.recoveredElsewhere),
        sameHost: recoveryFigures(this.recoveredInPlace),
        stillDown: this.crashed.size,
      },
    };
  }

  private endOfRun(cluster: Cluster): Summary['endOfRun'] {
    let vmsOut = 0;
    for (const o of this.outages.values()) if (o.down || o.volumeOut) vmsOut++;
    const volumes = this.storage.healthCounts();
    const hostsOut = cluster.hostIds.filter((id) => cluster.host(id).status !== 'up');
    return { vmsOut, volumesDegraded: volumes.degraded, volumesInaccessible: volumes.inaccessible, volumesLost: volumes.lost, hostsOut };
  }

  private migrationFigures(): Summary['migrations'] {
    const { durations, downtimes } = this;
    return {
      started: this.migrationsStarted,
      completed: durations.length,
      failed: this.migrationsFailed,
      durationSeconds: { mean: round(mean(durations) / 1000, 3), p95: round(percentile(durations, 95) / 1000, 3), max: round(maxOf(durations) / 1000, 3) },
      downtimeMs: { mean: round(mean(downtimes), 3), max: maxOf(downtimes) },
      transferredGiB: round(this.migratedBytes / GiB, 3),
      degradedSeconds: this.degradedFigures(),
    };
  }

  /** Closed slowdowns only: a migration still running at the end has not settled its cost. */
  private degradedFigures(): Summary['migrations']['degradedSeconds'] {
    let total = 0, max = 0;
    const perVm: { vm: string; seconds: number }[] = [];
    for (const [vm, ms] of this.degradedMs) {
      total += ms;
      if (ms > max) max = ms;
      if (ms > 0) perVm.push({ vm, seconds: round(ms / 1000, 3) });
    }
    perVm.sort((a, b) => b.seconds - a.seconds || (a.vm < b.vm ? -1 : 1));
    return { total: round(total / 1000, 3), maxPerVm: round(max / 1000, 3), perVm };
  }

}

function capacity(cluster: Cluster): Summary['capacity'] {
  const p = cluster.parameters;
  let physicalCores = 0, usable = 0, physicalMiB = 0, allocatableMiB = 0, allocatedMiB = 0, vmOverheadMiB = 0, vcpus = 0;
  for (const id of cluster.hostIds) {
    const h = cluster.host(id);
    physicalCores += h.spec.cores;
    usable += h.usableCores;
    physicalMiB += h.spec.memoryGiB * 1024;
    allocatableMiB += (h.spec.memoryGiB - p.overhead.hostMemoryGiB) * 1024;
  }
  for (const id of cluster.vmIds) {
    const vm = cluster.vm(id);
    if (vm.status === 'unplaced') continue;
    allocatedMiB += vm.footprintMiB;
    vmOverheadMiB += vm.overheadMiB;
    vcpus += vm.spec.vcpus;
  }
  return {
    hosts: cluster.hostIds.length,
    physicalCores,
    usableCores: round(usable, 3),
    physicalMemoryGiB: round(physicalMiB / 1024, 3),
    overheadMemoryGiB: round(p.overhead.hostMemoryGiB * cluster.hostIds.length, 3),
    allocatableMemoryGiB: round(allocatableMiB / 1024, 3),
    allocatedMemoryGiB: round(allocatedMiB / 1024, 3),
    freeMemoryGiB: round((allocatableMiB - allocatedMiB) / 1024, 3),
    vmOverheadMemoryGiB: round(vmOverheadMiB / 1024, 3),
    cpuTaxPercent: p.overhead.cpuTaxPercent,
    reservedCores: round(physicalCores - usable, 3),
    consumedCores: round(consumedCores(physicalCores, p.overhead), 3),
    cpuConsumedPercent: p.overhead.cpuConsumedPercent,
    vcpuOvercommit: p.policies.placement.vcpuOvercommit,
    memoryOvercommit: p.policies.placement.memoryOvercommit,
    vcpuPerUsableCore: usable > 0 ? round(vcpus / usable, 3) : 0,
  };
}

function recoveryFigures(ms: readonly number[]): { count: number; meanSeconds: number; maxSeconds: number } {
  return { count: ms.length, meanSeconds: round(mean(ms) / 1000, 3), maxSeconds: round(maxOf(ms) / 1000, 3) };
}
