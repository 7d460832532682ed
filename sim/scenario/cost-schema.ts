// The scenario's overrides of the platforms' cost inputs (sim/platforms/costs.ts), per platform:
// `cost: { vsphere: { licenceModel: perCore } }`. Each platform is priced with its own profile's
// defaults under what the file says for it, so one file can state its pricing assumptions for every
// platform that `hcisim cost` compares. The check at the bottom keeps the schema in step with
// CostParameters.
import { z } from 'zod';
import { COST_BOUNDS, LICENCE_MODELS, type CostParameters } from '../platforms/cost-parameters.ts';
import { PLATFORMS, type PlatformName } from '../platforms/parameters.ts';
import { PLATFORM_COSTS } from '../platforms/costs.ts';

function usd(description: string, max: number) {
  return z.number().nonnegative({ error: 'cannot be negative' }).max(max, { error: `must be at most ${max}` }).describe(`${description} US dollars.`);
}

function count(description: string, max: number) {
  return z.int().min(0, { error: 'cannot be negative' }).max(max, { error: `must be at most ${max}` }).describe(description);
}

const B = COST_BOUNDS;
const platformCost = z
  .strictObject({
    licenceModel: z.enum(LICENCE_MODELS).describe('none | perHost | perCore (Broadcom VVF/VCF: every core, minimums per CPU and per order).'),
    licencePerHostPerYearUsd: usd('Licence per host per year (licenceModel perHost).', B.perHostPerYearUsd),
    licencePerCorePerYearUsd: usd('Subscription per core per year (licenceModel perCore).', B.perCorePerYearUsd),
    licenceMinCoresPerCpu: count('Cores billed at least per CPU (Broadcom: 16).', B.cores),
    licenceMinCoresPerOrder: count('Cores billed at least per order (Broadcom: 72).', B.cores),
    cpusPerHost: count('CPU sockets per host, for the per-CPU minimum.', B.cpusPerHost),
    staffFte: z.number().nonnegative({ error: 'cannot be negative' }).max(B.staffFte, { error: `must be at most ${B.staffFte}` }).describe('Platform team size, full-time equivalents.'),
    staffLoadedSalaryUsd: usd('Loaded cost of one FTE per year.', B.salaryUsd),
    supportPerHostPerYearUsd: usd('Vendor support per host per year.', B.perHostPerYearUsd),
    trainingUsd: usd('One-off training, paid once per pricing horizon.', B.trainingUsd),
  })
  .partial();

export const costOverrides = z
  .strictObject(Object.fromEntries(PLATFORMS.map((p) => [p, platformCost.optional().describe(`Cost inputs of ${p}; defaults in docs/parameters.md.`)])) as Record<PlatformName, z.ZodOptional<typeof platformCost>>)
  .partial()
  .describe('Cost inputs per platform for `hcisim cost` (licence, staff, support, training); not simulated.');

export type CostOverrides = z.output<typeof costOverrides>;

/** Every platform's cost inputs: its profile's defaults under the file's overrides for it. */
export function mergeCosts(overrides: CostOverrides | undefined): Record<PlatformName, CostParameters> {
  const out = {} as Record<PlatformName, CostParameters>;
  for (const p of PLATFORMS) out[p] = { ...PLATFORM_COSTS[p].defaults, ...stripUndefined(overrides?.[p] ?? {}) };
  return out;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// Compile-time: the schema has exactly the fields of CostParameters.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameFields: Same<keyof z.output<typeof platformCost>, keyof CostParameters> = true;
void sameFields;
