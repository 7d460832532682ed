// The platform rules that steer one pre-copy migration, as pure functions of the parameters: how long
// it may take (completion timeout), how long the final pause may be (max downtime, or Nova's ramp),
// when it counts as stuck (KubeVirt's progress watermark), and how the guest is slowed down so that
// it converges (QEMU auto-converge, vMotion Stun During Page Send). precopy.ts runs the rounds and
// asks these rules at the moments the real hypervisors ask them.
import type { MigrationParameters } from '../platforms/parameters.ts';

const GiB = 2 ** 30;
const GB = 1e9;

/**
 * KubeVirt's monitor polls libvirt's job stats every 400 ms (`monitorSleepPeriodMS`,
 * kubevirt pkg/virt-launcher/virtwrap/live-migration-source.go); the progress rule samples at that rate.
 */
export const PROGRESS_SAMPLE_MS = 400;

/**
 * QEMU judges auto-converge over sync periods of more than one second: a bitmap sync closer than
 * that to the period start leaves the period open (qemu migration/ram.c `migration_bitmap_sync`,
 * "more than 1 second = 1000 millisecons").
 */
export const AUTO_CONVERGE_PERIOD_MIN_MS = 1000;

/** QEMU clamps any throttle to 1..99 % (migration/cpu-throttle.c `CPU_THROTTLE_PCT_MAX`). */
const THROTTLE_PERCENT_MAX = 99;

/**
 * The data size the completion timeout scales with. KubeVirt counts decimal GB rounded up
 * (`ScaledValue(resource.Giga)`: 16 Gi -> 18, platform-facts §1.4); Nova counts GiB with a floor of
 * 2 (`_live_migration_data_gb`, platform-facts §5.1).
 */
export function completionDataSize(memoryBytes: number, params: MigrationParameters): number {
  if (params.completionDataUnit === 'GB-ceil') return Math.ceil(memoryBytes / GB);
  return Math.max(params.completionDataMinGiB, memoryBytes / GiB);
}

/**
 * Time allowed from the first byte, in ms; 0 = no limit. Both KubeVirt (int64 seconds) and Nova
 * (`int(800 * data_gb)`) hold it in whole seconds. Both poll (400 ms, 0.5 s) and fire on the first
 * poll past it (KubeVirt compares whole elapsed seconds, so up to ~1.4 s late); we fire at the deadline.
 */
export function completionTimeoutMs(memoryBytes: number, params: MigrationParameters): number {
  if (params.completionTimeoutPerGiBSeconds <= 0) return 0;
  const seconds = Math.floor(params.completionTimeoutPerGiBSeconds * completionDataSize(memoryBytes, params));
  return seconds * 1000;
}

/**
 * The max downtime in force `elapsedMs` after the start. Without a ramp it is maxDowntimeMs. Nova's
 * ramp (nova/virt/libvirt/migration.py `downtime_steps` and `update_downtime`): delay =
 * int(delayPerGiB x data_gb) s, base = max/steps, offset = (max - base)/steps; step i sets
 * int(base + offset x i) ms once elapsed > delay x i (step 0 from the start).
 */
export function maxDowntimeMsAt(elapsedMs: number, memoryBytes: number, params: MigrationParameters): number {
  const steps = params.downtimeRampSteps;
  if (steps <= 0) return params.maxDowntimeMs;
  const dataGiB = Math.max(params.completionDataMinGiB, memoryBytes / GiB);
  const delayMs = Math.trunc(params.downtimeRampDelayPerGiBSeconds * dataGiB) * 1000;
  const base = params.maxDowntimeMs / steps;
  const offset = (params.maxDowntimeMs - base) / steps;
  let step = 0;
  if (delayMs <= 0) step = elapsedMs > 0 ? steps : 0;
  else step = Math.min(steps, Math.max(0, Math.ceil(elapsedMs / delayMs) - 1));
  return Math.trunc(base + offset * step);
}

/** QEMU's largest downtime-limit, 2,000 s (migration/options.c MAX_MIGRATE_DOWNTIME_SECONDS). */
const MIGRATE_DOWNTIME_MAX_MS = 2_000_000;

/** Proxmox polls the migration once a second (qemu-server QemuMigrate.pm phase2, `usleep` 1 s). */
export const ESCALATION_POLL_MS = 1000;

/**
 * Proxmox's downtime escalation (qemu-server src/PVE/QemuMigrate.pm, phase2): at each poll where
 * the remaining RAM rose since the last poll, or is 0, a counter goes up; past 5 (`$downtimecounter
 * > 5`) the downtime-limit doubles (`increase_migrate_downtime`, capped at QEMU's 2,000 s) and the
 * counter restarts. Remaining RAM rises when a pass ends and the newly dirtied pages are counted,
 * so in our rounds a rise is a round end at least one poll after the last counted one. There is no
 * completion timeout: a migration that does not converge pauses the guest for ever longer.
 */
export class DowntimeEscalation {
  private rises = 0;
  private lastRiseMs = -Infinity;

  constructor(private downtimeMs: number, private readonly risesToDouble: number) {}

  get maxDowntimeMs(): number {
    return this.downtimeMs;
  }

