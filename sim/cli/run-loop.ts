// The run loop of `hcisim run`: runScenario's loop (sim/run.ts), but it returns to Node's event
// loop between slices of events. A run is synchronous JavaScript; without these pauses a SIGINT
// handler could not run until the simulation ended, so Ctrl-C would wait for the whole run (or,
// without a handler, kill it and leave its temporary files). A slice of 4,096 engine events takes
// milliseconds, so a signal is handled at once; slicing never changes the trace (Simulation.step).
import type { RunOptions, RunResult } from '../run.ts';
import type { Scenario } from '../scenario/types.ts';
import { createSimulation } from '../simulation.ts';

const SLICE_EVENTS = 4_096;

export async function runScenarioYielding(scenario: Scenario, options: RunOptions): Promise<Omit<RunResult, 'events'>> {
  const sim = createSimulation(scenario, { seed: options.seed, untilMs: options.untilMs, check: options.check, explain: options.explain });
  if (options.onEvent) sim.subscribe(options.onEvent);
  while (!sim.done) {
    sim.step(SLICE_EVENTS);
    options.onProgress?.(sim.nowMs, sim.endMs);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { summary: sim.summary(), traceHash: sim.traceHash(), violations: options.check ? sim.violations() : undefined };
}
