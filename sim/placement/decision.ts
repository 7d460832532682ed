// The record of one placement decision, bounded so that it stays small at fleet scale: a decision
// over 2,000 hosts would otherwise list 2,000 hosts per VM. As the Kubernetes scheduler framework
// does, it keeps the chosen host, the best few candidates with each scorer's score, and the
// rejected hosts counted per reason with one example each; the full per-host lists are kept for
// small clusters and for the VMs the user asks to explain (`hcisim run --explain VM-GLOB`).

import type { EventFields } from '../events/catalogue.ts';

/** Candidates kept in every record, best first. */
export const PLACEMENT_TOP_K = 5;
/** Up to this many hosts, every decision keeps the full per-host lists. */
export const FULL_RECORD_HOSTS_MAX = 64;

export interface Candidate {
  host: string;
  /** Weighted sum of the scorers' scores (the profile's weights). */
  score: number;
  /** Each enabled scorer's own score, 0-100, before weighting. */
  scores: Record<string, number>;
}

export interface RejectionGroup {
  /** The reason's text before its ':' (`memory`, `host is draining`, `HA admission control`). */
  kind: string;
  count: number;
  /** The first host, in id order, refused for this kind, and its full reason. */
  host: string;
  reason: string;
}

export interface PlacementDecision {
  vm: string;
  host: string | undefined;
  /** The best PLACEMENT_TOP_K hosts that passed every filter, best first; ties to the lowest id. */
  candidates: Candidate[];
  /** How many hosts passed every filter. */
  feasibleCount: number;
  /** Refused hosts per kind of reason, most frequent first (ties by kind). */
  rejectedByReason: RejectionGroup[];
  /** Every feasible host in id order; only in a full record. */
  candidatesAll?: Candidate[];
  /** Every refused host in id order with its reason; only in a full record. */
  rejected?: { host: string; reason: string }[];
}

/** The kind of a reason: its text before the first ':'. */
export function reasonKind(reason: string): string {
  const colon = reason.indexOf(':');
  return colon < 0 ? reason : reason.slice(0, colon);
}

/** One line on why no host was found: the reasons by frequency, and an example of the commonest. */
export function refusalReason(decision: PlacementDecision): string {
  const groups = decision.rejectedByReason;
  if (groups.length === 0) return 'no host in the cluster';
  const top = groups[0];
  return `no host fits ${decision.vm}: ${groups.map((g) => `${g.kind} on ${g.count}`).join(', ')} (e.g. ${top.host}: ${top.reason})`;
}

/** The decision's fields in a `vm.place` or `vm.migration.start` event. */
/** The decision's fields in `vm.place` and `vm.migration.start` (the catalogue's shape). */
export type PlacedFields = Omit<EventFields<'vm.place'>, 'vm' | 'host' | 'reason'>;
export type RefusedFields = Omit<EventFields<'vm.unplaced'>, 'vm'>;

export function placedFields(decision: PlacementDecision): PlacedFields {
  const fields: PlacedFields = {
    candidates: decision.candidates,
    feasibleCount: decision.feasibleCount,
    rejectedByReason: decision.rejectedByReason,
  };
  if (decision.candidatesAll !== undefined) fields.candidatesAll = decision.candidatesAll;
  if (decision.rejected !== undefined) fields.rejected = decision.rejected;
  return fields;
}

/** The decision's fields in a `vm.unplaced` or `vm.migration.blocked` event (no candidates). */
export function refusedFields(decision: PlacementDecision): RefusedFields {
  const fields: RefusedFields = { reason: refusalReason(decision), rejectedByReason: decision.rejectedByReason };
  if (decision.rejected !== undefined) fields.rejected = decision.rejected;
  return fields;
}
