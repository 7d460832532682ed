// Safety: a replica set never has more current data copies than its policy asks for (a rebuild
// that counted a stale copy as current, or forgot to drop the copy it replaced, shows here).
import type { World } from '../ops/world.ts';
import { setRecord } from './records.ts';
import { setsToCheck } from './sets-to-check.ts';
import type { ChangeScope, Finding, StateChecker } from './types.ts';

export const copyCount: StateChecker = {
  kind: 'state',
  name: 'copyCount',
  description: 'current copies of a volume never exceed the configured count',
  check(world: World, scope?: ChangeScope): Finding | undefined {
    const storage = world.storage;
    if (!storage) return undefined;
    for (const set of setsToCheck(storage.state.sets, scope)) {
      let current = 0;
      for (const c of set.copies) if (!c.witness && !c.durability && c.state === 'current') current++;
      if (current > set.wantedData) return { message: `${set.name} has ${current} current copies, policy asks for ${set.wantedData}`, state: { set: setRecord(set) } };
    }
    return undefined;
  },
};
