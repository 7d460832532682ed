// The discrete-event kernel: one clock in integer milliseconds, one future-event list, and the
// trace. Like SimPy's kernel it knows nothing of hosts or VMs; models schedule callbacks and record
// what they change with `emit`. `run(until)` and `step()` drive it; `eventsMax` bounds a run so a
// scenario that never settles ends with a clear message instead of hanging.
import { EventQueue, type EventHandle } from './queue.ts';
import { RngStreams, type Rng } from './rng.ts';
import { Trace, type TraceEvent } from './trace.ts';

export type { EventHandle } from './queue.ts';
export type Action = () => void;

export interface EngineOptions {
  seed?: number | string;
  /** Upper bound on processed events; reaching it stops the run (`stopReason = 'eventsMax'`). */
  eventsMax?: number;
  /** Keep every trace event in memory (default true for a bare engine in tests; runs stream them). */
  keepEvents?: boolean;
}

export const EVENTS_MAX_DEFAULT = 50_000_000;

/** What a model that only schedules (the network) needs of the engine: the clock and timers. */
export interface Scheduler {
  readonly now: number;
  at(timeMs: number, action: Action): EventHandle;
  after(delayMs: number, action: Action): EventHandle;
  cancel(handle: EventHandle | undefined): boolean;
}

/** Event fields by type: a catalogue (sim/events) types `emit`; the default accepts anything. */
export type EventMap = Record<string, object>;

/** The trace event of a catalogue: a discriminated union on `type`. */
export type EventIn<M extends EventMap> = { [K in keyof M & string]: { t: number; type: K } & M[K] }[keyof M & string];

/** Later than any run can last (runs stop at 400 days; this is 142,000 years), and still a safe integer of ms. */
export const NEVER_MS = 2 ** 52;

export class Engine<M extends EventMap = Record<string, Record<string, unknown>>> {
  private clock = 0;
  readonly trace: Trace<EventIn<M> & TraceEvent>;
  readonly rng: RngStreams;
  readonly eventsMax: number;
  processed = 0;
  stopReason: 'empty' | 'until' | 'eventsMax' | 'budget' | 'halted' | undefined;
  /** Called after every event's action (invariant checkers); unset in normal runs. */
  afterEach: (() => void) | undefined;
  private halted = false;
  private readonly queue = new EventQueue<Action>();
  private readonly popped = { time: 0 };

  constructor(options: EngineOptions = {}) {
    this.rng = new RngStreams(options.seed ?? 1);
    this.trace = new Trace(options.keepEvents ?? true);
    this.eventsMax = options.eventsMax ?? EVENTS_MAX_DEFAULT;
  }

  /** Simulated time in milliseconds (read-only: only the event loop moves the clock). */
  get now(): number {
    return this.clock;
  }

  /**
   * Schedules `action` at absolute time `timeMs` (rounded up to the millisecond, never in the past,
   * never after NEVER_MS: a delay that bounded inputs can still make astronomic, such as a timeout
   * per GiB times 64 TiB or an exponential draw at a tiny rate, is an event no run reaches).
   */
  at(timeMs: number, action: Action): EventHandle {
    const t = Math.min(Math.ceil(timeMs), NEVER_MS);
    return this.queue.push(t > this.now ? t : this.now, action);
  }

  /** Schedules `action` after `delayMs`. */
  after(delayMs: number, action: Action): EventHandle {
    return this.at(this.now + delayMs, action);
  }

  cancel(handle: EventHandle | undefined): boolean {
    return handle === undefined ? false : this.queue.cancel(handle);
  }

  get pending(): number {
    return this.queue.size;
  }

  stream(name: string): Rng {
    return this.rng.stream(name);
  }

  /** Records a state change at the current time. */
  emit<K extends keyof M & string>(type: K, fields: M[K]): EventIn<M> & TraceEvent {
    return this.trace.record(this.clock, type, fields);
  }

  /**
   * Ends a run that had no `until` at its last recorded change, not at the 400-day bound (the one
   * place besides the event loop that sets the clock, and only backwards to an event's time).
   */
  settleAtLastEvent(): void {
    this.clock = this.trace.lastEventMs;
  }

  /** Stops the run for good after the current event (an invariant checker found a violation). */
  halt(): void {
    this.halted = true;
  }

  /** Runs the earliest event; false when none is left. */
  step(): boolean {
    if (this.halted) return false;
    const action = this.queue.pop(this.popped);
    if (action === undefined) return false;
    this.clock = this.popped.time;
    this.processed++;
    action();
    this.afterEach?.();
    return true;
  }

  /**
   * Runs events up to and including `untilMs` (default: until none is left or eventsMax), then
   * leaves the clock at `untilMs` when given. With a `budget`, stops after that many events
   * (`stopReason = 'budget'`, the clock at the last one) so a caller can report progress or yield.
   */
  run(untilMs = Infinity, budget = Infinity): void {
    this.stopReason = undefined;
    const queue = this.queue;
    const popped = this.popped;
    const eventsMax = this.eventsMax;
    const stopAt = this.processed + budget;
    for (;;) {
      if (this.halted) {
        this.stopReason = 'halted';
        return;
      }
      if (this.processed >= stopAt) {
        this.stopReason = 'budget';
        return;
      }
      // eventsMax is tested first because it is one compare; it only wins if an event is due.
      if (this.processed >= eventsMax && queue.size > 0 && queue.peekTime() <= untilMs) {
        this.stopReason = 'eventsMax';
        return;
      }
      const action = queue.popUntil(untilMs, popped);
      if (action === undefined) {
        this.stopReason = queue.size === 0 ? 'empty' : 'until';
        break;
      }
      this.clock = popped.time;
      this.processed++;
      action();
      this.afterEach?.();
    }
    if (untilMs !== Infinity && untilMs > this.clock) this.clock = untilMs;
  }
}
