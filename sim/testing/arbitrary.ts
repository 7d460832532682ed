// `arbitraryScenario(options)`: a fast-check arbitrary of valid scenarios, as the plain data a
// scenario file holds (what YAML or JSON parses to), so a failing case shrinks field by field and
// can be written out as a file `hcisim run` reproduces. Sizes are bounded (a few hosts and VMs, a
// few schedule entries) so that each case runs in milliseconds with every checker after every
// event; every platform with each storage kind it can run; a random schedule of maintenance and
// faults, repaired or not; optionally random failures drawn from the seed.
import fc from 'fast-check';
import { PLATFORMS, type PlatformName, type StorageKind } from '../platforms/parameters.ts';
import { STORAGE_BY_PLATFORM } from '../scenario/checks.ts';
import type { ScenarioInput } from './scenario-input.ts';

export interface ArbitraryScenarioOptions {
  /** Platforms to draw from (default: all four). */
  platforms?: readonly PlatformName[];
  /** Storage kinds to draw from, where the platform runs them (default: all). */
  storageKinds?: readonly StorageKind[];
  /** At most this many hosts (default 6, at least 3). */
  maxHosts?: number;
  /** At most this many VMs (default 12). */
  maxVms?: number;
  /** At most this many schedule entries (default 4). */
  maxScheduleEntries?: number;
  /** Every failed host and disk is repaired (default false: some never are). */
  alwaysRepair?: boolean;
  /** Also draw random failures (`failures:`) from high annual rates (default false). */
  randomFailures?: boolean;
}

/** Upper bounds the options may not raise: the arbitrary is for many small runs, not scale tests. */
const HOSTS_MAX = 12;
const VMS_MAX = 60;
const ENTRIES_MAX = 12;

export function arbitraryScenario(options: ArbitraryScenarioOptions = {}): fc.Arbitrary<ScenarioInput> {
  const maxHosts = clamp(options.maxHosts ?? 6, 3, HOSTS_MAX);
  const maxVms = clamp(options.maxVms ?? 12, 1, VMS_MAX);
  const maxEntries = clamp(options.maxScheduleEntries ?? 4, 0, ENTRIES_MAX);
  const combos = (options.platforms ?? PLATFORMS).flatMap((platform) =>
    STORAGE_BY_PLATFORM[platform].filter((kind) => options.storageKinds === undefined || options.storageKinds.includes(kind)).map((kind) => ({ platform, kind })),
  );
  if (combos.length === 0) throw new Error('arbitraryScenario: no platform runs any of the storage kinds asked for');
  // One flat record, no chain: entries name hosts and disks by index (wrapped to the cluster drawn),
  // so fast-check shrinks every field on its own and a failure shrinks to the smallest cluster.
  return fc
    .record({
      combo: fc.constantFrom(...combos),
      replicas: fc.integer({ min: 2, max: 3 }),
      hosts: fc.integer({ min: 3, max: maxHosts }),
      // Two racks for three copies too: the kinds must cope with fewer fault domains than copies.
      racks: fc.constantFrom(0, 3, 2, 4),
      cores: fc.constantFrom(32, 16),
      memoryGiB: fc.constantFrom(256, 128, 64),
      nicGbps: fc.constantFrom(25, 10, 1),
      diskCount: fc.integer({ min: 1, max: 3 }),
      sizeTiB: fc.constantFrom(2, 1, 0.5),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      vms: vmGroups(maxVms),
      schedule: fc.array(scheduleEntry(options.alwaysRepair ?? false), { maxLength: maxEntries }),
      failures: options.randomFailures ? fc.option(failures(), { nil: undefined }) : fc.constant(undefined),
    })
    .map((c) => {
      const racks = c.racks > c.hosts ? 0 : c.racks;
      const disks = { count: c.diskCount, sizeTiB: c.sizeTiB };
      const hostGroups = racks === 0
        ? [{ group: 'h', count: c.hosts, cores: c.cores, memoryGiB: c.memoryGiB, nicGbps: c.nicGbps, disks }]
        : Array.from({ length: racks }, (_, r) => ({
            group: `r${r + 1}h`, count: Math.floor(c.hosts / racks) + (r < c.hosts % racks ? 1 : 0), rack: `rack${r + 1}`,
            cores: c.cores, memoryGiB: c.memoryGiB, nicGbps: c.nicGbps, disks: { ...disks },
          }));
      const hostNames = hostGroups.flatMap((g) => Array.from({ length: g.count }, (_, i) => `${g.group}-${String(i + 1).padStart(2, '0')}`));
      const { platform, kind } = c.combo;
      const replicas = kind === 'local' || kind === 'none' ? 1 : kind === 'vsan' ? 2 : c.replicas;
      const vms = c.vms.map((g) => (g.antiAffinity === undefined ? g : { ...g, count: Math.min(g.count, hostNames.length) }));
      const schedule = c.schedule.map((e) => {
        if (e.do === 'failHost') return { ...e, host: hostNames[e.host % hostNames.length] };
        if (e.do === 'failDisk') return { ...e, host: hostNames[e.host % hostNames.length], disk: e.disk % c.diskCount };
        if (e.do === 'rollingMaintenance') return { ...e, hosts: e.hosts === -1 ? '*' : hostNames[e.hosts % hostNames.length] };
        return e;
      });
      const scenario: ScenarioInput = { name: `property ${platform} ${kind}`, platform, seed: c.seed, until: '10d', hosts: hostGroups, storage: { kind, replicas }, vms, schedule };
      if (c.failures !== undefined) scenario.failures = c.failures;
      return scenario;
    });
}

