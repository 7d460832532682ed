// One whole run: a loop over the incremental simulation (simulation.ts) that reports progress and
// returns the summary, the trace hash and, when asked, the events.
import type { TraceEvent } from './core/trace.ts';
import type { Violation } from './invariants/index.ts';
import type { Scenario } from './scenario/types.ts';
import { createSimulation, type SimulationListener } from './simulation.ts';
import type { Summary } from './summary.ts';

export { buildWorld, gbpsToBytesPerSec } from './simulation.ts';

export interface RunOptions {
  untilMs?: number;
  seed?: number;
  onProgress?: (nowMs: number, endMs: number) => void;
  /** Keep every event in memory and return it (tests); runs otherwise stream them to `onEvent`. */
  keepEvents?: boolean;
  /** Receives every event with its events.jsonl line as it is emitted. */
  onEvent?: SimulationListener;
  /** Run the invariant checkers after every event; violations come back in the result. */
  check?: boolean;
  /** VMs whose placement decisions the trace keeps in full: every candidate, every rejected host. */
  explain?: (vmId: string) => boolean;
}

export interface RunResult {
  summary: Summary;
  /** Every event, with `keepEvents`; else empty. */
  events: TraceEvent[];
  traceHash: string;
  violations?: Violation[];
}

/** Engine events between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_EVENTS = 65_536;

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const sim = createSimulation(scenario, { seed: options.seed, untilMs: options.untilMs, keepEvents: options.keepEvents, check: options.check, explain: options.explain });
  if (options.onEvent) sim.subscribe(options.onEvent);
  const { onProgress } = options;
  if (onProgress === undefined) sim.finish();
  else {
    while (!sim.done) {
      sim.step(PROGRESS_EVENTS);
      onProgress(sim.nowMs, sim.endMs);
    }
  }
  return { summary: sim.summary(), events: sim.events() as unknown as TraceEvent[], traceHash: sim.traceHash(), violations: options.check ? sim.violations() : undefined };
}
