// The scenario file format (../shared/spec/scenario-format.md), defined once with zod: the loader
// validates files against it, and `hcisim schema` turns it into scenarios/schema.json so that a
// YAML language server can complete and check scenario files. Field names are fixed by the spec;
// defaults of host and VM groups are the spec example's values, and model parameters are left
// optional because the platform profile supplies them (sim/scenario/merge.ts merges them).
import { z } from 'zod';
import { DISK_CLASSES, PLATFORMS } from '../platforms/parameters.ts';
import { UNTIL_MAX_MS } from './types.ts';
import { between, duration, integer, kindOf, nonNegative, positive } from './fields.ts';
import { GROUPS_MAX, SCHEDULE_ENTRIES_MAX } from './limits.ts';
import { DURATION_HINT } from './duration.ts';
import { overheadOverrides, policiesOverrides, storageOverrides } from './parameter-schema.ts';
import { costOverrides } from './cost-schema.ts';

export const ACTIONS = ['rollingMaintenance', 'failDisk', 'failHost', 'managementOutage', 'setLoad'] as const;
export type Action = (typeof ACTIONS)[number];

/** Named bounds on what one file can ask for (STYLE: every loop a scenario drives has a bound). */
export const HOSTS_PER_GROUP_MAX = 10_000;
export const VMS_PER_GROUP_MAX = 1_000_000;
// Ceilings of one host or VM (the totals are in budget.ts). Each is above the largest machine
// sold: HPE Superdome Flex 280 holds 24 TiB, vSphere 8 VMs up to 24 TiB, NICs reach 800 Gb/s
// (two ports 1,600), drives ~245 TB; clocks stay below 6 GHz.
const MEMORY_GIB_MAX = 65_536;
const NIC_GBPS_MAX = 1_600;
const DISK_TIB_MAX = 1_024;
const MIBPS_MAX = 1_048_576;

/** Points of a daily load curve (one every 15 minutes). */
export const LOAD_CURVE_POINTS_MAX = 96;
export const RULES_MAX = 10_000;

/** Member names are host names: a DNS label holds at most 63 characters (RFC 1035 §2.3.4). */
const NAME_CHARS_MAX = 63;
/** Labels and patterns: the longest DNS name (RFC 1035), ample for any rack or glob. */
const LABEL_CHARS_MAX = 253;
const label = () => z.string().min(1).max(LABEL_CHARS_MAX, { error: `at most ${LABEL_CHARS_MAX} characters` });
const GROUP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function groupName(what: string, fallback: string) {
  return z
    .string()
    .max(NAME_CHARS_MAX, { error: `at most ${NAME_CHARS_MAX} characters (a DNS label)` })
    .regex(GROUP_NAME_PATTERN, {
      error: 'a group name starts with a letter or digit and has only letters, digits, ".", "_" and "-"',
    })
    .describe(`Group name; its ${what} are named <group>-NN... (default "${fallback}").`)
    .default(fallback);
}

const hostGroup = z
  .strictObject({
    group: groupName('hosts', 'host'),
    count: integer('Hosts in the group.', 0, HOSTS_PER_GROUP_MAX).default(1),
    cores: integer('Physical cores per host.', 1, 4096).default(32),
    coreGHz: between('Core clock in GHz, 0.1..10.', 0.1, 10).default(2.6),
    memoryGiB: positive('Physical memory per host, GiB (at most 64 TiB).', MEMORY_GIB_MAX).default(512),
    nicGbps: between('NIC speed in Gb/s (decimal), 0.1..1600; carries migration and storage traffic unless storageNicGbps is set.', 0.1, NIC_GBPS_MAX).default(25),
    storageNicGbps: between('Optional separate storage/replication network, Gb/s, 0.1..1600.', 0.1, NIC_GBPS_MAX).optional(),
    disks: z
      .strictObject({
        count: integer('Data disks per host.', 0, 256).default(4),
        sizeTiB: positive('Size of each disk, TiB (at most 1 PiB).', DISK_TIB_MAX).default(3.84),
        class: z.enum(DISK_CLASSES).describe("hdd | ssd | nvme: what Ceph's mClock sizes each OSD's recovery by; default: the platform's storage.diskClass.").optional(),
      })
      .describe('Data disks per host.')
      .default({ count: 4, sizeTiB: 3.84 }),
    rack: label().optional().describe('Optional failure-domain label.'),
    hostsPerRack: integer('Put the group\'s hosts, in name order, into racks of this many, named <group>-r01, <group>-r02, ... (failure domains; instead of rack).', 1, HOSTS_PER_GROUP_MAX).optional(),
  })
  .describe('A group of identical hosts, named <group>-01, <group>-02, ... (3 digits from 100 hosts).');

