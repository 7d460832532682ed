// Traces for the replay tests: a shipped scenario run through the incremental API, its events
// parsed back from the events.jsonl lines exactly as the browser receives them.
import { readFileSync } from 'node:fs';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { createSimulation } from '../../sim/simulation.ts';
import type { TraceEvent } from '../../viz/src/replay/state.ts';

export function traceOf(file: string, seed = 1, text = readFileSync(file, 'utf8')): TraceEvent[] {
  const loaded = loadScenarioText(text, file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const sim = createSimulation(loaded.scenario, { seed });
  const events: TraceEvent[] = [];
  sim.subscribe((_e, line) => events.push(JSON.parse(line) as TraceEvent));
  sim.finish();
  return events;
}
