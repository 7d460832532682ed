// The replica sets a check must look at: every one, or those a step's events named (by name,
// looked up in an index built once per storage layer: sets are made with the layout, never later).
import type { ChangeScope } from './types.ts';
import type { ReplicaSet } from '../storage/types.ts';

const byName = new WeakMap<readonly ReplicaSet[], { count: number; index: Map<string, ReplicaSet> }>();

export function setsToCheck(sets: readonly ReplicaSet[], scope: ChangeScope | undefined): Iterable<ReplicaSet> {
  if (scope === undefined || scope.sets === 'all') return sets;
  if (scope.sets.size === 0) return [];
  let cached = byName.get(sets);
  if (cached === undefined || cached.count !== sets.length) {
    cached = { count: sets.length, index: new Map(sets.map((s) => [s.name, s])) };
    byName.set(sets, cached);
  }
  const index = cached.index;
  return [...scope.sets].flatMap((name) => index.get(name) ?? []);
}
