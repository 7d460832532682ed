// The expected cost of what goes wrong, measured rather than assumed: a sweep of the scenario on
// each platform gives the mean VM downtime and the mean number of volumes lost per run; scaled
// from the run's simulated time to the pricing horizon and priced per VM-hour of downtime and per
// volume lost, it is added to the direct cost so platforms compare on risk-adjusted cost.
import type { PlatformName } from '../platforms/parameters.ts';

/** 365 days: the year the horizon is counted in (the scenario format's `365d`). */
export const YEAR_SECONDS = 365 * 86_400;

/** What a sweep measured on one platform: means over its runs. */
export interface MeasuredRisk {
  platform: PlatformName;
  runs: number;
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
  /** Runs' simulated time scaled to the horizon: horizon / simulated time. */
  scale: number;
}

export function riskCost(measured: MeasuredRisk, prices: RiskPrices): RiskCost {
  if (!(measured.simulatedSeconds > 0)) throw new Error(`the ${measured.platform} runs simulated no time: nothing to scale to ${prices.years} years`);
  const scale = (prices.years * YEAR_SECONDS) / measured.simulatedSeconds;
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
