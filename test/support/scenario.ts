// Builds a loaded Scenario from YAML text through the real loader, so model tests run tiny real
// clusters exactly as a user's file would describe them.
import { loadScenarioText } from '../../sim/scenario/load.ts';
import type { Scenario } from '../../sim/scenario/types.ts';

export function scenarioFrom(yaml: string, file = 'test.yaml'): Scenario {
  const result = loadScenarioText(yaml, file);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.scenario;
}
