// The resource a failed placement names, for sizing. Every kind of refusal the placement filters
// can give (sim/placement/filters.ts: each `reject` returns a constant kind, haAdmission a reason
// whose kind is its text before ':') maps to a binding; test/sizing/binding.test.ts reads the
// filters' source and fails when a new kind appears that is not mapped here.
import type { PlacementDecision } from '../placement/decision.ts';
import type { Vm } from '../model/cluster.ts';

/** The resource that keeps a workload off one host fewer. */
export type Binding = 'memory' | 'cpu' | 'cpu demand' | 'disk' | 'anti-affinity' | 'VM-host rule' | 'HA' | 'none';

/** What a placement can be refused for (cpu demand is sizing's own check; disk also comes from the storage layout). */
export type PlacementBinding = Exclude<Binding, 'none'>;

const BY_KIND: Readonly<Record<string, PlacementBinding>> = {
  memory: 'memory',
  cpu: 'cpu',
  'anti-affinity': 'anti-affinity',
  'VM-host rule': 'VM-host rule',
  // diskHere (only a node with a replica of the disk runs the VM) and diskRoom (local disks).
  storage: 'disk',
  disk: 'disk',
  'HA admission control': 'HA',
};

/**
 * The binding of one refusal kind; undefined for the hostInService kinds (`host is draining`...),
 * which sizing never meets: every host of a sized cluster is up.
 */
export function bindingOfKind(kind: string): PlacementBinding | undefined {
  return BY_KIND[kind];
}

/**
 * The binding of a decision that found no host: a VM held by a VM-host must rule that some host was
 * refused for names the rule (more hosts of the file's type cannot be the rule's hosts); otherwise
 * the commonest refusal.
 */
export function bindingOf(decision: PlacementDecision, vm: Vm): PlacementBinding {
  const kinds = decision.rejectedByReason.map((g) => g.kind);
  if (vm.mustHosts !== undefined && (kinds.includes('VM-host rule') || kinds.length === 0)) return 'VM-host rule';
  const binding = bindingOfKind(kinds[0] ?? '');
  if (binding === undefined) throw new Error(`sizing: placement refusal '${kinds[0] ?? '(none)'}' on a sized cluster, whose hosts are all up`);
  return binding;
}

/** The refusals in words: `memory on 1 host, VM-host rule on 2 hosts (e.g. h-01: memory: needs ...)`. */
export function refusals(decision: PlacementDecision): string {
  const groups = decision.rejectedByReason;
  if (groups.length === 0) return 'no host';
  const counts = groups.map((g) => `${g.kind} on ${g.count} host${g.count === 1 ? '' : 's'}`).join(', ');
  // The example shows a refusal other than the rule, when there is one: the rule's hosts' shortage.
  const example = groups.find((g) => g.kind !== 'VM-host rule') ?? groups[0];
  return `${counts}; e.g. ${example.host}: ${example.reason}`;
}