/** A group of VMs `v`, and maybe a group `aa` that must spread (anti-affinity; cut to the host count). */
function vmGroups(maxVms: number) {
  const group = (name: string, min: number, max: number) =>
    fc.record({
      count: fc.integer({ min, max }),
      vcpus: fc.integer({ min: 1, max: 8 }),
      memoryGiB: fc.constantFrom(2, 4, 8, 16),
      workingSetGiB: fc.constantFrom(0.5, 1, 2),
      dirtyRateMiBps: fc.constantFrom(0, 20, 200),
      diskGiB: fc.constantFrom(10, 50, 200),
      diskWriteMiBps: fc.constantFrom(0, 1, 10),
    }).map((g) => ({ group: name, ...g }));
  const spread = fc.option(group('aa', 1, Math.min(HOSTS_MAX, maxVms)).map((g) => ({ ...g, antiAffinity: 'spread' as string | undefined })), { nil: undefined });
  return fc.tuple(group('v', 1, maxVms), spread).map(([v, aa]) => {
    const left = maxVms - v.count;
    const groups: (typeof v & { antiAffinity?: string })[] = [v];
    if (aa !== undefined && left > 0) groups.push({ ...aa, count: Math.min(aa.count, left) });
    return groups;
  });
}

const minutes = (min: number, max: number) => fc.integer({ min, max }).map((m) => `${m}m`);
/** A host by index into the cluster drawn (wrapped), so an entry never names a host that is not there. */
const hostIndex = fc.integer({ min: 0, max: HOSTS_MAX - 1 });

function scheduleEntry(alwaysRepair: boolean) {
  const repair = alwaysRepair ? minutes(5, 600) : fc.option(minutes(5, 600), { nil: undefined, freq: 4 });
  return fc.oneof(
    fc.record({
      do: fc.constant('rollingMaintenance' as const), at: minutes(0, 600),
      hosts: fc.oneof(fc.constant(-1), hostIndex), concurrency: fc.integer({ min: 1, max: 2 }), workDuration: minutes(5, 120),
      mode: fc.constantFrom('manual' as const, 'upgrade' as const),
      dataMigration: fc.constantFrom('ensureAccessibility' as const, 'fullDataMigration' as const, 'noDataMigration' as const),
    }),
    fc.record({ do: fc.constant('failHost' as const), at: minutes(0, 600), host: hostIndex, disks: fc.constantFrom('kept' as const, 'lost' as const), repairAfter: repair })
      .map(dropUndefined),
    fc.record({ do: fc.constant('failDisk' as const), at: minutes(0, 600), host: hostIndex, disk: fc.integer({ min: 0, max: 2 }), replaceAfter: repair })
      .map(dropUndefined),
    fc.record({ do: fc.constant('managementOutage' as const), at: minutes(0, 600), duration: minutes(1, 240) }),
    fc.record({ do: fc.constant('setLoad' as const), at: minutes(0, 600), vms: fc.constant('*'), cpuUtilization: fc.constantFrom(0.1, 0.5, 0.9) }),
  );
}

function failures() {
  return fc.record({
    diskAfrPercent: fc.constantFrom(0, 100, 1000),
    hostAfrPercent: fc.constantFrom(0, 100, 1000),
    diskReplace: minutes(30, 1440),
    hostRepair: minutes(30, 1440),
  });
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.floor(n)));
}
