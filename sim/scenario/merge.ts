// The effective parameters of a run: the platform profile's defaults with the file's `storage`,
// `overhead` and `policies.*` values laid on top leaf by leaf, so a file that sets one value keeps
// every other default of its platform. The result is a fresh tree: the profile is never mutated,
// so two scenarios loaded in one process cannot leak values into each other.
import type { Parameters } from '../platforms/parameters.ts';
import { validDurationMs } from './duration.ts';
import type { ParameterOverrides } from './parameter-schema.ts';

export function mergeParameters(defaults: Parameters, overrides: ParameterOverrides): Parameters {
  const over: Record<string, unknown> = {
    storage: overrides.storage,
    overhead: overrides.overhead,
    policies: overrides.policies && withRepairDelaySeconds(overrides.policies),
  };
  const merged = mergeTree(defaults, over) as Parameters;
  // KubeVirt's MigrationConfiguration: allowWorkloadDisruption, when unset, follows allowPostCopy.
  const m = overrides.policies?.migration;
  if (merged.policies.migration.workloadDisruptionFollowsPostCopy && m?.allowPostCopy !== undefined && m.allowWorkloadDisruption === undefined) {
    merged.policies.migration.allowWorkloadDisruption = m.allowPostCopy;
  }
  // Where the profile burns what it reserves (every platform but Harvester, whose Longhorn
  // reservation is mostly idle), a file that sets only the tax changes both: otherwise a tax study
  // would move the usable cores and leave contention at the profile's figure.
  const o = overrides.overhead;
  if (defaults.overhead.cpuConsumedPercent === defaults.overhead.cpuTaxPercent && o?.cpuTaxPercent !== undefined && o.cpuConsumedPercent === undefined) {
    merged.overhead.cpuConsumedPercent = o.cpuTaxPercent;
  }
  return merged;
}

/** The file writes `repairDelay` as a duration; Parameters keeps it in seconds. */
function withRepairDelaySeconds(policies: NonNullable<ParameterOverrides['policies']>): Record<string, unknown> {
  const repairDelay = policies.storage?.repairDelay;
  if (repairDelay === undefined) return policies;
  return { ...policies, storage: { ...policies.storage, repairDelay: validDurationMs(repairDelay) / 1000 } };
}

/**
 * A copy of `base` where every leaf `over` defines (null included: `perVmMemoryMiB: null` means
 * "use the model") replaces the base leaf. Keys come from `base` in its own order; the schema has
 * already rejected keys that `base` lacks.
 */
function mergeTree(base: unknown, over: unknown): unknown {
  if (isRecord(base)) {
    const source = isRecord(over) ? over : {};
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(base)) out[key] = mergeTree(base[key], source[key]);
    return out;
  }
  return over === undefined ? base : over;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