const vmGroup = z
  .strictObject({
    group: groupName('VMs', 'vm'),
    count: integer('VMs in the group.', 0, VMS_PER_GROUP_MAX).default(1),
    vcpus: integer('Virtual CPUs.', 1, 4096).default(4),
    memoryGiB: positive('Guest memory, GiB (at most 64 TiB).', MEMORY_GIB_MAX).default(16),
    cpuUtilization: between('Share of its vCPUs the VM keeps busy, 0..1.', 0, 1).default(0.4),
    dirtyRateMiBps: nonNegative('Memory pages dirtied per second while running, MiB/s (at most 1 TiB/s, above any memory bus).', MIBPS_MAX).default(40),
    workingSetGiB: nonNegative('Hot memory that is re-dirtied; bounds what each pre-copy round resends, GiB.', MEMORY_GIB_MAX).default(2),
    diskGiB: nonNegative('Its volume: allocated data a rebuild must copy, GiB (at most 1 PiB).', DISK_TIB_MAX * 1024).default(100),
    antiAffinity: label().optional().describe('VMs sharing this label never share a host.'),
    ha: z
      .boolean()
      .optional()
      .describe("Under HA: restarted elsewhere after a host failure. Default: the platform's policies.ha.protectedByDefault (false on Proxmox, where only resources added to HA restart)."),
    diskWriteMiBps: nonNegative('Average write rate to its volume, MiB/s: what a copy that is away misses and must resync (default 1, an assumption).', MIBPS_MAX).default(1),
    memoryReservationGiB: nonNegative('Memory reserved for the VM (vSphere reservation; HA admission control counts it), GiB; default 0.', MEMORY_GIB_MAX)
      .optional(),
    loadCurve: z
      .array(
        z.strictObject({
          at: duration('Time of day the value starts, from 0 to below 24h.', 86_400_000),
          cpuUtilization: between('Share of its vCPUs each VM keeps busy from then on, 0..1.', 0, 1),
        }),
      )
      .min(1, { error: 'a load curve needs at least one point' })
      .max(LOAD_CURVE_POINTS_MAX, { error: `at most ${LOAD_CURVE_POINTS_MAX} points` })
      .optional()
      .describe('Daily CPU load: from each time of day the utilisation the VMs keep until the next point, every day (needs until).'),
  })
  .describe('A group of identical VMs, named <group>-001, <group>-002, ... (4 digits from 1000 VMs).');

const targets = (what: string) =>
  z
    .union([label(), z.array(label()).min(1).max(SCHEDULE_ENTRIES_MAX)], {
      error: (iss) => `expected a ${what} name, a glob or a list of them, got ${kindOf(iss.input)}`,
    })
    .describe(`A ${what} name, a glob (* and ?) such as "esx-*", or a list of them.`);

const hostName = label().describe('One host name, such as esx-03.');
/** Events a schedule entry can be anchored to ("a host fails five minutes into esx-03's maintenance"). */
export const ANCHOR_EVENTS = [
  'host.maintenance.enter', 'host.maintenance.start', 'host.maintenance.end', 'host.fail', 'host.repair', 'disk.fail',
  'maintenance.start', 'maintenance.end',
] as const;

const anchor = z
  .strictObject({
    after: z.enum(ANCHOR_EVENTS).describe('The event the entry follows: its first occurrence (for that host, when `host` is given).'),
    host: label().describe('Only this host\'s event (host.* and disk.fail events).').optional(),
    plus: duration('Delay after the event.').default(0),
  })
  .describe('When the entry happens, relative to an event of the run.');

