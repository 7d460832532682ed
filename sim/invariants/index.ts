// Every invariant checker, one module each, and the two ways to run them. During a run,
// `createInvariantObserver` runs the state checkers after every engine event and feeds every event
// to the trace checkers; the first violation stops the run (`hcisim run --check`, tests). After a
// run, `checkTrace` runs the trace checkers over the events alone, then the summary and liveness
// checks. Checks run between events, never in the middle of one, because an event may pass through
// momentarily inconsistent states (a host marked failed before its VMs are).
import type { SimEvent } from '../events/catalogue.ts';
import type { World } from '../ops/world.ts';
import type { Parameters } from '../platforms/parameters.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Summary } from '../summary.ts';
import { antiAffinity } from './anti-affinity.ts';
import { capacity } from './capacity.ts';
import { clock } from './clock.ts';
import { copyCount } from './copy-count.ts';
import { copyPlacement } from './copy-placement.ts';
import { hostsOut } from './hosts-out.ts';
import { checkLiveness } from './liveness.ts';
import { lostVolumes } from './lost-volumes.ts';
import { migrationLimits } from './migration-limits.ts';
import { network } from './network.ts';
import { storageBooks } from './storage-books.ts';
import { checkSummary } from './summary-agrees.ts';
import type { ChangeScope, StateChecker, TraceChecker, TraceObserver, Violation } from './types.ts';
import { vmConservation } from './vm-conservation.ts';
import { vmHostRules } from './vm-host-rules.ts';
import { vmPlacement } from './vm-placement.ts';

export type { ChangeScope, Checker, Finding, StateChecker, TraceChecker, TraceObserver, Violation } from './types.ts';
export { antiAffinity, capacity, clock, copyCount, copyPlacement, hostsOut, lostVolumes, migrationLimits, network, storageBooks, vmConservation, vmHostRules, vmPlacement };
export { checkLiveness, livenessBound, type LivenessBound } from './liveness.ts';
export { checkSummary } from './summary-agrees.ts';

export const STATE_CHECKERS: readonly StateChecker[] = [vmPlacement, hostsOut, antiAffinity, vmHostRules, capacity, network, copyPlacement, copyCount, storageBooks];
export const TRACE_CHECKERS: readonly TraceChecker[] = [clock, vmConservation, migrationLimits, lostVolumes];

export interface InvariantObserver {
  /** Takes each event as it is emitted. */
  record(event: SimEvent): void;
  /** Runs after an engine event; returns the violation that must stop the run, if any. */
  check(world: World): Violation | undefined;
  readonly violations: Violation[];
}

export function createInvariantObserver(parameters: Parameters, checkers: { state?: readonly StateChecker[]; trace?: readonly TraceChecker[] } = {}): InvariantObserver {
  const state = checkers.state ?? STATE_CHECKERS;
  const traced = (checkers.trace ?? TRACE_CHECKERS).map((c) => [c.name, c.start(parameters)] as [string, TraceObserver]);
  const violations: Violation[] = [];
  let fresh: SimEvent[] = [];
  let last: SimEvent | undefined;
  return {
    violations,
    record(event) {
      if (violations.length === 0) fresh.push(event);
    },
    check(world) {
      if (violations.length > 0) return undefined;
      const events = fresh;
      fresh = [];
      last = events.at(-1) ?? last;
      for (const e of events) {
        for (const [name, observer] of traced) {
          const f = observer.observe(e);
          if (f !== undefined) return stop({ tMs: e.t, check: name, message: f.message, event: e, state: f.state });
        }
      }
      const scope = scopeOf(events);
      for (const c of state) {
        const f = c.check(world, scope);
        if (f !== undefined) return stop({ tMs: world.engine.now, check: c.name, message: f.message, event: last, state: f.state });
      }
      return undefined;
    },
  };

  function stop(v: Violation): Violation {
    violations.push(v);
    return v;
  }
}

/** Events that name one replica set (the rest of the storage layer's events may move many). */
const SET_EVENTS = new Set(['replica.absent.expire', 'replica.discard', 'replica.destroy', 'replica.witness', 'replica.rebuild.blocked', 'replica.rebuild.start', 'replica.rebuild.end', 'replica.rebuild.fail', 'replicaset.lost', 'storage.unplaced']);

/** The replica sets a step's events name; every set when a host or disk changed, or the layout was made. */
function scopeOf(events: readonly SimEvent[]): ChangeScope {
  const sets = new Set<string>();
  for (const e of events) {
    if (SET_EVENTS.has(e.type)) sets.add((e as { set: string }).set);
    else if (e.type.startsWith('host.') || e.type.startsWith('disk.') || e.type.startsWith('storage.') || e.type === 'run.start') return { sets: 'all' };
  }
  return { sets };
}

/** What a run leaves to check afterwards: its scenario (for parameters and liveness), events and summary. */
export interface RunTrace {
  scenario: Scenario;
  events: readonly SimEvent[];
  summary?: Summary;
}

/**
 * The trace checkers over a whole trace (the first violation of each), then the summary against the
 * trace and liveness after the last repair.
 */
export function checkTrace(run: RunTrace): Violation[] {
  const violations: Violation[] = [];
  for (const c of TRACE_CHECKERS) {
    const observer = c.start(run.scenario.parameters);
    for (const e of run.events) {
      const f = observer.observe(e);
      if (f === undefined) continue;
      violations.push({ tMs: e.t, check: c.name, message: f.message, event: e, state: f.state });
      break;
    }
  }
  const endMs = run.events.at(-1)?.t ?? 0;
  if (run.summary !== undefined) for (const f of checkSummary(run.summary, run.events)) violations.push({ tMs: endMs, check: 'summary', message: f.message });
  const live = checkLiveness(run.scenario, run.events);
  if (live !== undefined) violations.push({ tMs: endMs, check: 'liveness', message: live.message, state: live.state });
  return violations;
}
