// The canary: a deliberately broken model (a live migration that completes but forgets to release
// its reservation on the target) that the property suite must catch and shrink, so the suite itself
// is shown to work. The switch exists only in createSimulation's options: a scenario file cannot
// set it (the schema rejects the key) and neither can hcisim/testing's simulate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { runChecked } from '../../sim/testing/simulate.ts';
import { arbitraryScenario, checkInvariants, simulate, type ScenarioInput } from '../../sim/testing/index.ts';
import { checkScenarios, describeFailure } from '../support/property.ts';
import { scenarioFrom } from '../support/scenario.ts';

const leaky = (scenario: ScenarioInput) => checkInvariants(runChecked(scenario, { canary: 'leakReservation' }).trace);

describe('the canary', () => {
  it('is caught by the property suite and shrunk to a small file that reproduces it, and only with the broken model', async () => {
    const run = await checkScenarios('canary-leak-reservation', arbitraryScenario({ platforms: ['vsphere', 'harvester', 'openstack'] }), leaky, { numRuns: 200, seed: 1 });
    expect(run.failed, 'the property suite missed the canary').toBeDefined();
    const { scenario, violations, file } = run.failed!;
    expect(violations[0].check).toBe('vmPlacement');
    expect(violations[0].message).toMatch(/^\S+ is running on (\S+) and holds 1 reservation \(\1\), expected 0 on another host$/);
    // Shrunk: the fewest hosts, one VM, one schedule entry that makes it migrate.
    expect(scenario.hosts!.reduce((n, g) => n + (g.count ?? 1), 0)).toBe(3);
    expect(scenario.vms!.reduce((n, g) => n + (g.count ?? 1), 0)).toBe(1);
    expect(scenario.schedule).toHaveLength(1);
    expect(scenario.schedule![0].do).toBe('rollingMaintenance');
    // The file as written is a valid scenario: with the canary it breaks the same way, without it it passes.
    const text = readFileSync(file, 'utf8');
    const fromFile = scenarioFrom(text, file);
    expect(checkInvariants(runChecked(fromFile, { canary: 'leakReservation' }).trace)[0]).toMatchObject({ check: 'vmPlacement', message: violations[0].message });
    expect(checkInvariants(simulate(fromFile).trace), describeFailure(run)).toEqual([]);
  });

  it('cannot be set from a scenario file', () => {
    const base = 'name: t\nplatform: vsphere\nhosts: [{ group: h, count: 3 }]\n';
    for (const extra of ['canary: leakReservation\n', 'policies: { migration: { canary: leakReservation } }\n']) {
      const loaded = loadScenarioText(base + extra, 't.yaml');
      expect(loaded.ok).toBe(false);
    }
  });
});
