// `simulate(scenario, { seed })`: one run of a scenario given as data, with every checker after
// every event (the first violation stops it), returning the summary and the trace; `checkInvariants(trace)` adds the trace
// checkers, the summary check and liveness. The state checkers run during the run because they read
// the live model (reservations, copy states, running totals), which the trace does not carry.
import { stringify } from 'yaml';
import type { SimEvent } from '../events/catalogue.ts';
import { checkTrace, type Violation } from '../invariants/index.ts';
import type { Canary } from '../ops/world.ts';
import { loadScenarioText } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import { createSimulation } from '../simulation.ts';
import type { Summary } from '../summary.ts';
import type { ScenarioInput } from './scenario-input.ts';

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
}

/** What a run leaves to check: the loaded scenario, every event, the summary, and what the state checkers saw. */
export interface SimulationTrace {
  scenario: Scenario;
  events: readonly SimEvent[];
  summary: Summary;
  traceHash: string;
  /** The violation the checkers found while the run went, if any (it stopped the run). */
  runViolations: readonly Violation[];
}

export interface SimulationResult {
  summary: Summary;
  trace: SimulationTrace;
}

/** Loads a scenario given as data (the fields of a scenario file); throws with every problem if it is not valid. */
export function loadScenario(input: ScenarioInput): Scenario {
  const loaded = loadScenarioText(JSON.stringify(input), `${input.name ?? 'scenario'}.json`);
  if (!loaded.ok) throw new Error(`invalid scenario:\n${loaded.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  return loaded.scenario;
}

export function simulate(input: ScenarioInput | Scenario, options: SimulateOptions = {}): SimulationResult {
  return runChecked(input, options);
}

/** simulate with a test-only broken model variant (the canary); not part of hcisim/testing. */
export function runChecked(input: ScenarioInput | Scenario, options: SimulateOptions & { canary?: Canary } = {}): SimulationResult {
  const scenario = isLoaded(input) ? input : loadScenario(input);
  const sim = createSimulation(scenario, { seed: options.seed, keepEvents: true, check: true, canary: options.canary });
  sim.finish();
  const summary = sim.summary();
  return { summary, trace: { scenario, events: sim.events(), summary, traceHash: sim.traceHash(), runViolations: [...sim.violations()] } };
}

/**
 * Every invariant over one run: what the state checkers found during it, then the trace checkers,
 * the summary against the trace, and liveness after the last repair. Empty when all held.
 */
export function checkInvariants(trace: SimulationTrace): Violation[] {
  const seen = new Set(trace.runViolations.map((v) => v.check));
  return [...trace.runViolations, ...checkTrace(trace).filter((v) => !seen.has(v.check))];
}

/** A scenario as YAML file text, with a header saying how to rerun it: what a shrunk counterexample is written as. */
export function toScenarioFile(input: ScenarioInput, header: readonly string[] = []): string {
  const lines = [...header, `hcisim run FILE --check reproduces this run (seed ${input.seed ?? 1}).`].map((l) => `# ${l}`);
  return `${lines.join('\n')}\n${stringify(input, { aliasDuplicateObjects: false })}`;
}

/** A loaded Scenario has effective parameters; the file format has no such key (its schema is strict). */
function isLoaded(input: ScenarioInput | Scenario): input is Scenario {
  return typeof input === 'object' && input !== null && 'parameters' in input;
}
