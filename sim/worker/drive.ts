// Drives one run for the browser's worker: loads the scenario with the knobs laid on, then steps
// the simulation a budget of engine events at a time, handing each step's events to `onBatch` as
// one packed batch and awaiting it: the await is where the worker yields, so a cancel message gets
// through between steps and a slow page applies back-pressure. Pure (TextEncoder is a global in
// browsers and Node), so the Node tests drive it exactly as the worker does.
import { formatProblem, loadScenarioText } from '../scenario/load.ts';
import { createSimulation } from '../simulation.ts';
import type { BatchListener, RunOutcome, RunRequest } from './protocol.ts';

/** Engine events per step: small enough that a cancel waits a few ms, large enough that batches are few. */
export const STEP_EVENTS_DEFAULT = 1000;

export async function driveRun(request: RunRequest, onBatch: BatchListener, isCancelled: () => boolean): Promise<RunOutcome> {
  const loaded = loadScenarioText(request.text, request.fileName, request.overrides);
  const warnings = loaded.warnings.map((p) => formatProblem(request.fileName, p));
  if (!loaded.ok) return { kind: 'invalid', problems: [...loaded.problems.map((p) => formatProblem(request.fileName, p)), ...warnings] };
  const sim = createSimulation(loaded.scenario, request.seed === undefined ? {} : { seed: request.seed });
  const bounded = loaded.scenario.untilMs !== undefined;
  let lines: string[] = [];
  sim.subscribe((_event, line) => lines.push(line));
  const encoder = new TextEncoder();
  const stepEvents = request.stepEvents ?? STEP_EVENTS_DEFAULT;
  while (!sim.done) {
    if (isCancelled()) return { kind: 'cancelled', eventCount: sim.eventCount };
    sim.step(stepEvents);
    const bytes = encoder.encode(lines.join('\n'));
    const events = lines.length;
    lines = [];
    await onBatch({ bytes, events, eventCount: sim.eventCount, nowMs: sim.nowMs, endMs: sim.endMs, bounded });
  }
  return { kind: 'done', summary: sim.summary(), traceHash: sim.traceHash(), eventCount: sim.eventCount, warnings };
}

/** The lines of a batch, back as parsed events. */
export function unpackBatch(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  return new TextDecoder().decode(bytes).split('\n');
}
