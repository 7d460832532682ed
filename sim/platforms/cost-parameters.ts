// The cost inputs of a platform (licence, staff, vendor support, training): their types and the
// bounds the scenario schema puts on them. The defaults and their sources are in costs.ts.
/**
 * How the licence is counted: not at all, per host, or per physical core (Broadcom's VCF/VVF
 * subscription: every core, at least `licenceMinCoresPerCpu` per CPU and `licenceMinCoresPerOrder`
 * per order).
 */
export type LicenceModel = 'none' | 'perHost' | 'perCore';
export const LICENCE_MODELS: readonly LicenceModel[] = ['none', 'perHost', 'perCore'];

export interface CostParameters {
  licenceModel: LicenceModel;
  licencePerHostPerYearUsd: number;
  licencePerCorePerYearUsd: number;
  licenceMinCoresPerCpu: number;
  licenceMinCoresPerOrder: number;
  /** CPU sockets per host, for the per-CPU core minimum (the host spec counts cores only). */
  cpusPerHost: number;
  /** Platform team size in full-time equivalents, for the whole cluster. */
  staffFte: number;
  /** Loaded cost of one FTE per year (salary, benefits, overhead). */
  staffLoadedSalaryUsd: number;
  supportPerHostPerYearUsd: number;
  /** One-off training of the team, paid once per pricing horizon. */
  trainingUsd: number;
}

export interface PlatformCosts {
  defaults: CostParameters;
  /** Source of each default, by name (`licencePerHostPerYearUsd`). */
  sources: Record<keyof CostParameters, string>;
}

/** Upper bounds a real cluster's pricing cannot exceed, for the scenario schema. */
export const COST_BOUNDS = {
  perHostPerYearUsd: 10_000_000,
  perCorePerYearUsd: 100_000,
  cores: 100_000,
  cpusPerHost: 16,
  staffFte: 10_000,
  salaryUsd: 10_000_000,
  trainingUsd: 1_000_000_000,
} as const;
