// The placement algorithm as it was before decisions were bounded and the filters read running
// totals: every filter scans what it needs (HA admission walks every VM), every host is listed.
// Kept only as an oracle: the fast place() must choose the same host, score every feasible host
// the same, and refuse every other host for the same reason.
import { isActive, haReservationMiB, type Cluster, type Host, type Vm } from '../../sim/model/cluster.ts';
import { SCORERS } from '../../sim/placement/scorers.ts';

export interface ReferenceDecision {
  vm: string;
  host: string | undefined;
  candidates: { host: string; score: number }[];
  rejected: { host: string; reason: string }[];
}

const GiB = (mib: number) => (mib / 1024).toFixed(1);

function hostReason(cluster: Cluster, vm: Vm, host: Host): string | undefined {
  const p = cluster.parameters.policies.placement;
  if (host.status !== 'up') return `host is ${host.status}`;
  const limitMiB = host.allocatableMiB * p.memoryOvercommit;
  if (host.usedMiB + vm.footprintMiB > limitMiB) return `memory: needs ${GiB(vm.footprintMiB)} GiB, ${GiB(Math.max(0, limitMiB - host.usedMiB))} GiB free`;
  const limit = host.usableCores * p.vcpuOvercommit;
  if (host.usedVcpus + vm.spec.vcpus > limit + 1e-9) return `cpu: needs ${vm.spec.vcpus} vCPUs, ${Math.max(0, Math.floor(limit - host.usedVcpus))} free`;
  const label = vm.spec.antiAffinity;
  if (label === undefined) return undefined;
  for (const id of [...host.vms, ...host.incoming]) {
    if (id !== vm.id && cluster.vm(id).spec.antiAffinity === label) return `anti-affinity: ${label} (${id})`;
  }
  return undefined;
}

/** HA admission control by a scan of every host and every VM. */
export function referenceAdmission(cluster: Cluster, vm: Vm, admission: boolean): string | undefined {
  const ha = cluster.parameters.policies.ha;
  if (!admission || !ha.enabled || !ha.admissionControl) return undefined;
  const inService = cluster.hostIds.map((id) => cluster.host(id)).filter((h) => h.status === 'up');
  const n = inService.length, f = ha.hostFailuresToTolerate;
  if (n <= f) return `HA admission control: ${n} hosts in service cannot tolerate ${f} host failures`;
  let capMiB = 0, capMHz = 0, memMiB = 0, cpuMHz = 0;
  for (const h of inService) {
    capMiB += h.allocatableMiB;
    capMHz += h.usableCores * h.spec.coreGHz * 1000;
  }
  for (const id of cluster.vmIds) {
    const v = cluster.vm(id);
    if (v.id !== vm.id && !isActive(v)) continue;
    memMiB += haReservationMiB(v, ha.admissionCounts);
    cpuMHz += 256;
  }
  const allowed = 1 - f / n;
  if (memMiB <= capMiB * allowed && cpuMHz <= capMHz * allowed) return undefined;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return `HA admission control: reservations need ${pct(Math.max(memMiB / capMiB, cpuMHz / capMHz))} of ${n} hosts, at most ${pct(allowed)} allowed for ${f} failure(s)`;
}

export function referencePlace(cluster: Cluster, vm: Vm, admission: boolean, exclude: readonly string[] = []): ReferenceDecision {
  const weights = cluster.parameters.policies.placement.weights;
  const placement = cluster.parameters.policies.placement;
  const decision: ReferenceDecision = { vm: vm.id, host: undefined, candidates: [], rejected: [] };
  let best = -1;
  for (const hostId of cluster.hostIds) {
    if (exclude.includes(hostId)) continue;
    const host = cluster.host(hostId);
    const reason = hostReason(cluster, vm, host) ?? referenceAdmission(cluster, vm, admission);
    if (reason !== undefined) {
      decision.rejected.push({ host: hostId, reason });
      continue;
    }
    let score = 0;
    for (const [name, scorer] of SCORERS) if (weights[name] > 0) score += weights[name] * scorer(placement, vm, host);
    decision.candidates.push({ host: hostId, score });
    if (score > best) {
      best = score;
      decision.host = hostId;
    }
  }
  return decision;
}

/** The refusal line computed from the full list of rejected hosts. */
export function referenceRefusal(decision: ReferenceDecision): string {
  const counts = new Map<string, number>();
  for (const r of decision.rejected) counts.set(r.reason.split(':')[0], (counts.get(r.reason.split(':')[0]) ?? 0) + 1);
  const kinds = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (kinds.length === 0) return 'no host in the cluster';
  const example = decision.rejected.find((r) => r.reason.startsWith(kinds[0][0]))!;
  return `no host fits ${decision.vm}: ${kinds.map(([k, n]) => `${k} on ${n}`).join(', ')} (e.g. ${example.host}: ${example.reason})`;
}