const at = z
  .union([duration('When the entry happens, from the start of the run.'), anchor], {
    error: (iss) =>
      typeof iss.input === 'object' && iss.input !== null
        ? `expected { after: EVENT, host: HOST, plus: DURATION } with EVENT one of ${ANCHOR_EVENTS.join(', ')}`
        : `expected a duration or { after: EVENT, host: HOST, plus: DURATION }: ${DURATION_HINT}`,
  })
  .describe('When the entry happens: a duration from the start of the run, or { after: EVENT, host: HOST, plus: DURATION }.')
  .default(0);

const rollingMaintenance = z.strictObject({
  do: z.literal('rollingMaintenance').describe('Each host in name order: evacuate, work, return.'),
  at,
  hosts: targets('host').default('*'),
  concurrency: integer('Hosts in maintenance at the same time.', 1, HOSTS_PER_GROUP_MAX).default(1),
  workDuration: duration('Time in maintenance per host, reboot included.').default('20m'),
  dataMigration: z
    .enum(['ensureAccessibility', 'fullDataMigration', 'noDataMigration'])
    .describe('vSAN maintenance-mode data migration.')
    .default('ensureAccessibility'),
  mode: z
    .enum(['manual', 'upgrade'])
    .describe(
      "manual: maintenance mode host by host (firmware, hardware); upgrade: the platform's own upgrade orchestration. Default manual on every platform: " +
        "only Harvester's upgrade behaves otherwise (its upgrade controller raises Longhorn's replica wait for the upgrade); vLCM remediation, " +
        'Nova, Proxmox, AHV (LCM) and OpenShift node updates put hosts in the same maintenance mode as by hand.',
    )
    .default('manual'),
});

const failDisk = z.strictObject({
  do: z.literal('failDisk').describe('One disk of one host fails.'),
  at,
  host: hostName,
  disk: integer('Index of the disk on the host, from 0.', 0, 255).default(0),
  replaceAfter: duration('When the disk is replaced; never if omitted.').optional(),
});

const failHost = z.strictObject({
  do: z.literal('failHost').describe('A host fails with all its disks.'),
  at,
  host: hostName,
  repairAfter: z
    .union([duration('When the host is repaired.', undefined, 'never'), z.literal('never')])
    .describe("When the host is repaired: a duration, or 'never' (the default).")
    .optional(),
  disks: z
    .enum(['kept', 'lost'])
    .describe('kept: its disks come back with it (their copies are absent meanwhile); lost: its disks are destroyed with it (it comes back, if ever, empty).')
    .default('kept'),
});

const managementOutage = z.strictObject({
  do: z.literal('managementOutage').describe('vCenter / Keystone / Harvester API down.'),
  at,
  duration: duration('How long the management plane is down.').default('2h'),
});

const setLoad = z.strictObject({
  do: z.literal('setLoad').describe('Change the CPU utilisation of some VMs.'),
  at,
  vms: targets('VM').default('*'),
  cpuUtilization: between('New share of their vCPUs the VMs keep busy, 0..1.', 0, 1),
});

const scheduleEntry = z.discriminatedUnion(
  'do',
  [rollingMaintenance, failDisk, failHost, managementOutage, setLoad],
  {
    error: (iss) => {
      const action = (iss.input as { do?: unknown } | undefined)?.do;
      const allowed = `allowed actions: ${ACTIONS.join(', ')}`;
      if (typeof iss.input !== 'object' || iss.input === null) return `expected an entry with do:, got ${kindOf(iss.input)}`;
      return action === undefined ? `missing action (do:); ${allowed}` : `unknown action ${kindOf(action)}; ${allowed}`;
    },
  },
);

const ruleName = z.string().min(1, { error: 'a rule needs a name' }).max(LABEL_CHARS_MAX, { error: `at most ${LABEL_CHARS_MAX} characters` }).describe('Rule name, unique in the file.');

