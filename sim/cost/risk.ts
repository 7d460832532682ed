// The expected cost of what goes wrong, measured rather than assumed: a sweep of the scenario on
// each platform gives the mean VM downtime and the mean number of volumes lost per run; scaled
// from the period a run represents (the scenario's `until`, the same on every platform) to the
// pricing horizon, as if that period and its schedule repeated, and priced per VM-hour of downtime
// and per volume lost, it is added to the direct cost so platforms compare on risk-adjusted cost.
// Not the run's simulated time: a run without `until` ends at its last event, a different time on
// each platform, which scaled a one-off rollout by a different factor per platform.
import type { PlatformName } from '../platforms/parameters.ts';

/** 365 days: the year the horizon is counted in (the scenario format's `365d`). */
export const YEAR_SECONDS = 365 * 86_400;

/** What a sweep measured on one platform: means over its runs. */
export interface MeasuredRisk {
  platform: PlatformName;
  runs: number;
  /** The period each run represents: the scenario's `until`. */
  periodSeconds: number;
  /** Mean simulated time of the runs (at most the period; for the record, not for scaling). */
  simulatedSeconds: number;
  downtimeSecondsMean: number;
  volumesLostMean: number;
  /** Share of runs that lost at least one volume. */
  dataLossRunShare: number;
}

export interface RiskPrices {
  years: number;
  /** USD per VM-hour of downtime. */
  downtimeCostPerHourUsd: number;
  /** USD per volume lost. */
  dataLossCostPerVolumeUsd: number;
}

export interface RiskCost {
  /** Expected VM-hours of downtime over the horizon. */
  expectedDowntimeVmHours: number;
  expectedVolumesLost: number;
  downtimeUsd: number;
  dataLossUsd: number;
  /** The period scaled to the horizon: horizon / period. */
  scale: number;
}

export function riskCost(measured: MeasuredRisk, prices: RiskPrices): RiskCost {
  if (!(measured.periodSeconds > 0)) throw new Error(`the ${measured.platform} runs represent no period: nothing to scale to ${prices.years} years`);
  const scale = (prices.years * YEAR_SECONDS) / measured.periodSeconds;
  const expectedDowntimeVmHours = (measured.downtimeSecondsMean / 3600) * scale;
  const expectedVolumesLost = measured.volumesLostMean * scale;
  return {
    expectedDowntimeVmHours,
    expectedVolumesLost,
    downtimeUsd: expectedDowntimeVmHours * prices.downtimeCostPerHourUsd,
    dataLossUsd: expectedVolumesLost * prices.dataLossCostPerVolumeUsd,
    scale,
  };
}
