import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directCost, licensedCores } from '../../sim/cost/price.ts';
import { riskCost, YEAR_SECONDS } from '../../sim/cost/risk.ts';
import { PLATFORM_COSTS } from '../../sim/platforms/costs.ts';
import { PROFILES } from '../../sim/platforms/index.ts';
import { loadScenarioText, type Override } from '../../sim/scenario/load.ts';
import type { PlatformName } from '../../sim/platforms/parameters.ts';

const TCO = 'scenarios/tco-20-hosts.yaml';

function priced(platform: PlatformName, overrides: Override[] = []) {
  const loaded = loadScenarioText(readFileSync(TCO, 'utf8'), TCO, [{ path: 'platform', value: platform }, { path: 'storage.kind', value: PROFILES.find((p) => p.name === platform)!.defaults.storage.kind }, ...overrides]);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const s = loaded.scenario;
  return directCost(platform, s.hosts, s.cost[platform], 3);
}

describe('the cost model', () => {
  it("reproduces the course module's 3-year TCO for 20 hosts from the profiles' default inputs", () => {
    // Module: vSphere $180K x 3 + 1.5 FTE $195K x 3 + support $36K x 3 = $1,233K.
    expect(priced('vsphere')).toMatchObject({ licenceUsd: 540_000, staffUsd: 585_000, supportUsd: 108_000, trainingUsd: 0, totalUsd: 1_233_000 });
    // OpenStack: 4 FTE $520K x 3 + training $50K = $1,610K.
    expect(priced('openstack')).toMatchObject({ licenceUsd: 0, staffUsd: 1_560_000, supportUsd: 0, trainingUsd: 50_000, totalUsd: 1_610_000 });
    // Harvester: 1.5 FTE $195K x 3 = $585K, plus optional SUSE support $24K x 3 = $657K.
    expect(priced('harvester').totalUsd).toBe(657_000);
    expect(priced('harvester', [{ path: 'cost.harvester.supportPerHostPerYearUsd', value: 0 }]).totalUsd).toBe(585_000);
  });

  it('prices the licence per host: 30 hosts cost the module\'s $270K a year', () => {
    const hosts = Array.from({ length: 30 }, () => ({ cores: 64 }));
    expect(directCost('vsphere', hosts, PLATFORM_COSTS.vsphere.defaults, 1).licenceUsd).toBe(270_000);
  });

  it('bills Broadcom per-core subscriptions with 16 cores per CPU and 72 per order at least', () => {
    const perCore = { ...PLATFORM_COSTS.vsphere.defaults, licenceModel: 'perCore' as const };
    // Two 12-core CPUs bill 2 x 16 = 32 cores; 20 hosts: 640 cores x $135 = $86,400 a year.
    expect(licensedCores(Array.from({ length: 20 }, () => ({ cores: 24 })), perCore)).toBe(640);
    expect(directCost('vsphere', Array.from({ length: 20 }, () => ({ cores: 24 })), perCore, 1).licenceUsd).toBe(86_400);
    // Larger CPUs bill their real cores: 20 x 64 cores x $135 = $172,800.
    expect(directCost('vsphere', Array.from({ length: 20 }, () => ({ cores: 64 })), perCore, 1)).toMatchObject({ licenceUsd: 172_800, licensedCores: 1280 });
    // One small host still pays for the 72-core order minimum.
    expect(licensedCores([{ cores: 16 }], perCore)).toBe(72);
  });

  it('switches vSphere to the per-core model from the scenario file', () => {
    const c = priced('vsphere', [{ path: 'cost.vsphere.licenceModel', value: 'perCore' }]);
    expect(c).toMatchObject({ licenceModel: 'perCore', licensedCores: 1280, licenceUsd: 3 * 172_800 });
  });

  it('rejects a cost input out of range with its path', () => {
    const loaded = loadScenarioText(readFileSync(TCO, 'utf8'), TCO, [{ path: 'cost.openstack.staffFte', value: -1 }, { path: 'cost.hyperv', value: {} }]);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['cost.openstack.staffFte', 'cost.hyperv']));
  });

  it('scales the measured downtime and data loss from the period a run stands for (until) to the horizon', () => {
    // 36 VM-hours down and 0.5 volumes lost in a half-year period: 3 years is 6 such periods.
    const measured = { platform: 'baremetal' as const, runs: 4, periodSeconds: YEAR_SECONDS / 2, simulatedSeconds: YEAR_SECONDS / 2, downtimeSecondsMean: 36 * 3600, volumesLostMean: 0.5, dataLossRunShare: 0.5 };
    const risk = riskCost(measured, { years: 3, downtimeCostPerHourUsd: 100, dataLossCostPerVolumeUsd: 10_000 });
    expect(risk).toEqual({ scale: 6, expectedDowntimeVmHours: 216, expectedVolumesLost: 3, downtimeUsd: 21_600, dataLossUsd: 30_000 });
  });

  it('scales by the period, not by the simulated time, which ends at the last event and differs per platform', () => {
    const prices = { years: 1, downtimeCostPerHourUsd: 500, dataLossCostPerVolumeUsd: 0 };
    const base = { runs: 1, periodSeconds: 86_400, downtimeSecondsMean: 3600, volumesLostMean: 0, dataLossRunShare: 0 };
    const early = riskCost({ ...base, platform: 'baremetal', simulatedSeconds: 3.7 * 3600 }, prices);
    const late = riskCost({ ...base, platform: 'vsphere', simulatedSeconds: 3.6 * 3600 }, prices);
    expect(early.scale).toBe(365);
    expect(late.scale).toBe(early.scale);
  });

  it('gives every cost input of every platform a source', () => {
    for (const [name, costs] of Object.entries(PLATFORM_COSTS)) {
      expect(Object.keys(costs.sources).sort(), name).toEqual(Object.keys(costs.defaults).sort());
      for (const [key, text] of Object.entries(costs.sources)) expect(text.trim(), `${name} ${key}`).not.toBe('');
    }
  });
});
