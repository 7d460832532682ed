// Events of a VM's life: placement, boot and shutdown, outages, live migration.
import { z } from 'zod';
import { count, host, ids, num, reason, spec, text, vm } from './fields.ts';

// A placement decision, bounded as the Kubernetes scheduler framework records it: the best few
// candidates with each scorer's score, and the refused hosts counted per reason; the full per-host
// lists only for small clusters or VMs the user asked to explain (sim/placement/decision.ts).
const candidate = z.object({ host: z.string(), score: z.number(), scores: z.record(z.string(), z.number()) });
const rejection = z.object({ host: z.string(), reason: z.string() });
const reasonCount = z.object({ kind: z.string(), count: z.number().int(), host: z.string(), reason: z.string() });
const placed = {
  candidates: z.array(candidate).describe('the best candidates (at most 5), best first: weighted score and each scorer\'s 0-100 score'),
  feasibleCount: count('hosts that passed every filter'),
  rejectedByReason: z.array(reasonCount).describe('refused hosts counted per reason kind, most frequent first, with one example host and its full reason'),
  candidatesAll: z.array(candidate).describe('every feasible host in id order (clusters of up to 64 hosts, or --explain)').optional(),
  rejected: z.array(rejection).describe('every refused host with its reason (clusters of up to 64 hosts, or --explain)').optional(),
};
const refused = {
  reason: reason('one line: the most common refusal with an example'),
  rejectedByReason: placed.rejectedByReason,
  rejected: placed.rejected,
};

/** Why a migration was asked for, where it is neither an evacuation nor a balancing move (those leave it unset). */
const migrationReason = z
  .enum(['maintenanceMoveBack'])
  .describe('maintenanceMoveBack: the VM returns to the host it left for maintenance (policies.ha.maintenanceMovesBack)')
  .optional();

const migrationResult = {
  vm: vm(),
  from: host('source host'),
  to: host('target host'),
  durationMs: num('from the first byte sent to the VM resuming on the target (or to the failure)'),
  downtimeMs: num('stop-and-copy pause of the guest (0 for post-copy and for a failure before switchover)'),
  transferredBytes: num('memory bytes sent over the network, every round'),
  rounds: count('pre-copy rounds run'),
};

