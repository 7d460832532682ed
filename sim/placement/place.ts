// place(): filter every host, score the survivors, pick the best; ties to the lowest host id.
// The decision comes back as a bounded record (decision.ts) that the caller puts in the trace, so
// the replay can explain every placement and every refusal.
//
// This loop runs for every (VM, host) pair: 80 M pairs for the initial placement of 40,000 VMs on
// 2,000 hosts. Per host it therefore does O(1) work and allocates nothing unless the record is
// kept in full: filters answer with a constant kind, reasons are spelled out only for the first
// host of each kind, and the best K are kept in two small arrays.
import { CLUSTER_FILTERS, FILTERS, type Filter, type PlacementContext } from './filters.ts';
import { SCORERS, type Scorer } from './scorers.ts';
import {
  FULL_RECORD_HOSTS_MAX, PLACEMENT_TOP_K, reasonKind,
  type Candidate, type PlacementDecision, type RejectionGroup,
} from './decision.ts';
import type { Cluster, Host, Vm } from '../model/cluster.ts';
import type { PlacementParameters } from '../platforms/parameters.ts';

export { refusalReason, placedFields, refusedFields, type PlacementDecision } from './decision.ts';

export interface PlaceOptions {
  /** A host not to consider (the source of a migration). */
  exclude?: string;
  /** More hosts not to consider (targets at their migration limit). */
  busy?: ReadonlySet<string>;
  /** Consider only these hosts (a VM-host should rule's hosts, tried first). */
  only?: ReadonlySet<string>;
}

interface Scoring {
  names: string[];
  weights: number[];
  scorers: Scorer[];
}

/**
 * The best host for the VM. A VM with a VM-host should rule tries the rule's hosts first and falls
 * back to every host when none of them passes (should rules may be broken; platform-facts §4.3).
 */
export function place(ctx: PlacementContext, vm: Vm, options: PlaceOptions = {}): PlacementDecision {
  if (vm.shouldHosts !== undefined && options.only === undefined) {
    const preferred = placeAmong(ctx, vm, { ...options, only: vm.shouldHosts });
    if (preferred.host !== undefined) return preferred;
  }
  return placeAmong(ctx, vm, options);
}

/** Whether the host passes every filter for the VM now (the balancer's check of one move). */
export function feasible(ctx: PlacementContext, vm: Vm, host: Host): boolean {
  return firstRejection(ctx, vm, host) === undefined && firstClusterRejection(ctx, vm) === undefined;
}

/** The weighted placement score of the host for the VM (the balancer's tie-break). */
export function weightedScore(cluster: Cluster, vm: Vm, host: Host): number {
  const scoring = enabledScorers(cluster);
  const placement = cluster.parameters.policies.placement;
  let score = 0;
  for (let i = 0; i < scoring.scorers.length; i++) score += scoring.weights[i] * scoring.scorers[i](placement, vm, host);
  return score;
}

function placeAmong(ctx: PlacementContext, vm: Vm, options: PlaceOptions): PlacementDecision {
  const { cluster } = ctx;
  const full = cluster.hostList.length <= FULL_RECORD_HOSTS_MAX || (ctx.explain?.(vm.id) ?? false);
  const placement = cluster.parameters.policies.placement;
  const scoring = enabledScorers(cluster);
  const topHosts: Host[] = [];
  const topScores: number[] = [];
  const groups = new Map<string, RejectionGroup>();
  const all = full ? { candidates: [] as Candidate[], rejected: [] as { host: string; reason: string }[] } : undefined;
  let clusterReason: string | null = null;
  let feasibleCount = 0;
  for (const host of cluster.hostList) {
    if (host.id === options.exclude || options.busy?.has(host.id)) continue;
    if (options.only !== undefined && !options.only.has(host.id)) continue;
    const filter = firstRejection(ctx, vm, host);
    if (filter !== undefined) {
      const kind = filter.reject(ctx, vm, host)!;
      if (!counted(groups, kind, full)) reject(groups, all?.rejected, host.id, kind, filter.reason(ctx, vm, host));
      continue;
    }
    if (clusterReason === null) clusterReason = firstClusterRejection(ctx, vm) ?? '';
    if (clusterReason !== '') {
      const kind = reasonKind(clusterReason);
      if (!counted(groups, kind, full)) reject(groups, all?.rejected, host.id, kind, clusterReason);
      continue;
    }
    let score = 0;
    for (let i = 0; i < scoring.scorers.length; i++) score += scoring.weights[i] * scoring.scorers[i](placement, vm, host);
    feasibleCount++;
    offer(topHosts, topScores, host, score);
    all?.candidates.push(candidate(scoring, placement, vm, host, score));
  }
  const decision: PlacementDecision = {
    vm: vm.id,
    host: topHosts[0]?.id,
    candidates: topHosts.map((h, i) => candidate(scoring, placement, vm, h, topScores[i])),
    feasibleCount,
    rejectedByReason: [...groups.values()].sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1)),
  };
  if (all !== undefined) {
    decision.candidatesAll = all.candidates;
    decision.rejected = all.rejected;
  }
  return decision;
}

