// place(): filter every host, score the survivors, pick the best; ties to the lowest host id.
// The whole decision (candidates with scores, rejected hosts with reasons) is returned so the caller
// can put it in the trace and the replay can explain every placement and every refusal.
import { CLUSTER_FILTERS, FILTERS, type PlacementContext } from './filters.ts';
import { SCORERS } from './scorers.ts';
import type { Host, Vm } from '../model/cluster.ts';

export interface PlacementDecision {
  vm: string;
  host: string | undefined;
  candidates: { host: string; score: number }[];
  rejected: { host: string; reason: string }[];
}

export interface PlaceOptions {
  /** A host not to consider (the source of a migration). */
  exclude?: string;
  /** More hosts not to consider (targets at their migration limit). */
  busy?: ReadonlySet<string>;
}

export function place(ctx: PlacementContext, vm: Vm, options: PlaceOptions = {}): PlacementDecision {
  const { cluster } = ctx;
  const weights = cluster.parameters.policies.placement.weights;
  const decision: PlacementDecision = { vm: vm.id, host: undefined, candidates: [], rejected: [] };
  let best = -1;
  let clusterReason: string | null = null;
  for (const host of cluster.hostList) {
    const hostId = host.id;
    if (hostId === options.exclude || options.busy?.has(hostId)) continue;
    let reason = firstRejection(ctx, vm, host);
    if (reason === undefined) {
      if (clusterReason === null) clusterReason = firstClusterRejection(ctx, vm) ?? '';
      if (clusterReason !== '') reason = clusterReason;
    }
    if (reason !== undefined) {
      decision.rejected.push({ host: hostId, reason });
      continue;
    }
    let score = 0;
    for (const [name, scorer] of SCORERS) if (weights[name] > 0) score += weights[name] * scorer(cluster, vm, host);
    decision.candidates.push({ host: hostId, score });
    if (score > best) {
      best = score;
      decision.host = hostId;
    }
  }
  return decision;
}

function firstRejection(ctx: PlacementContext, vm: Vm, host: Host): string | undefined {
  for (const [, filter] of FILTERS) {
    const reason = filter(ctx, vm, host);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function firstClusterRejection(ctx: PlacementContext, vm: Vm): string | undefined {
  for (const [, filter] of CLUSTER_FILTERS) {
    const reason = filter(ctx, vm);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/** One line on why no host was found: the most common reason among the rejected hosts. */
export function refusalReason(decision: PlacementDecision): string {
  const counts = new Map<string, number>();
  for (const r of decision.rejected) {
    const kind = r.reason.split(':')[0];
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const kinds = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (kinds.length === 0) return 'no host in the cluster';
  const example = decision.rejected.find((r) => r.reason.startsWith(kinds[0][0]))!;
  return `no host fits ${decision.vm}: ${kinds.map(([k, n]) => `${k} on ${n}`).join(', ')} (e.g. ${example.host}: ${example.reason})`;
}
