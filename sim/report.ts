// summary.json as a pure function of the trace and the final cluster state: nothing here reads the
// models' internals, so the replay view and the sweep runner can rebuild the same figures from the
// same events.
import type { TraceEvent } from './core/trace.ts';
import type { Cluster } from './model/cluster.ts';
import type { Scenario } from './scenario/types.ts';
import { storageFigures, volumeOutages } from './report-storage.ts';
import type { Summary } from './summary.ts';

export interface RunFacts {
  scenario: Scenario;
  seed: number;
  cluster: Cluster;
  events: readonly TraceEvent[];
  endMs: number;
  traceHash: string;
  stopReason: Summary['stopReason'];
}

const GiB = 2 ** 30;

export function buildSummary(facts: RunFacts): Summary {
  const { scenario, cluster, events, endMs } = facts;
  return {
    schema: 'hcisim.summary/v1',
    scenario: scenario.name,
    platform: scenario.platform,
    seed: facts.seed,
    simulatedSeconds: endMs / 1000,
    eventCount: events.length,
    traceHash: facts.traceHash,
    stopReason: facts.stopReason,
    capacity: capacity(cluster),
    vms: vmFigures(cluster, events, endMs),
    migrations: migrationFigures(events),
    maintenance: maintenanceFigures(events, endMs),
    storage: storageFigures(scenario.parameters.storage.kind, events, endMs),
    parameters: scenario.parameters,
  };
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
    vcpuOvercommit: p.policies.placement.vcpuOvercommit,
    memoryOvercommit: p.policies.placement.memoryOvercommit,
    vcpuPerUsableCore: usable > 0 ? round(vcpus / usable, 3) : 0,
  };
}

/**
 * A VM's downtime is all the time it is not serving: between vm.down and vm.up, while its volume is
 * inaccessible or lost (the union of both), plus its migration pauses.
 */
function vmFigures(cluster: Cluster, events: readonly TraceEvent[], endMs: number): Summary['vms'] {
  const intervals = new Map<string, [number, number][]>();
  const downSince = new Map<string, number>();
  const downMs = new Map<string, number>();
  const add = (vm: string, ms: number) => downMs.set(vm, (downMs.get(vm) ?? 0) + ms);
  const interval = (vm: string, from: number, to: number) => {
    if (!intervals.has(vm)) intervals.set(vm, []);
    intervals.get(vm)!.push([from, to]);
  };
  let restarts = 0, unplaced = 0;
  for (const e of events) {
    const vm = e.vm as string;
    switch (e.type) {
      case 'vm.down':
        if (!downSince.has(vm)) downSince.set(vm, e.t);
        break;
      case 'vm.up':
        if (downSince.has(vm)) {
          interval(vm, downSince.get(vm)!, e.t);
          downSince.delete(vm);
        }
        break;
      case 'vm.migration.end':
      case 'vm.migration.fail':
        if ((e.downtimeMs as number) > 0) add(vm, e.downtimeMs as number);
        break;
      case 'vm.boot':
        restarts++;
        break;
      case 'vm.unplaced':
        unplaced++;
        break;
    }
  }
  for (const [vm, since] of downSince) interval(vm, since, endMs);
  for (const [vm, outages] of volumeOutages(events, endMs)) for (const [from, to] of outages) interval(vm, from, to);
  for (const [vm, list] of intervals) add(vm, unionMs(list));
  let total = 0, max = 0, withDowntime = 0;
  for (const id of cluster.vmIds) {
    const ms = downMs.get(id) ?? 0;
    total += ms;
    max = Math.max(max, ms);
    if (ms > 0) withDowntime++;
  }
  return {
    count: cluster.vmIds.length,
    downtimeSeconds: { total: round(total / 1000, 3), max: round(max / 1000, 3) },
    vmsWithDowntime: withDowntime,
    restarts,
    unplaced,
  };
}

function migrationFigures(events: readonly TraceEvent[]): Summary['migrations'] {
  let started = 0, failed = 0, bytes = 0;
  const durations: number[] = [], downtimes: number[] = [];
  for (const e of events) {
    if (e.type === 'vm.migration.start') started++;
    else if (e.type === 'vm.migration.end') {
      durations.push(e.durationMs as number);
      downtimes.push(e.downtimeMs as number);
      bytes += e.transferredBytes as number;
    } else if (e.type === 'vm.migration.fail') {
      failed++;
      bytes += e.transferredBytes as number;
    }
  }
  return {
    started,
    completed: durations.length,
    failed,
    durationSeconds: { mean: round(mean(durations) / 1000, 3), p95: round(percentile(durations, 95) / 1000, 3), max: round(maxOf(durations) / 1000, 3) },
    downtimeMs: { mean: round(mean(downtimes), 3), max: maxOf(downtimes) },
    transferredGiB: round(bytes / GiB, 3),
  };
}

/** Makespan: first rollingMaintenance start to its last host's return (or the end of the run if unfinished). */
function maintenanceFigures(events: readonly TraceEvent[], endMs: number): Summary['maintenance'] {
  let first: number | undefined, last: number | undefined, completed = 0, open = 0;
  const stalls = new Map<string, Summary['maintenance']['stalls'][number]>();
  const stalledNow = new Set<string>();
  for (const e of events) {
    const host = e.host as string;
    if (e.type === 'maintenance.start') {
      first ??= e.t;
      open++;
    } else if (e.type === 'maintenance.end') {
      open--;
      last = e.t;
    } else if (e.type === 'host.maintenance.end') {
      completed++;
      last = e.t;
    } else if (e.type === 'maintenance.stall') {
      stalls.set(host, { host, reason: e.reason as string, atSeconds: e.t / 1000, resolvedAtSeconds: null });
      stalledNow.add(host);
    } else if (e.type === 'host.maintenance.start' || e.type === 'host.maintenance.abort') {
      const stall = stalls.get(host);
      if (stall && stalledNow.has(host)) stall.resolvedAtSeconds = e.t / 1000;
      stalledNow.delete(host);
    }
  }
  const finishedMs = open > 0 ? endMs : last;
  return {
    hostsCompleted: completed,
    makespanSeconds: first === undefined || finishedMs === undefined ? 0 : round((finishedMs - first) / 1000, 3),
    stalled: stalledNow.size > 0,
    stalls: [...stalls.values()].sort((a, b) => a.atSeconds - b.atSeconds || (a.host < b.host ? -1 : 1)),
  };
}

/** Length of the union of [from, to) intervals. */
function unionMs(list: [number, number][]): number {
  const sorted = [...list].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0, end = -Infinity;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function maxOf(xs: number[]): number {
  return xs.reduce((a, b) => Math.max(a, b), 0);
}

/** Nearest-rank percentile. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
