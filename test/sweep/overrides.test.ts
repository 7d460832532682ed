import { describe, expect, it } from 'vitest';
import { loadScenarioText, type LoadResult } from '../../sim/scenario/load.ts';

const FILE = `name: overrides
platform: harvester
hosts:
  - { group: node, count: 3 }
vms:
  - { group: app, count: 2 }
`;

function loaded(result: LoadResult) {
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return result.scenario;
}

describe('loadScenarioText with overrides', () => {
  it('sets a field the file does not have, creating its parent mappings', () => {
    const scenario = loaded(loadScenarioText(FILE, 'f.yaml', [{ path: 'policies.storage.repairDelay', value: '30m' }]));
    expect(scenario.parameters.policies.storage.repairDelay).toBe(1800);
  });

  it('replaces a value inside a list by index', () => {
    expect(loaded(loadScenarioText(FILE, 'f.yaml', [{ path: 'hosts.0.count', value: 5 }])).hosts).toHaveLength(5);
  });

  it('leaves the file as written when loaded again without overrides', () => {
    loadScenarioText(FILE, 'f.yaml', [{ path: 'hosts.0.count', value: 5 }]);
    expect(loaded(loadScenarioText(FILE, 'f.yaml')).hosts).toHaveLength(3);
  });

  it('validates an overridden value like a file value, naming its path without a file position', () => {
    const result = loadScenarioText(FILE, 'f.yaml', [{ path: 'storage.replicas', value: 'two' }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ path: 'storage.replicas', message: "expected a number, got 'two'" }]);
  });

  it('names an unknown field an override introduced, with a suggestion', () => {
    const result = loadScenarioText(FILE, 'f.yaml', [{ path: 'polices.storage.repairDelay', value: '1m' }]);
    expect(!result.ok && result.problems).toEqual([{ path: 'polices', message: "unknown field 'polices' (did you mean 'policies'?)" }]);
  });

  it('refuses a path through a missing list item or a scalar', () => {
    const past = loadScenarioText(FILE, 'f.yaml', [{ path: 'hosts.3.count', value: 1 }]);
    expect(!past.ok && past.problems[0]).toEqual({ path: 'hosts.3.count', message: "cannot set hosts.3.count: hosts is a list of 1, with no item '3'" });
    const scalar = loadScenarioText(FILE, 'f.yaml', [{ path: 'name.x', value: 1 }]);
    expect(!scalar.ok && scalar.problems[0].message).toBe('cannot set name.x: name is not a mapping');
  });

  it('keeps file positions for problems the override did not touch', () => {
    const result = loadScenarioText(`${FILE}schedule:\n  - { at: 1h, do: failHost, host: node-09 }\n`, 'f.yaml', [{ path: 'storage.replicas', value: 2 }]);
    expect(!result.ok && result.problems[0]).toMatchObject({ path: 'schedule.0.host', line: 8 });
  });
});
