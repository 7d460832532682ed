// The scenario file format (../shared/spec/scenario-format.md), defined once with zod: the loader
// validates files against it, and `hcisim schema` turns it into scenarios/schema.json so that a
// YAML language server can complete and check scenario files. Field names are fixed by the spec;
// defaults of host and VM groups are the spec example's values, and model parameters are left
// optional because the platform profile supplies them (sim/scenario/merge.ts merges them).
import { z } from 'zod';
import { PLATFORMS } from '../platforms/parameters.ts';
import { UNTIL_MAX_MS } from './types.ts';
import { between, duration, integer, kindOf, nonNegative, positive } from './fields.ts';
import { DURATION_HINT } from './duration.ts';
import { overheadOverrides, policiesOverrides, storageOverrides } from './parameter-schema.ts';
import { costOverrides } from './cost-schema.ts';

export const ACTIONS = ['rollingMaintenance', 'failDisk', 'failHost', 'managementOutage', 'setLoad'] as const;
export type Action = (typeof ACTIONS)[number];

/** Named bounds on what one file can ask for (STYLE: every loop a scenario drives has a bound). */
export const HOSTS_PER_GROUP_MAX = 10_000;
export const VMS_PER_GROUP_MAX = 1_000_000;

const GROUP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function groupName(what: string, fallback: string) {
  return z
    .string()
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
    coreGHz: positive('Core clock in GHz.').default(2.6),
    memoryGiB: positive('Physical memory per host, GiB.').default(512),
    nicGbps: positive('NIC speed in Gb/s (decimal); carries migration and storage traffic unless storageNicGbps is set.').default(25),
    storageNicGbps: positive('Optional separate storage/replication network, Gb/s.').optional(),
    disks: z
      .strictObject({
        count: integer('Data disks per host.', 0, 256).default(4),
        sizeTiB: positive('Size of each disk, TiB.').default(3.84),
      })
      .describe('Data disks per host.')
      .default({ count: 4, sizeTiB: 3.84 }),
    rack: z.string().min(1).optional().describe('Optional failure-domain label.'),
  })
  .describe('A group of identical hosts, named <group>-01, <group>-02, ... (3 digits from 100 hosts).');

const vmGroup = z
  .strictObject({
    group: groupName('VMs', 'vm'),
    count: integer('VMs in the group.', 0, VMS_PER_GROUP_MAX).default(1),
    vcpus: integer('Virtual CPUs.', 1, 4096).default(4),
    memoryGiB: positive('Guest memory, GiB.').default(16),
    cpuUtilization: between('Share of its vCPUs the VM keeps busy, 0..1.', 0, 1).default(0.4),
    dirtyRateMiBps: nonNegative('Memory pages dirtied per second while running, MiB/s.').default(40),
    workingSetGiB: nonNegative('Hot memory that is re-dirtied; bounds what each pre-copy round resends, GiB.').default(2),
    diskGiB: nonNegative('Its volume: allocated data a rebuild must copy, GiB.').default(100),
    antiAffinity: z.string().min(1).optional().describe('VMs sharing this label never share a host.'),
    ha: z
      .boolean()
      .optional()
      .describe("Under HA: restarted elsewhere after a host failure. Default: the platform's policies.ha.protectedByDefault (false on Proxmox, where only resources added to HA restart)."),
    diskWriteMiBps: nonNegative('Average write rate to its volume, MiB/s: what a copy that is away misses and must resync (default 1, an assumption).').default(1),
    memoryReservationGiB: nonNegative('Memory reserved for the VM (vSphere reservation; HA admission control counts it), GiB; default 0.')
      .optional(),
  })
  .describe('A group of identical VMs, named <group>-001, <group>-002, ... (4 digits from 1000 VMs).');

const targets = (what: string) =>
  z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
      error: (iss) => `expected a ${what} name, a glob or a list of them, got ${kindOf(iss.input)}`,
    })
    .describe(`A ${what} name, a glob (* and ?) such as "esx-*", or a list of them.`);

const hostName = z.string().min(1).describe('One host name, such as esx-03.');
/** Events a schedule entry can be anchored to ("a host fails five minutes into esx-03's maintenance"). */
export const ANCHOR_EVENTS = [
  'host.maintenance.enter', 'host.maintenance.start', 'host.maintenance.end', 'host.fail', 'host.repair', 'disk.fail',
  'maintenance.start', 'maintenance.end',
] as const;

const anchor = z
  .strictObject({
    after: z.enum(ANCHOR_EVENTS).describe('The event the entry follows: its first occurrence (for that host, when `host` is given).'),
    host: z.string().describe('Only this host\'s event (host.* and disk.fail events).').optional(),
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
  concurrency: integer('Hosts in maintenance at the same time.', 1).default(1),
  workDuration: duration('Time in maintenance per host, reboot included.').default('20m'),
  dataMigration: z
    .enum(['ensureAccessibility', 'fullDataMigration', 'noDataMigration'])
    .describe('vSAN maintenance-mode data migration.')
    .default('ensureAccessibility'),
  mode: z
    .enum(['manual', 'upgrade'])
    .describe("manual: maintenance mode host by host (firmware, hardware); upgrade: the platform's own upgrade orchestration (Harvester's upgrade controller raises Longhorn's replica wait for its duration).")
    .default('manual'),
});

const failDisk = z.strictObject({
  do: z.literal('failDisk').describe('One disk of one host fails.'),
  at,
  host: hostName,
  disk: integer('Index of the disk on the host, from 0.', 0).default(0),
  replaceAfter: duration('When the disk is replaced; never if omitted.').optional(),
});

const failHost = z.strictObject({
  do: z.literal('failHost').describe('A host fails with all its disks.'),
  at,
  host: hostName,
  repairAfter: z
    .union([duration('When the host is repaired.'), z.literal('never')])
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

const failures = z
  .strictObject({
    // AFR is a rate (failures per device-year x 100, as Backblaze computes it), so it may exceed 100.
    diskAfrPercent: nonNegative('Annualised failure rate of each disk: failures per disk-year x 100 (a rate; may exceed 100).').default(1.5),
    hostAfrPercent: nonNegative('Annualised failure rate of each host: failures per host-year x 100 (a rate; may exceed 100).').default(2),
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
    hosts: z.array(hostGroup).default([]).describe('Host groups.'),
    storage: storageOverrides.optional(),
    overhead: overheadOverrides.optional(),
    vms: z.array(vmGroup).default([]).describe('VM groups.'),
    policies: policiesOverrides.optional(),
    schedule: z.array(scheduleEntry).default([]).describe('Operations and faults at fixed times.'),
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

/** scenarios/schema.json: the input side of the schema (defaults shown, optional fields optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFileSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
}
