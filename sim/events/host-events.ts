// Events of hosts and disks (failures, repairs, maintenance), of the management plane and of the
// run itself.
import { z } from 'zod';
import { count, disk, flag, host, ids, num, reason, spec, text } from './fields.ts';

const hostSpec = z.object({
  id: z.string(), group: z.string(), cores: z.number(), coreGHz: z.number(), memoryGiB: z.number(), nicGbps: z.number(),
  storageNicGbps: z.number().optional(), disks: z.object({ count: z.number(), sizeTiB: z.number(), class: z.enum(['hdd', 'ssd', 'nvme']).optional() }), rack: z.string().optional(),
});
const vmSpec = z.object({ id: z.string(), group: z.string(), vcpus: z.number(), memoryGiB: z.number(), diskGiB: z.number(), antiAffinity: z.string().optional() });

export const HOST_EVENTS = {
  'run.start': spec('first event of every run: the scenario and the whole cluster, so the trace alone can redraw it', {
    scenario: text('scenario name'), platform: text('platform profile'), seed: num('the run\'s seed'),
    hosts: count('number of hosts'), vms: count('number of VMs'),
    cluster: z.object({ hosts: z.array(hostSpec), vms: z.array(vmSpec) }).describe('every host (capacity, disks, rack) and VM (size) in id order'),
  }),
  'run.end': spec('last event of every run', {
    stopReason: z.enum(['empty', 'until', 'eventsMax', 'invariant']).describe('no event left, the until time, the eventsMax bound, or a broken invariant (--check)'),
  }),
  'schedule.entry.unrun': spec('a schedule entry never ran (emitted at the end of the run, before run.end, one per such entry in entry order)', {
    index: count('schedule entry index'), do: text('what the entry does (rollingMaintenance, failHost, ...)'),
    reason: reason("why: its anchor never happened, or it fell due after the run's end"),
  }),
  'host.fail': spec('a host fails: its VMs crash, its copies go absent', {
    host: host(), vms: ids('VMs that were on it'), wasInMaintenance: flag('it failed during its maintenance work'),
    disks: z.enum(['kept', 'lost']).describe('kept: its disks return with it; lost: they died with it (disk.fail follows for each)'),
  }),
  'host.fail.ignored': spec('a failure was scheduled for a host that is already failed', { host: host(), reason: reason() }),
  'host.repair': spec('a failed host is repaired and back in service', { host: host() }),
  'disk.fail': spec('a disk fails: the copies on it are destroyed', { host: host(), disk: disk() }),
  'disk.replace': spec('a failed disk is replaced by an empty one', { host: host(), disk: disk() }),
  'fault.random': spec('a random failure was drawn (followed by host.fail or disk.fail)', {
    device: z.enum(['host', 'disk']), host: host(), disk: disk().optional(),
  }),
  'management.outage.start': spec('the management plane (vCenter, Keystone, Harvester API) goes down', {
    durationMs: num('how long it stays down'),
  }),
  'management.outage.end': spec('the management plane is back', {}),
  'maintenance.start': spec('a rollingMaintenance entry starts', {
    index: count('schedule entry index'), hosts: ids('hosts in the order they are taken'),
    concurrency: count('hosts in maintenance at once'), workDurationMs: num('work per host, reboot included'),
    mode: z.enum(['manual', 'upgrade']).describe("manual maintenance mode, or the platform's own upgrade"),
  }),
  'maintenance.stall': spec('a host of the rollout cannot be evacuated yet; it waits (a new reason ends the wait for the last one)', {
    index: count('schedule entry index'), host: host(), reason: reason('what it waits for; storage waits start with "storage:", management-plane waits with "management:"'),
  }),
  'maintenance.stall.end': spec('what a draining host waited for is over and nothing else holds it: its evacuation goes on', {
    index: count('schedule entry index'), host: host(), reason: reason('what it waited for'),
  }),
  'maintenance.end': spec('a rollingMaintenance entry has taken every host it could', {
    index: count('schedule entry index'), hostsCompleted: count('hosts that finished their work'), hosts: count('hosts in the entry'),
  }),
  'host.maintenance.enter': spec('a host starts draining for maintenance', {
    host: host(), vms: ids('VMs on it'), dataMigration: text('vSAN data migration mode').optional(),
  }),
  'host.maintenance.skip': spec('a host of the rollout is skipped (failed or already out)', { host: host(), reason: reason() }),
  'host.maintenance.start': spec('a host is empty and its work starts (it leaves the cluster)', {
    host: host(), stalled: flag('its evacuation had to wait'),
  }),
  'host.maintenance.end': spec('a host\'s work is done and it is back in service', { host: host() }),
  'host.maintenance.abort': spec('a host failed during its maintenance; its maintenance is abandoned', { host: host(), reason: reason() }),
} as const;
