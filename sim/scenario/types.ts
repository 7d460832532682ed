// A scenario after loading: groups expanded into named hosts and VMs, durations in milliseconds,
// platform defaults merged under what the file says. This is what the engine consumes; the file
// format itself is in ../shared/spec/scenario-format.md and sim/scenario/schema.ts.
import type { Parameters, PlatformName } from '../platforms/parameters.ts';
import type { CostParameters } from '../platforms/cost-parameters.ts';
import type { ClusterSpec } from '../model/specs.ts';

// The host and VM specs belong to the model layer, which must not import scenarios; re-exported so
// that the scenario's importers find them here as before.
export type { ClusterSpec, HostSpec, VmSpec } from '../model/specs.ts';

export type AnchorEvent = 'host.maintenance.enter' | 'host.maintenance.start' | 'host.maintenance.end' | 'host.fail' | 'host.repair' | 'disk.fail' | 'maintenance.start' | 'maintenance.end';

/** Manual maintenance mode, or the platform's own upgrade orchestration. */
export type MaintenanceMode = 'manual' | 'upgrade';

export type DataMigrationMode = 'ensureAccessibility' | 'fullDataMigration' | 'noDataMigration';

interface At {
  /** From the start of the run; for an anchored entry, from its anchor event. */
  atMs: number;
  /** The entry follows the first such event of the run (of that host, if given) by atMs. */
  after?: { event: AnchorEvent; host?: string };
  /** Index of the entry in the file's schedule, for messages and events. */
  index: number;
}

export type ScheduleEntry =
  | (At & {
      do: 'rollingMaintenance';
      /** The glob as written, and the host ids it matched, in name order. */
      pattern: string;
      hosts: string[];
      concurrency: number;
      workDurationMs: number;
      dataMigration: DataMigrationMode;
      mode: MaintenanceMode;
    })
  | (At & { do: 'failDisk'; host: string; disk: number; replaceAfterMs?: number })
  | (At & { do: 'failHost'; host: string; repairAfterMs?: number; disks: 'kept' | 'lost' })
  | (At & { do: 'managementOutage'; durationMs: number })
  | (At & { do: 'setLoad'; pattern: string; vms: string[]; cpuUtilization: number });

export interface FailureRates {
  diskAfrPercent: number;
  hostAfrPercent: number;
  diskReplaceMs: number;
  hostRepairMs: number;
}

export interface Scenario extends ClusterSpec {
  name: string;
  description?: string;
  platform: PlatformName;
  seed: number;
  /** Stop time; undefined = when no event is left (bounded by UNTIL_MAX_MS). */
  untilMs?: number;
  /** Effective parameters: the platform profile's defaults with the file's overrides on top. */
  parameters: Parameters;
  schedule: ScheduleEntry[];
  failures?: FailureRates;
  /** Cost inputs of every platform (profile defaults under the file's `cost`), for `hcisim cost`. */
  cost: Record<PlatformName, CostParameters>;
  /** The file's name, for messages and the summary. */
  source?: string;
}

/** 400 days: the longest run a scenario may ask for. */
export const UNTIL_MAX_MS = 400 * 86_400_000;