const vmAntiAffinityRule = z.strictObject({
  name: ruleName,
  kind: z.literal('vmAntiAffinity').describe('The VMs never share a host (a VM can be in one anti-affinity group).'),
  vms: targets('VM'),
});

const vmHostRule = z.strictObject({
  name: ruleName,
  kind: z.literal('vmHost').describe('The VMs run on these hosts: must (never broken) or should (preferred).'),
  vms: targets('VM'),
  hosts: targets('host'),
  mode: z.enum(['must', 'should']).describe('must: DRS, HA and maintenance never break it; should: preferred, broken when nothing else fits.').default('must'),
});

const rule = z.discriminatedUnion('kind', [vmAntiAffinityRule, vmHostRule], {
  error: (iss) => `expected a rule with kind: vmAntiAffinity or vmHost, got ${kindOf((iss.input as { kind?: unknown } | undefined)?.kind)}`,
});

/**
 * A hundred failures per device-year: real fleets stay below 100 % (Backblaze's worst drive models),
 * accelerated-failure studies (test/storage/mttdl.test.ts runs 2922 %) go above; the work it costs
 * is bounded by the expected-failures budget (budget.ts).
 */
const AFR_PERCENT_MAX = 10_000;

const failures = z
  .strictObject({
    // AFR is a rate (failures per device-year x 100, as Backblaze computes it), so it may exceed 100.
    diskAfrPercent: nonNegative('Annualised failure rate of each disk: failures per disk-year x 100 (a rate; may exceed 100, at most 10,000 for accelerated studies; Backblaze\'s worst drive models stay below 100).', AFR_PERCENT_MAX).default(1.5),
    hostAfrPercent: nonNegative('Annualised failure rate of each host: failures per host-year x 100 (a rate; may exceed 100, at most 10,000).', AFR_PERCENT_MAX).default(2),
    diskReplace: duration('Time from a random disk failure to its replacement.').default('24h'),
    hostRepair: duration('Time from a random host failure to its repair.').default('3d'),
  })
  .describe('Optional random faults, drawn from the seed.');

export const scenarioFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    name: z.string().min(1, { error: 'name cannot be empty' }).describe('Required: what the scenario shows.'),
    description: z.string().optional().describe('Longer description.'),
    platform: z.enum(PLATFORMS).describe('Required: vsphere | harvester | openstack | baremetal.'),
    seed: z.int().default(1).describe('Seed of every random draw; --seed overrides.'),
    until: duration('Stop time (at most 400d); default: when no event is left. --until overrides.', UNTIL_MAX_MS).optional(),
    hosts: z.array(hostGroup).max(GROUPS_MAX, { error: `at most ${GROUPS_MAX} host groups` }).default([]).describe('Host groups.'),
    storage: storageOverrides.optional(),
    overhead: overheadOverrides.optional(),
    vms: z.array(vmGroup).max(GROUPS_MAX, { error: `at most ${GROUPS_MAX} VM groups` }).default([]).describe('VM groups.'),
    policies: policiesOverrides.optional(),
    rules: z.array(rule).max(RULES_MAX, { error: `at most ${RULES_MAX} rules` }).default([]).describe('VM-VM anti-affinity and VM-host rules (vSphere DRS rules; every platform\'s placement honours them).'),
    schedule: z.array(scheduleEntry).max(SCHEDULE_ENTRIES_MAX, { error: `at most ${SCHEDULE_ENTRIES_MAX} schedule entries` }).default([]).describe('Operations and faults at fixed times.'),
    failures: failures.optional(),
    cost: costOverrides.optional(),
  })
  .meta({
    title: 'hcisim scenario',
    description: 'A cluster, its workloads, the platform policies and a schedule of operations and faults (format v1).',
  });

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type HostGroupFile = ScenarioFile['hosts'][number];
export type VmGroupFile = ScenarioFile['vms'][number];
export type ScheduleEntryFile = ScenarioFile['schedule'][number];
export type RuleFile = ScenarioFile['rules'][number];

/** scenarios/schema.json: the input side of the schema (defaults shown, optional fields optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFileSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
}
