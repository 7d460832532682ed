// All invariant checkers behind one observer, run after every engine event (tests and
// `hcisim run --check`). Checks run between events, never in the middle of one, because an event
// may pass through momentarily inconsistent states (a host marked failed before its VMs are).
// The first violation per check is kept with the time it was seen.
import { checkCapacity } from './capacity.ts';
import { MigrationLimitChecker } from './migration-limits.ts';
import { checkNetwork } from './network.ts';
import { checkStorage, LostStaysLost } from './storage.ts';
import { checkVmLocation } from './vm-location.ts';
import type { TraceEvent } from '../core/trace.ts';
import type { World } from '../ops/world.ts';

export interface Violation {
  tMs: number;
  check: string;
  message: string;
}

export interface InvariantObserver {
  record(event: TraceEvent): void;
  check(world: World): void;
  readonly violations: Violation[];
}

const STATE_CHECKS: readonly [string, (world: World) => string | undefined][] = [
  ['capacity', checkCapacity],
  ['vmLocation', checkVmLocation],
  ['network', checkNetwork],
  ['storage', checkStorage],
];

export function createInvariantObserver(): InvariantObserver {
  const limits = new MigrationLimitChecker();
  const lost = new LostStaysLost();
  const violations: Violation[] = [];
  const seen = new Set<string>();
  let fresh: TraceEvent[] = [];
  const report = (world: World, check: string, message: string | undefined) => {
    if (message === undefined || seen.has(check)) return;
    seen.add(check);
    violations.push({ tMs: world.engine.now, check, message });
  };
  return {
    violations,
    record(event) {
      fresh.push(event);
    },
    check(world) {
      for (const e of fresh) {
        report(world, 'migrationLimits', limits.observe(e, world));
        report(world, 'lostStaysLost', lost.observe(e));
      }
      fresh = [];
      for (const [name, fn] of STATE_CHECKS) report(world, name, fn(world));
    },
  };
}
