// Checks of the balancing settings (policies.placement) against what the run's balancer reads
// (sim/ops/balancing.ts, balance-model.ts): no setting may be accepted and then ignored. DRS reads
// the threshold slider; the descheduler-like low/high policy (lowNodeUtilization) reads the two
// utilisation thresholds; both read the interval, the move limit and the cost-benefit horizon.
// Only settings the file (or a --set) writes are judged: a profile's defaults for the other
// balancer are kept for overrides and are not the user's doing, and the profile's own value
// written back (a file that copies the defaults) is warned about rather than refused.
import { profileFor } from '../platforms/index.ts';
import type { BalancerKind, Parameters, PlacementParameters } from '../platforms/parameters.ts';
import type { Finding } from './problem.ts';
import type { ScenarioFile } from './schema.ts';

type PlacementKey = keyof PlacementParameters;

/** Settings only one balancer reads. */
const READ_ONLY_BY: Readonly<Record<BalancerKind, readonly PlacementKey[]>> = {
  drs: ['threshold'],
  lowNodeUtilization: ['lowUtilizationPercent', 'highUtilizationPercent'],
};

/** Settings every balancer reads, and only a balancer. */
const BALANCING_KEYS: readonly PlacementKey[] = ['threshold', 'intervalSeconds', 'balancer', 'maxMovesPerHostPerPass', 'benefitSeconds', 'lowUtilizationPercent', 'highUtilizationPercent'];

const BALANCER_LABEL: Readonly<Record<BalancerKind, string>> = {
  drs: 'DRS (balancer: drs)',
  lowNodeUtilization: 'the low/high utilisation policy (balancer: lowNodeUtilization)',
};

export interface PlacementCheck {
  errors: Finding[];
  warnings: Finding[];
}

/**
 * `asAnotherPlatform`: the file is loaded as a platform it was not written for (compare, size, cost),
 * so a balancer setting the platform does not read is a warning there, not the file's mistake.
 */
export function checkPlacement(file: ScenarioFile, p: Parameters, options: { asAnotherPlatform?: boolean } = {}): PlacementCheck {
  const written = file.policies?.placement ?? {};
  const has = (key: PlacementKey) => written[key] !== undefined;
  const path = (key: PlacementKey) => ['policies', 'placement', key];
  const placement = p.policies.placement;
  const balancer = placement.balancer;
  const errors: Finding[] = [];
  const warnings: Finding[] = [];

  const other: BalancerKind = balancer === 'drs' ? 'lowNodeUtilization' : 'drs';
  const chosen = has('balancer') ? `balancer is ${balancer}` : `${file.platform} balances with ${balancer}`;
  const defaults = profileFor(file.platform).defaults.policies.placement;
  for (const key of READ_ONLY_BY[other]) {
    if (!has(key)) continue;
    const message = `${key} is read only by ${BALANCER_LABEL[other]}, but ${chosen}, which reads ${READ_ONLY_BY[balancer].join(' and ')} instead`;
    // The profile's own value written back (a copy of the defaults) changes nothing: said, not refused.
    if (written[key] === defaults[key]) warnings.push({ path: path(key), message: `${message} (${written[key]} is ${file.platform}'s default, kept for overrides)` });
    else (options.asAnotherPlatform ? warnings : errors).push({ path: path(key), message: options.asAnotherPlatform ? `${message}: not read here` : message });
  }

  if (balancer === 'lowNodeUtilization' && (has('lowUtilizationPercent') || has('highUtilizationPercent')) && placement.lowUtilizationPercent > placement.highUtilizationPercent) {
    // The descheduler refuses thresholds above targetThresholds the same way.
    errors.push({
      path: path(has('lowUtilizationPercent') ? 'lowUtilizationPercent' : 'highUtilizationPercent'),
      message: `lowUtilizationPercent (${placement.lowUtilizationPercent}) is above highUtilizationPercent (${placement.highUtilizationPercent}): hosts below the low threshold receive VMs from hosts above the high one, so low must be at most high`,
    });
  }

  const inert = inertBecause(file, p);
  if (placement.enabled && inert !== undefined && (has('enabled') || BALANCING_KEYS.some(has))) {
    const at = has('enabled') ? path('enabled') : path(BALANCING_KEYS.find(has)!);
    // Bare metal cannot move a workload at all: a balancer there is a mistake, not a variant.
    (file.platform === 'baremetal' && !options.asAnotherPlatform ? errors : warnings).push({ path: at, message: `balancing is on but nothing can balance: ${inert}` });
  }

  if (!placement.enabled) {
    const unread = BALANCING_KEYS.filter((k) => has(k) && ![...errors, ...warnings].some((e) => e.path[2] === k));
    if (unread.length > 0) {
      warnings.push({
        path: path(unread[0]),
        message: `balancing is off (policies.placement.enabled is false${has('enabled') ? '' : ` on ${file.platform}`}): ${unread.join(', ')} ${unread.length === 1 ? 'is' : 'are'} not read`,
      });
    }
  }
  return { errors, warnings };
}

/** Why no VM can be moved for balance on this cluster, or undefined when balancing can run. */
function inertBecause(file: ScenarioFile, p: Parameters): string | undefined {
  if (file.platform === 'baremetal') return 'bare metal has no live migration to balance with (a workload moves only by reinstalling it)';
  if (!p.policies.migration.live) return 'live migration is off (policies.migration.live false), and a balancer moves VMs only by live migration';
  if (p.storage.kind === 'local') return 'with local storage a VM\'s disk lives on its host, so the balancer moves no VM (storage.kind local)';
  return undefined;
}