export const VM_EVENTS = {
  'vm.place': spec('a VM is placed on a host: initially, by an HA restart or by a cold migration', {
    vm: vm(), host: host('chosen host'), reason: reason('initial | HA restart | cold migration'), ...placed,
    antiAffinityBroken: z.string().describe('an HA restart put the VM beside another of this anti-affinity group (the platform\'s HA does not keep the rule)').optional(),
  }),
  'vm.unplaced': spec('initial placement found no host for a VM; it never runs', { vm: vm(), ...refused }),
  'vm.boot': spec('a VM starts booting on a host (it serves once vm.up follows)', {
    vm: vm(), host: host(), reason: reason('what started it: initial, HA restart, host returned, cold migration'),
  }),
  'vm.boot.refused': spec('a VM was not powered on, or its boot failed, because it cannot run: its volume is lost or was never placed (it stays down)', {
    vm: vm(), host: host('host it would have booted on, or where it is'), reason: reason(),
  }),
  'vm.up': spec('a VM has booted and serves again (closes the outage opened by vm.down)', { vm: vm(), host: host() }),
  'vm.down': spec('a VM stops serving: shut down for maintenance, crashed with its host, or stopped because its volume is gone', {
    vm: vm(), host: host().optional(), reason: reason(),
    volume: z.enum(['lost', 'unplaced']).describe('set when the VM cannot run from its volume: lost while it ran, or never placed (at the start; the VM never served)').optional(),
  }),
  'vm.stopped': spec('a shutdown finished: the VM is powered off on its host', { vm: vm(), host: host().optional() }),
  'vm.crash': spec('the host of a VM that was not serving (powered off, shutting down, or still booting) failed (no new outage: it was already out)', {
    vm: vm(), host: host().optional(), was: text('the VM status before the crash'),
  }),
  'vm.load': spec('setLoad changed the CPU utilization of VMs', {
    vms: ids('VMs whose load changed'), cpuUtilization: num('share of its vCPUs each VM keeps busy (0-1)'),
  }),
  'vm.migration.queue': spec('a live migration is requested and waits for a concurrency slot and a target', {
    vm: vm(), from: host('source host').optional(), reason: migrationReason,
  }),
  'vm.migration.blocked': spec('a queued migration found no target host (it retries when capacity changes)', {
    vm: vm(), from: host('source host'), ...refused,
  }),
  'vm.migration.start': spec('a live migration starts (setup, then pre-copy)', {
    vm: vm(), from: host('source host'), to: host('target host'), attempt: count('1 for the first try'), reason: migrationReason, ...placed,
  }),
  'vm.migration.round': spec('a pre-copy round ends', {
    vm: vm(), round: count('0-based round number'), bytes: num('bytes sent in the round'),
    rateBytesPerSec: num('send rate the network gave the round'), dirtyBytesPerSec: num('rate the guest dirtied memory meanwhile'),
  }),
  'vm.migration.throttle': spec('the guest is slowed so pre-copy converges (vMotion SDPS, QEMU auto-converge)', {
    vm: vm(), percent: num('share of CPU time taken from the guest'), by: z.enum(['sdps', 'autoConverge']),
  }),
  'vm.migration.downtime': spec('the allowed downtime of a migration that does not converge is raised (Proxmox doubles it)', {
    vm: vm(), maxDowntimeMs: num('the new downtime limit, ms'),
  }),
  'vm.migration.mirror': spec('the local disk of a migrating VM is mirrored to the target (drive-mirror ready); memory pre-copy starts', {
    vm: vm(), bytes: num('disk bytes sent, the writes made meanwhile included'), durationMs: num('from the mirror start'),
  }),
  'vm.migration.switchover': spec('pre-copy ends: the guest pauses for stop-and-copy, or switches to post-copy', {
    vm: vm(), mode: z.enum(['precopy', 'postcopy', 'paused']).describe('precopy: stop-and-copy; postcopy: resumed on the target while pages follow; paused: vMotion stun during page send'), remainingBytes: num('dirty bytes left to send'),
    maxDowntimeMs: num('allowed pause at this moment (Nova ramps it up)'),
  }),
  'vm.migration.end': spec('a live migration completed: the VM runs on the target', {
    ...migrationResult, mode: z.enum(['precopy', 'postcopy', 'paused']).describe('precopy: stop-and-copy; postcopy: resumed on the target while pages follow; paused: vMotion stun during page send'),
  }),
  'vm.migration.fail': spec('a live migration failed or was cancelled; the VM stays on its source (or is lost with it)', {
    ...migrationResult, reason: reason('timeout, progress, preCopyRoundsMax, cancelled, sourceFailed, targetFailed, vmDown (its volume was lost), ...'),
  }),
  'vm.migration.giveup': spec('a VM failed to migrate more often than the retry limit allows; the drain stalls', {
    vm: vm(), from: host('source host'), failures: count('failed attempts'), reason: reason('the last failure'),
  }),
  'ha.detect': spec('HA noticed a failed host', { host: host('the failed host') }),
  'ha.skip': spec('HA cannot restart a failed host\'s VMs', { host: host('the failed host'), reason: reason() }),
  'ha.unprotected': spec('A failed host\'s VMs that are not under HA: they stay down until the host returns', { host: host('the failed host'), vms: ids('VMs not under HA') }),
  'ha.restart.start': spec('HA begins restarting a failed host\'s VMs elsewhere', { host: host('the failed host'), vms: ids('VMs to restart') }),
  'ha.restart.blocked': spec('HA found no host for a VM (it retries when capacity changes)', { vm: vm(), reason: reason() }),
} as const;
