// Warnings about what the cluster can tolerate, said before the run because one setting then
// dominates the result: vSphere HA admission control that the cluster cannot meet (VMs never
// powered on, or every evacuation refused so a rollout stalls at its first host), and copies that
// the fault domains cannot hold or cannot replace (Ceph's CRUSH rack domain; no spare host to
// rebuild on while one is away).
import { perVmOverheadMiB, usableCores } from '../model/overhead.ts';
import type { Parameters } from '../platforms/parameters.ts';
import { vsanShape } from '../storage/vsan-layout.ts';
import type { Finding } from './problem.ts';
import type { ScenarioFile } from './schema.ts';

/** vSphere API doc: a VM without a CPU reservation counts 256 MHz for admission (platform-facts §4.6; as sim/placement/filters.ts). */
const DEFAULT_CPU_RESERVATION_MHZ = 256;

/** The Nutanix Bible, Book of AOS "Data Protection": RF3 (FT2) needs at least 5 nodes. */
const DSF_RF3_NODES_MIN = 5;

interface HostCapacity {
  memoryMiB: number;
  cpuMHz: number;
}

export function toleranceWarnings(file: ScenarioFile, p: Parameters): Finding[] {
  return [...haAdmission(file, p), ...faultDomains(file, p)];
}

/** Each host's admission capacity, largest first (a rollout's worst case takes the largest out). */
function hostCapacities(file: ScenarioFile, p: Parameters): HostCapacity[] {
  return file.hosts
    .flatMap((h) => Array.from({ length: h.count }, () => ({
      memoryMiB: Math.floor((h.memoryGiB - p.overhead.hostMemoryGiB) * 1024),
      cpuMHz: usableCores(h.cores, p.overhead) * h.coreGHz * 1000,
    })))
    .sort((a, b) => b.memoryMiB - a.memoryMiB || b.cpuMHz - a.cpuMHz);
}

/**
 * HA admission control (cluster resource percentage, as sim/placement/filters.ts applies it):
 * reservations (memory reservation, or the whole memory per admissionCounts, + overhead, 256 MHz per VM) within (1 - F/N) of the in-service
 * capacity. Checked for the whole cluster (power-on) and with each rollout's `concurrency` hosts out.
 */
function haAdmission(file: ScenarioFile, p: Parameters): Finding[] {
  const ha = p.policies.ha;
  if (!ha.enabled || !ha.admissionControl || file.hosts.length === 0) return [];
  const hosts = hostCapacities(file, p);
  let memMiB = 0, vms = 0;
  for (const vm of file.vms) {
    const countedGiB = ha.admissionCounts === 'memory' ? vm.memoryGiB : (vm.memoryReservationGiB ?? 0);
    memMiB += vm.count * (Math.ceil(countedGiB * 1024) + Math.ceil(perVmOverheadMiB(vm, p.overhead)));
    vms += vm.count;
  }
  const need = { memoryMiB: memMiB, cpuMHz: vms * DEFAULT_CPU_RESERVATION_MHZ };
  const f = ha.hostFailuresToTolerate;
  const whole = refusal(hosts, need, f);
  if (whole !== undefined) {
    return [{ path: ['policies', 'ha', 'hostFailuresToTolerate'], message: `HA admission control cannot be met: ${whole}; VMs are refused power-on and stay unplaced` }];
  }
  const findings: Finding[] = [];
  file.schedule.forEach((entry, i) => {
    if (entry.do !== 'rollingMaintenance') return;
    const why = refusal(hosts.slice(Math.min(entry.concurrency, hosts.length)), need, f);
    if (why === undefined) return;
    findings.push({
      path: ['schedule', i, 'concurrency'],
      message: `with ${entry.concurrency} host(s) in maintenance HA admission control cannot be met (${why}): every evacuation is refused and the rollout stalls at its first host`,
    });
  });
  return findings;
}

/** Why admission refuses with these hosts in service, or undefined when it admits everything. */
function refusal(hosts: readonly HostCapacity[], need: HostCapacity, f: number): string | undefined {
  const n = hosts.length;
  if (n <= f) return `${n} host(s) in service cannot tolerate ${f} host failure(s)`;
  const allowed = 1 - f / n;
  const memoryMiB = hosts.reduce((s, h) => s + h.memoryMiB, 0), cpuMHz = hosts.reduce((s, h) => s + h.cpuMHz, 0);
  const share = Math.max(need.memoryMiB / memoryMiB, need.cpuMHz / cpuMHz);
  if (share <= allowed) return undefined;
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return `reservations need ${pct(share)} of ${n} host(s), at most ${pct(allowed)} allowed for ${f} failure(s)`;
}

/**
 * Copies against fault domains: Ceph's CRUSH puts a PG's copies in separate racks when racks are
 * given (fewer racks than copies: PGs stay undersized); and a kind that keeps its copies on
 * separate hosts needs a host beyond the copies to rebuild on while one is away (platform-facts
 * §3.1: FTT=1 RAID-1 needs 3 hosts, and wants 4 "so rebuilds have a target"), said when the
 * scenario takes hosts away (maintenance, failures). Nutanix RF3 on fewer than 5 nodes, which AOS
 * does not allow.
 */
function faultDomains(file: ScenarioFile, p: Parameters): Finding[] {
  const { kind, replicas } = p.storage;
  const hostCount = file.hosts.reduce((n, h) => n + h.count, 0);
  if (hostCount === 0) return [];
  const findings: Finding[] = [];
  if (kind === 'ceph' && file.hosts.some((h) => h.rack !== undefined)) {
    const domains = new Set(file.hosts.flatMap((h, g) => (h.rack !== undefined ? [`rack ${h.rack}`] : Array.from({ length: h.count }, (_, i) => `host ${g}/${i}`))));
    if (domains.size < replicas) {
      findings.push({ path: ['storage', 'replicas'], message: `CRUSH keeps each PG's ${replicas} copies in separate failure domains (racks here), but there are only ${domains.size}: PGs stay undersized (degraded)` });
    }
  }
  if (kind === 'dsf' && replicas >= 3 && hostCount < DSF_RF3_NODES_MIN) {
    findings.push({ path: ['storage', 'replicas'], message: `RF3 needs at least ${DSF_RF3_NODES_MIN} nodes, there are ${hostCount}: AOS does not offer it on this cluster (the run keeps 3 copies anyway)` });
  }
  const needed = kind === 'vsan' ? vsanShape(p).minFaultDomains : kind === 'longhorn' || kind === 'ceph' ? replicas : 0;
  const hostsLeave = file.failures !== undefined || file.schedule.some((e) => e.do === 'rollingMaintenance' || e.do === 'failHost');
  if (needed > 1 && hostCount === needed && hostsLeave) {
    findings.push({
      path: ['hosts'],
      message: `${hostCount} hosts for ${kind} copies that need ${needed}: no spare host to rebuild on, so a host that fails or is in maintenance leaves its volumes short of a copy until it returns`,
    });
  }
  return findings;
}
