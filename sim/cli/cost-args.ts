// The flags and result rows of `hcisim cost`, and the parsers of its flag values: --years, --platforms, the prices and the sweep's --runs and
// --workers. Kept apart from cost-command.ts so that parsing them loads neither the loader nor the
// models; a bad value is reported by commander as one line (exit 2).
import { InvalidArgumentError } from 'commander';
import { PLATFORMS, type PlatformName } from '../platforms/parameters.ts';
import type { DirectCost } from '../cost/price.ts';
import type { MeasuredRisk, RiskCost } from '../cost/risk.ts';

export interface CostFlags {
  years: number;
  platforms: PlatformName[];
  json?: boolean;
  /** USD per VM-hour of downtime; set = run the risk sweep. */
  downtimeCostPerHourUsd?: number;
  /** USD per volume lost (used with the risk sweep). */
  dataLossCostUsd?: number;
  /** The risk sweep's flags: each is refused without --downtime-cost-per-hour (it would change nothing). */
  runs?: number;
  seed?: number;
  workers?: number;
}

export interface CostRow extends DirectCost {
  risk?: MeasuredRisk & RiskCost;
  riskAdjustedTotalUsd?: number;
}

export const YEARS_MAX = 30;
/** A bound on what one VM-hour or one lost volume can be priced at. */
export const PRICE_MAX_USD = 1e9;

export function parseYears(value: string): number {
  const n = /^[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1 && n <= YEARS_MAX)) throw new InvalidArgumentError(`expected a whole number of years from 1 to ${YEARS_MAX}.`);
  return n;
}

export function parseUsd(value: string): number {
  const n = /^[0-9]+(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n <= PRICE_MAX_USD)) throw new InvalidArgumentError(`expected US dollars, from 0 to ${PRICE_MAX_USD}.`);
  return n;
}

export function parseCostPlatforms(value: string): PlatformName[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) {
    if (!(PLATFORMS as readonly string[]).includes(n)) throw new InvalidArgumentError(`unknown platform '${n}' (one of ${PLATFORMS.join(', ')}).`);
  }
  if (names.length === 0) throw new InvalidArgumentError('name at least one platform.');
  return [...new Set(names)] as PlatformName[];
}

/** --runs and --workers of the risk sweep. */
export function parseCount(max: number): (value: string) => number {
  return (value) => {
    const n = /^[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
    if (!(n >= 1 && n <= max)) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}.`);
    return n;
  };
}