/** The scorers with a positive weight, in profile order (the order the weighted sum is taken in). */
function enabledScorers(cluster: Cluster): Scoring {
  const weights = cluster.parameters.policies.placement.weights;
  const scoring: Scoring = { names: [], weights: [], scorers: [] };
  for (const [name, scorer] of SCORERS) {
    if (!(weights[name] > 0)) continue;
    scoring.names.push(name);
    scoring.weights.push(weights[name]);
    scoring.scorers.push(scorer);
  }
  return scoring;
}

function candidate(scoring: Scoring, placement: PlacementParameters, vm: Vm, host: Host, score: number): Candidate {
  const scores: Record<string, number> = {};
  for (let i = 0; i < scoring.scorers.length; i++) scores[scoring.names[i]] = scoring.scorers[i](placement, vm, host);
  return { host: host.id, score, scores };
}

/**
 * Keeps the PLACEMENT_TOP_K best hosts, best first. Hosts arrive in id order and a host displaces
 * only strictly lower scores, so equal scores stay in id order: the first is the old "highest
 * score, lowest id" choice.
 */
function offer(hosts: Host[], scores: number[], host: Host, score: number): void {
  let i = scores.length;
  while (i > 0 && score > scores[i - 1]) i--;
  if (i >= PLACEMENT_TOP_K) return;
  hosts.splice(i, 0, host);
  scores.splice(i, 0, score);
  if (hosts.length > PLACEMENT_TOP_K) {
    hosts.pop();
    scores.pop();
  }
}

/** Counts one more host of a kind already recorded, when the record does not list every host. */
function counted(groups: Map<string, RejectionGroup>, kind: string, full: boolean): boolean {
  if (full) return false;
  const group = groups.get(kind);
  if (group === undefined) return false;
  group.count++;
  return true;
}

/** Records a refused host with its reason: the first of its kind, or every host in a full record. */
function reject(groups: Map<string, RejectionGroup>, all: { host: string; reason: string }[] | undefined, hostId: string, kind: string, reason: string): void {
  const group = groups.get(kind);
  if (group === undefined) groups.set(kind, { kind, count: 1, host: hostId, reason });
  else group.count++;
  all?.push({ host: hostId, reason });
}

/** The first filter that refuses the host (its kind is asked again: an O(1) call that allocates nothing). */
function firstRejection(ctx: PlacementContext, vm: Vm, host: Host): Filter | undefined {
  for (let i = 0; i < HOST_FILTERS.length; i++) if (HOST_FILTERS[i].reject(ctx, vm, host) !== undefined) return HOST_FILTERS[i];
  return undefined;
}

/** The filters without their names, walked by index: the loop runs for every (VM, host) pair. */
const HOST_FILTERS: readonly Filter[] = FILTERS.map(([, filter]) => filter);

function firstClusterRejection(ctx: PlacementContext, vm: Vm): string | undefined {
  for (const [, filter] of CLUSTER_FILTERS) {
    const reason = filter(ctx, vm);
    if (reason !== undefined) return reason;
  }
  return undefined;
}
