// What a tooltip says about the thing under the pointer: for a VM the decision that put it where it
// is (candidates and their scores, refusals by reason) and where its volume's copies are; for a
// host its capacity and load; for a disk the copies it holds. Text only: the caller places it.
import type { Replay } from '../replay/replay.ts';
import { diskKey, type ReplayState, type TraceEvent } from '../replay/state.ts';
import type { Hit } from './cluster-map.ts';
import { formatTime } from './format.ts';

export function explain(hit: Hit, state: ReplayState, replay: Replay): string {
  if (hit.kind === 'vm') return explainVm(hit.id, state, replay);
  if (hit.kind === 'disk') return explainDisk(hit.id, hit.disk ?? 0, state);
  return explainHost(hit.id, state);
}

function explainVm(id: string, state: ReplayState, replay: Replay): string {
  const vm = state.cluster.vms.find((v) => v.id === id);
  const lines = [`VM ${id} (${vm?.vcpus ?? '?'} vCPU, ${vm?.memoryGiB ?? '?'} GiB)`, `${state.vmState.get(id)} on ${state.vmHost.get(id) ?? 'no host'}`];
  const migration = state.migrations.get(id);
  if (migration) lines.push(`migrating ${migration.from} → ${migration.to} since ${formatTime(migration.startT)}`);
  const decision = replay.decisionAt(id, state.index);
  if (decision) lines.push('', ...explainDecision(decision));
  const health = state.volumes.get(id);
  const copies = state.copies.get(id);
  if (health !== undefined || copies) {
    lines.push('', `volume: ${health ?? 'healthy'}`);
    if (copies) lines.push(`copies: ${copies.map((c) => (state.failedDisks.has(c) ? `${c} (failed disk)` : c)).join(', ') || 'none'}`);
  }
  return lines.join('\n');
}

function topCandidates(candidates: readonly { host: string; score: number }[]): string {
  const top = [...candidates].sort((a, b) => b.score - a.score).slice(0, 5);
  return top.map((c) => `${c.host} ${+c.score.toFixed(1)}`).join(', ');
}

/** Refusals grouped by reason, from the per-host list or from per-reason counts. */
function refusals(e: TraceEvent): string[] {
  const counts = new Map<string, number>();
  if ('rejected' in e && Array.isArray(e.rejected)) for (const r of e.rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  if ('rejectedByReason' in e && typeof e.rejectedByReason === 'object' && e.rejectedByReason !== null) {
    for (const [reason, n] of Object.entries(e.rejectedByReason)) if (typeof n === 'number') counts.set(reason, (counts.get(reason) ?? 0) + n);
  }
  return [...counts].map(([reason, n]) => `  ${n} host${n === 1 ? '' : 's'}: ${reason}`);
}

function explainDecision(e: TraceEvent): string[] {
  const at = formatTime(e.t);
  switch (e.type) {
    case 'vm.place': {
      const refused = refusals(e);
      return [`placed on ${e.host} (${e.reason}) at ${at}`, `best scores: ${topCandidates(e.candidates)}`, ...(refused.length ? ['refused:', ...refused] : [])];
    }
    case 'vm.migration.start':
      return [`migration ${e.from} → ${e.to} (attempt ${e.attempt}) at ${at}`, `best scores: ${topCandidates(e.candidates)}`];
    case 'vm.migration.blocked':
      return [`migration blocked at ${at}: ${e.reason}`, ...refusals(e)];
    case 'vm.unplaced':
      return [`never placed: no host passed the filters`, ...refusals(e)];
    default:
      return [];
  }
}

function explainHost(id: string, state: ReplayState): string {
  const host = state.cluster.hosts.find((h) => h.id === id);
  let vms = 0, memory = 0, vcpus = 0;
  for (const vm of state.cluster.vms) {
    if (state.vmHost.get(vm.id) !== id) continue;
    vms++; memory += vm.memoryGiB; vcpus += vm.vcpus;
  }
  const lines = [`host ${id}: ${state.hosts.get(id)}`, `${host?.cores} cores, ${host?.memoryGiB} GiB, ${host?.nicGbps} Gb/s`];
  if (host?.rack) lines.push(`rack ${host.rack}`);
  lines.push(`${vms} VMs: ${vcpus} vCPU, ${memory} GiB (${host ? Math.round((memory / host.memoryGiB) * 100) : '?'}% of memory)`);
  return lines.join('\n');
}

function explainDisk(host: string, disk: number, state: ReplayState): string {
  const key = diskKey(host, disk);
  const sets: string[] = [];
  for (const [set, copies] of state.copies) if (copies.includes(key)) sets.push(set);
  const jobs = [...state.copyJobs.values()].filter((j) => j.to === host && j.disk === disk);
  const lines = [`disk ${disk} of ${host}${state.failedDisks.has(key) ? ': FAILED' : ''}`, `${sets.length} copies`];
  const unhealthy = sets.filter((s) => (state.volumes.get(s) ?? 'healthy') !== 'healthy');
  if (unhealthy.length) lines.push(`not healthy: ${unhealthy.slice(0, 8).map((s) => `${s} ${state.volumes.get(s)}`).join(', ')}${unhealthy.length > 8 ? ' …' : ''}`);
  if (jobs.length) lines.push(`copy jobs writing here: ${jobs.length} (${jobs.slice(0, 4).map((j) => `${j.kind} ${j.set}`).join(', ')})`);
  return lines.join('\n');
}
