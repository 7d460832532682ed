// The direct cost of running a cluster on one platform for a number of years: licence, staff,
// vendor support and one-off training, from the platform's cost parameters
// (sim/platforms/costs.ts, overridable per scenario). Hardware is not priced: the same servers run
// every platform. Pure arithmetic on the host list, so the CLI and the tests price alike.
import type { CostParameters, LicenceModel } from '../platforms/cost-parameters.ts';
import type { HostSpec } from '../model/specs.ts';
import type { PlatformName } from '../platforms/parameters.ts';

export interface DirectCost {
  platform: PlatformName;
  licenceUsd: number;
  staffUsd: number;
  supportUsd: number;
  trainingUsd: number;
  totalUsd: number;
  licenceModel: LicenceModel;
  /** Cores the per-core subscription bills (minimums applied); 0 for the other models. */
  licensedCores: number;
}

/** Cores billed by a per-core subscription: each CPU at least the per-CPU minimum, the order at least its minimum. */
export function licensedCores(hosts: readonly Pick<HostSpec, 'cores'>[], cost: CostParameters): number {
  let total = 0;
  for (const host of hosts) total += Math.max(host.cores, cost.licenceMinCoresPerCpu * cost.cpusPerHost);
  return hosts.length === 0 ? 0 : Math.max(total, cost.licenceMinCoresPerOrder);
}

export function licencePerYearUsd(hosts: readonly Pick<HostSpec, 'cores'>[], cost: CostParameters): number {
  switch (cost.licenceModel) {
    case 'none': return 0;
    case 'perHost': return hosts.length * cost.licencePerHostPerYearUsd;
    case 'perCore': return licensedCores(hosts, cost) * cost.licencePerCorePerYearUsd;
  }
}

export function directCost(platform: PlatformName, hosts: readonly Pick<HostSpec, 'cores'>[], cost: CostParameters, years: number): DirectCost {
  const licenceUsd = licencePerYearUsd(hosts, cost) * years;
  const staffUsd = cost.staffFte * cost.staffLoadedSalaryUsd * years;
  const supportUsd = hosts.length * cost.supportPerHostPerYearUsd * years;
  const trainingUsd = cost.trainingUsd;
  return {
    platform,
    licenceUsd,
    staffUsd,
    supportUsd,
    trainingUsd,
    totalUsd: licenceUsd + staffUsd + supportUsd + trainingUsd,
    licenceModel: cost.licenceModel,
    licensedCores: cost.licenceModel === 'perCore' ? licensedCores(hosts, cost) : 0,
  };
}
