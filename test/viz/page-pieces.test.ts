import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { withPlatform } from '../../viz/src/platform-swap.ts';
import { guideOf } from '../../sim/scenario/guide.ts';
import { overridesOf, seedOf } from '../../viz/src/knobs.ts';
import { formatFragment, parseFragment } from '../../viz/src/url.ts';
import { binSeries } from '../../viz/src/views/bins.ts';
import { layoutMap } from '../../viz/src/views/layout.ts';
import { zeroCounts } from '../../viz/src/replay/state.ts';

const rolloutFile = 'scenarios/vsphere-firmware-rollout.yaml';
const rollout = readFileSync(rolloutFile, 'utf8');

describe('knobs', () => {
  it('become overrides the loader accepts, each landing where the knob says', () => {
    const knobs = { platform: 'vsphere', hostCount: '10', cpuTaxPercent: '12', replicas: '3', migrationConcurrency: '4', maintenanceConcurrency: '2', workDuration: '30m', seed: '9' };
    const overrides = overridesOf(knobs, rollout);
    const loaded = loadScenarioText(rollout, rolloutFile, overrides);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const s = loaded.scenario;
    expect(s.hosts.length).toBe(10);
    expect(s.parameters.overhead.cpuTaxPercent).toBe(12);
    expect(s.parameters.storage.replicas).toBe(3);
    expect(s.parameters.policies.migration.maxParallelOutboundPerHost).toBe(4);
    expect(overrides).toContainEqual({ path: 'schedule.0.concurrency', value: 2 });
    expect(overrides).toContainEqual({ path: 'schedule.0.workDuration', value: '30m' });
    expect(seedOf(knobs)).toBe(9);
  });

  it('left empty keep the file as it is', () => {
    expect(overridesOf({ hostCount: ' ' }, rollout)).toEqual([]);
    expect(seedOf({})).toBeUndefined();
  });
});

describe('the URL fragment', () => {
  it('round-trips the scenario, time, speed, play, compare and knobs', () => {
    const state = { scenario: 'vsan-disk-failure', t: 3600.5, speed: 300, play: true, compare: 'harvester', knobs: { replicas: '3', seed: '4' } };
    expect(parseFragment(formatFragment(state))).toEqual(state);
  });

  it('ignores what it does not know and numbers that are not numbers', () => {
    expect(parseFragment('#t=abc&bogus=1&seed=2')).toEqual({ knobs: { seed: '2' }, t: undefined });
  });
});

describe('compare', () => {
  it('swaps platform-bound storage for the compared platform\'s own', () => {
    expect(withPlatform([{ path: 'platform', value: 'vsphere' }], 'openstack', rollout)).toEqual([
      { path: 'platform', value: 'openstack' },
      { path: 'storage.kind', value: 'ceph' },
    ]);
    expect(withPlatform([], 'harvester', 'storage: { kind: local }')).toEqual([{ path: 'platform', value: 'harvester' }]);
  });
});

describe('binSeries', () => {
  it('keeps a burst shorter than a bin and carries a value across empty bins', () => {
    const at = (t: number, migrations: number) => ({ t, counts: { ...zeroCounts(), migrations } });
    const series = [at(0, 0), at(1.2, 5), at(1.3, 0), at(2.5, 2)];
    expect(binSeries(series, 'migrations', 5, 5)).toEqual([0, 5, 2, 2, 2]);
  });

  it('bins a window of the run, starting from the value in force when it opens', () => {
    const at = (t: number, migrations: number) => ({ t, counts: { ...zeroCounts(), migrations } });
    const series = [at(0, 3), at(1.2, 5), at(1.3, 1), at(2.5, 2)];
    expect(binSeries(series, 'migrations', 3, 4, 1)).toEqual([5, 1, 1, 2]);
    expect(binSeries(series, (c) => c.migrations * 10, 1, 1, 0.5)).toEqual([30]);
  });
});

describe('layoutMap', () => {
  const cluster = (racks: (string | undefined)[]) => ({
    hosts: racks.map((rack, i) => ({ id: `h${i}`, group: 'h', cores: 8, coreGHz: 2, memoryGiB: 64, nicGbps: 10, disks: { count: 2, sizeTiB: 1 }, rack })),
    vms: [],
  }) as unknown as Parameters<typeof layoutMap>[0];

  it('fits every card in the view without overlap', () => {
    const layout = layoutMap(cluster(new Array(500).fill(undefined)), 1000, 600);
    expect(layout.cards.length).toBe(500);
    for (const c of layout.cards) expect(c.x + c.w <= 1000 && c.y + c.h <= 600).toBe(true);
    const overlap = layout.cards.some((a, i) => layout.cards.slice(i + 1).some((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h));
    expect(overlap).toBe(false);
  });

  it('groups hosts by rack, each rack labelled', () => {
    const layout = layoutMap(cluster(['r1', 'r2', 'r1', 'r2']), 800, 600);
    expect(layout.racks.map((r) => r.name)).toEqual(['r1', 'r2']);
    expect(layout.cards.map((c) => c.id)).toEqual(['h0', 'h2', 'h1', 'h3']);
  });
});

describe('guideOf', () => {
  it('is the comment block a scenario opens with', () => {
    expect(guideOf('# one\n# two\nname: x\n# later')).toBe('one two');
  });
});