  /** A round ended at `nowMs` (the remaining data rises); true when the limit doubled. */
  roundEnded(nowMs: number): boolean {
    if (this.risesToDouble <= 0 || nowMs - this.lastRiseMs < ESCALATION_POLL_MS) return false;
    this.lastRiseMs = nowMs;
    if (++this.rises < this.risesToDouble) return false;
    this.rises = 0;
    const next = Math.min(this.downtimeMs * 2, MIGRATE_DOWNTIME_MAX_MS);
    if (next === this.downtimeMs) return false;
    this.downtimeMs = next;
    return true;
  }
}

/**
 * KubeVirt's legacy stuck-migration rule (live-migration-source.go, `processInflightMigration` and
 * `isMigrationProgressing`): at every sample, "progress" means DataRemaining fell below the
 * previous sample (or the watermark is 0); the watermark then becomes the current value, so it is a
 * comparison with the last sample, not with the best so far. The migration is aborted when whole
 * seconds since the last progress exceed progressTimeout. Across rounds this means: remaining falls
 * within a round and jumps up at each new round, so only a transfer that stops moving for 150 s trips
 * it, never slow convergence (platform-facts §1.4). Post-copy is not checked.
 */
export class ProgressWatermark {
  private watermark = 0;
  private lastProgressMs: number;

  constructor(startMs: number, private readonly timeoutSeconds: number) {
    this.lastProgressMs = startMs;
  }

  /** Records one sample; true when the migration counts as stuck. */
  sample(nowMs: number, remainingBytes: number): boolean {
    if (this.watermark === 0 || remainingBytes < this.watermark) this.lastProgressMs = nowMs;
    this.watermark = remainingBytes;
    return this.timeoutSeconds > 0 && Math.floor((nowMs - this.lastProgressMs) / 1000) > this.timeoutSeconds;
  }
}

/**
 * QEMU auto-converge (qemu migration/ram.c `migration_bitmap_sync` and `migration_trigger_throttle`,
 * `mig_throttle_guest_down`). At each dirty-bitmap sync (the end of a pass, i.e. of our round) that
 * closes a period of more than 1 s: if the bytes dirtied in the period exceed
 * throttle-trigger-threshold (50 %) of the bytes transferred in it, `++dirty_rate_high_cnt`; when
 * the count reaches 2 it is reset and the throttle starts at cpu-throttle-initial (20 %) or rises by
 * cpu-throttle-increment (10 %) up to max-cpu-throttle (99 %). The count is only incremented by high
 * periods and never cleared by a low one, so two high periods are needed, not necessarily in a row.
 * Not modelled: QEMU >= 9.2 also forces a sync every 5 s during a long pass when auto-converge is on
 * (migration/cpu-throttle.c `CPU_THROTTLE_DIRTY_SYNC_TIMESLICE_MS`), which can throttle mid-round.
 */
export class AutoConverge {
  percent = 0;
  private periodStartMs: number;
  private transferredAtPeriodStart = 0;
  private dirtiedInPeriod = 0;
  private highPeriods = 0;

  constructor(startMs: number, private readonly params: MigrationParameters) {
    this.periodStartMs = startMs;
  }

  /** One bitmap sync; returns true when the throttle changed. */
  sync(nowMs: number, transferredBytes: number, newlyDirtiedBytes: number): boolean {
    this.dirtiedInPeriod += newlyDirtiedBytes;
    if (nowMs <= this.periodStartMs + AUTO_CONVERGE_PERIOD_MIN_MS) return false;
    const transferred = transferredBytes - this.transferredAtPeriodStart;
    const high = this.dirtiedInPeriod > transferred * this.params.autoConvergeTriggerRatio;
    this.periodStartMs = nowMs;
    this.transferredAtPeriodStart = transferredBytes;
    this.dirtiedInPeriod = 0;
    if (!this.params.allowAutoConverge || !high || ++this.highPeriods < 2) return false;
    this.highPeriods = 0;
    const p = this.params;
    const next = this.percent === 0 ? p.autoConvergeInitialPercent : Math.min(this.percent + p.autoConvergeStepPercent, p.autoConvergeMaxPercent);
    const clamped = Math.max(1, Math.min(THROTTLE_PERCENT_MAX, next));
    if (clamped === this.percent) return false;
    this.percent = clamped;
    return true;
  }
}

/**
 * vMotion Stun During Page Send (platform-facts §4.5): when the guest dirties memory faster than the
 * measured send rate, its vCPUs are slowed so the dirty rate falls to sdpsDirtyToSendRatio x the send
 * rate (the ratio is an unverified parameter). Returns the dirty rate allowed; `dirty` when SDPS is
 * off, no send rate is known yet (round 0), or the guest is not outrunning the link.
 */
export function sdpsDirtyRate(dirtyBytesPerSec: number, sendBytesPerSec: number, params: MigrationParameters): number {
  if (!params.stunDuringPageSend || sendBytesPerSec <= 0 || dirtyBytesPerSec <= sendBytesPerSec) return dirtyBytesPerSec;
  return params.sdpsDirtyToSendRatio * sendBytesPerSec;
}
