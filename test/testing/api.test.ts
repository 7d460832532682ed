// hcisim/testing's API: arbitraryScenario draws only valid, bounded scenarios over every platform
// and storage kind; simulate and checkInvariants run them; toScenarioFile writes a file the loader
// (and so `hcisim run`) reads back to the same scenario.
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { STORAGE_BY_PLATFORM } from '../../sim/scenario/checks.ts';
import * as testing from '../../sim/testing/index.ts';
import { arbitraryScenario, checkInvariants, loadScenario, simulate, toScenarioFile } from '../../sim/testing/index.ts';

const count = (groups: readonly { count?: number }[] | undefined) => (groups ?? []).reduce((n, g) => n + (g.count ?? 1), 0);

describe('arbitraryScenario', () => {
  it('draws valid scenarios within its bounds, over every platform with each storage kind it runs', () => {
    const samples = fc.sample(arbitraryScenario({ maxHosts: 5, maxVms: 7, maxScheduleEntries: 3 }), { numRuns: 300, seed: 5 });
    const combos = new Set<string>();
    for (const s of samples) {
      const loaded = loadScenarioText(JSON.stringify(s), 's.json');
      expect(loaded.ok, JSON.stringify(loaded.ok ? '' : loaded.problems)).toBe(true);
      expect(count(s.hosts)).toBeGreaterThanOrEqual(3);
      expect(count(s.hosts)).toBeLessThanOrEqual(5);
      expect(count(s.vms)).toBeLessThanOrEqual(7);
      expect(s.schedule!.length).toBeLessThanOrEqual(3);
      combos.add(`${s.platform}/${s.storage!.kind}`);
    }
    const all = Object.entries(STORAGE_BY_PLATFORM).flatMap(([p, kinds]) => kinds.map((k) => `${p}/${k}`));
    expect([...combos].sort()).toEqual(all.sort());
    const actions = new Set(samples.flatMap((s) => s.schedule!.map((e) => e.do)));
    expect([...actions].sort()).toEqual(['failDisk', 'failHost', 'managementOutage', 'rollingMaintenance', 'setLoad']);
  });

  it('keeps to the platforms and kinds asked for, and refuses a combination no platform runs', () => {
    for (const s of fc.sample(arbitraryScenario({ platforms: ['harvester'], storageKinds: ['longhorn'] }), { numRuns: 20, seed: 1 })) {
      expect([s.platform, s.storage!.kind]).toEqual(['harvester', 'longhorn']);
    }
    expect(() => arbitraryScenario({ platforms: ['baremetal'], storageKinds: ['ceph'] })).toThrow(/no platform runs/);
  });
});

describe('simulate and checkInvariants', () => {
  it('run a scenario given as data, with the seed overridden, and find nothing wrong in a sound run', () => {
    const scenario = { name: 'api', platform: 'vsphere' as const, hosts: [{ group: 'h', count: 3 }], vms: [{ group: 'v', count: 4 }], schedule: [{ do: 'rollingMaintenance' as const, at: '10m' }] };
    const { summary, trace } = simulate(scenario, { seed: 9 });
    expect(summary.seed).toBe(9);
    expect(trace.events[0]).toMatchObject({ type: 'run.start', seed: 9 });
    expect(summary.maintenance.hostsCompleted).toBe(3);
    expect(checkInvariants(trace)).toEqual([]);
    expect(() => simulate({ name: 'bad', platform: 'vsphere', hosts: [{ group: 'h', count: 3, cores: -1 }] })).toThrow(/invalid scenario:\n {2}hosts\.0\.cores: /);
  });

  it('toScenarioFile writes YAML (no aliases, a header saying how to rerun it) that loads to the same scenario', () => {
    const [scenario] = fc.sample(arbitraryScenario({ maxHosts: 4 }).filter((s) => s.hosts!.length > 1), { numRuns: 1, seed: 3 });
    const text = toScenarioFile(scenario, ['why it was written']);
    expect(text.split('\n').slice(0, 2)).toEqual(['# why it was written', `# hcisim run FILE --check reproduces this run (seed ${scenario.seed}).`]);
    expect(text).not.toMatch(/[&*]a\d/);
    expect(parse(text)).toEqual(scenario);
    expect(loadScenario(parse(text))).toEqual(loadScenario(scenario));
  });
});

describe('the checkers one by one', () => {
  it('exports every state and trace checker under its own name', () => {
    const exported = testing as unknown as Record<string, unknown>;
    for (const checker of [...testing.STATE_CHECKERS, ...testing.TRACE_CHECKERS]) expect(exported[checker.name], checker.name).toBe(checker);
  });
});
