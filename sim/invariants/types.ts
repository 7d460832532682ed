// The shapes every invariant checker shares. A state checker reads the live model between two
// engine events (it needs records the trace does not carry: reservations, running totals, copy
// states); a trace checker reads only the events, so it also runs over a trace read back from
// events.jsonl or built by hand. Checkers never draw random numbers and never change the model.
import type { SimEvent } from '../events/catalogue.ts';
import type { World } from '../ops/world.ts';
import type { Parameters } from '../platforms/parameters.ts';

/** What a checker reports: what broke, and the records that show it. */
export interface Finding {
  message: string;
  /** The state that broke the invariant (the records involved, as plain data). */
  state?: Record<string, unknown>;
}

export interface Violation {
  /** Simulated time of the violation, ms. */
  tMs: number;
  /** The checker's name. */
  check: string;
  message: string;
  /** The event after which it was seen (the last one the offending engine step emitted). */
  event?: SimEvent;
  state?: Record<string, unknown>;
}

/**
 * What the engine step before a check changed, read from its events, so a checker over many
 * records (every replica set of a Ceph pool) looks only at those the events name. `all` when a
 * step changed hosts or disks (which move many copies at once); undefined (a standalone call)
 * means check everything. Sound because every state change is an event (STYLE).
 */
export interface ChangeScope {
  /** Replica sets by name, or every one. */
  sets: ReadonlySet<string> | 'all';
}

export interface StateChecker {
  readonly kind: 'state';
  readonly name: string;
  /** The invariant in one sentence. */
  readonly description: string;
  check(world: World, scope?: ChangeScope): Finding | undefined;
}

/** One trace checker's memory over one run. */
export interface TraceObserver {
  /** Sees every event in order; reports the first that breaks the invariant. */
  observe(event: SimEvent): Finding | undefined;
}

export interface TraceChecker {
  readonly kind: 'trace';
  readonly name: string;
  readonly description: string;
  /** A fresh observer for one run; `parameters` are the run's effective model parameters. */
  start(parameters: Parameters): TraceObserver;
}

export type Checker = StateChecker | TraceChecker;
