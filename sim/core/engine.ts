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
  /** Keep every trace event in memory (needed for summary and events.jsonl; sweeps may drop them). */
  keepEvents?: boolean;
}

export const EVENTS_MAX_DEFAULT = 50_000_000;

export class Engine {
  /** Simulated time in milliseconds. */
  now = 0;
  readonly trace: Trace;
  readonly rng: RngStreams;
  readonly eventsMax: number;
  processed = 0;
  stopReason: 'empty' | 'until' | 'eventsMax' | undefined;
  /** Called after every event's action (invariant checkers); unset in normal runs. */
  afterEach: (() => void) | undefined;
  private readonly queue = new EventQueue<Action>();
  private readonly popped = { time: 0 };

  constructor(options: EngineOptions = {}) {
    this.rng = new RngStreams(options.seed ?? 1);
    this.trace = new Trace(options.keepEvents ?? true);
    this.eventsMax = options.eventsMax ?? EVENTS_MAX_DEFAULT;
  }

  /** Schedules `action` at absolute time `timeMs` (rounded up to the millisecond, never in the past). */
  at(timeMs: number, action: Action): EventHandle {
    const t = Math.ceil(timeMs);
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
  emit(type: string, fields: Record<string, unknown> = {}): TraceEvent {
    const event: TraceEvent = { t: this.now, type, ...fields };
    this.trace.record(event);
    return event;
  }

  /** Runs the earliest event; false when none is left. */
  step(): boolean {
    const action = this.queue.pop(this.popped);
    if (action === undefined) return false;
    this.now = this.popped.time;
    this.processed++;
    action();
    this.afterEach?.();
    return true;
  }

  /**
   * Runs events up to and including `untilMs` (default: until none is left or eventsMax), then
   * leaves the clock at `untilMs` when given. `onProgress` is called every `progressEvery` events.
   */
  run(untilMs = Infinity, onProgress?: (nowMs: number) => void, progressEvery = 65_536): void {
    this.stopReason = undefined;
    const queue = this.queue;
    const popped = this.popped;
    const eventsMax = this.eventsMax;
    for (;;) {
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
      this.now = popped.time;
      this.processed++;
      action();
      this.afterEach?.();
      if (onProgress !== undefined && (this.processed & (progressEvery - 1)) === 0) onProgress(this.now);
    }
    if (untilMs !== Infinity && untilMs > this.now) this.now = untilMs;
  }
}
