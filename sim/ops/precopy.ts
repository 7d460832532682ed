// Pre-copy live migration of one VM, the mechanism vMotion, KubeVirt (QEMU) and Nova (QEMU) share:
// round 0 sends all memory while the guest runs; each next round resends what the guest dirtied
// during the previous one, V(i+1) = min(D_eff x T(i), W); once the rest fits in the allowed pause
// (V(i+1) <= R x maxDowntime, R measured over the last round as QEMU and SimGrid do), the guest
// pauses and the rest is sent (stop-and-copy). Rounds are flows on the fluid network, so a shared NIC
// lengthens them and the guest dirties more. The platforms differ only in MigrationParameters; the
// rules they apply live in precopy-policy.ts. Model and worked example: platform-facts §6.1.
import type { EventHandle } from '../core/engine.ts';
import type { SimEngine } from '../events/catalogue.ts';
import type { Network } from '../model/network.ts';
import type { MigrationParameters } from '../platforms/parameters.ts';
import {
  AutoConverge,
  DowntimeEscalation,
  PROGRESS_SAMPLE_MS,
  ProgressWatermark,
  completionTimeoutMs,
  maxDowntimeMsAt,
  sdpsDirtyRate,
} from './precopy-policy.ts';
import { migrationNetwork, streamCapBytesPerSec } from './migration-stream.ts';

export interface PreCopyRequest {
  vmId: string;
  src: string;
  dst: string;
  memoryBytes: number;
  workingSetBytes: number;
  dirtyBytesPerSec: () => number;
  params: MigrationParameters;
  /** The guest stops (stop-and-copy or forced pause): downtime starts. */
  onPause: () => void;
  /** Post-copy began: the guest now runs on dst, pulling its missing pages from src. */
  onPostCopy?: () => void;
  /** Called once, from an engine event (not on cancel). */
  onEnd: (outcome: PreCopyOutcome) => void;
}

export type PreCopyMode = 'precopy' | 'postcopy' | 'paused';
export type PreCopyFailure = 'completionTimeout' | 'progressTimeout' | 'maxSwitchover' | 'preCopyRoundsMax' | 'cancelled';
export type PreCopyOutcome =
  | { ok: true; mode: PreCopyMode; durationMs: number; downtimeMs: number; transferredBytes: number; rounds: number }
  | { ok: false; reason: PreCopyFailure; durationMs: number; transferredBytes: number; rounds: number; downtimeMs: number };

export interface PreCopyHandle {
  cancel(): PreCopyOutcome;
}

/** 'round': a pre-copy round is in flight; 'final': the last bytes move (stop-and-copy, paused or post-copy). */
type Phase = 'round' | 'final' | 'done';

/** Starts migrating now; the first byte leaves at engine.now. */
export function startPreCopy(engine: SimEngine, network: Network, req: PreCopyRequest): PreCopyHandle {
  const run = new PreCopyRun(engine, network, req);
  run.start();
  return { cancel: () => run.cancel() };
}

class PreCopyRun {
  private readonly startMs: number;
  private readonly params: MigrationParameters;
  private readonly workingSetBytes: number;
  private readonly autoConverge: AutoConverge;
  private readonly escalation: DowntimeEscalation;
  private phase: Phase = 'round';
  private mode: PreCopyMode = 'precopy';
  private flow: number | undefined;
  private flowBytes = 0;
  private flowStartMs = 0;
  /** Bytes of finished (or stopped) flows. */
  private sentBytes = 0;
  private rounds = 0;
  private dirtyRate = 0;
  private sendRate = 0;
  private sdpsPercent = 0;
  private pauseStartMs: number | undefined;
  private deadlineMs = 0;
  private deadlineTimer: EventHandle | undefined;
  private switchoverTimer: EventHandle | undefined;
  private monitorTimer: EventHandle | undefined;
  private outcome: PreCopyOutcome | undefined;

  constructor(
    private readonly engine: SimEngine,
    private readonly network: Network,
    private readonly req: PreCopyRequest,
  ) {
    this.startMs = engine.now;
    this.params = req.params;
    this.workingSetBytes = Math.min(req.workingSetBytes, req.memoryBytes);
    this.autoConverge = new AutoConverge(engine.now, req.params);
    this.escalation = new DowntimeEscalation(req.params.maxDowntimeMs, req.params.downtimeEscalationRises);
  }

  start(): void {
    this.deadlineMs = completionTimeoutMs(this.req.memoryBytes, this.params);
    if (this.deadlineMs > 0) this.deadlineTimer = this.engine.at(this.startMs + this.deadlineMs, () => this.onDeadline());
    if (this.params.progressTimeoutSeconds > 0) this.watchProgress();
    this.startRound(this.req.memoryBytes);
  }

  cancel(): PreCopyOutcome {
    if (this.outcome !== undefined) return this.outcome;
    return this.stop('cancelled');
  }

  private startRound(bytes: number): void {
    this.dirtyRate = this.effectiveDirtyRate();
    this.startFlow(bytes, () => this.onRoundDone());
  }

  /** The guest's dirty rate now, slowed by whichever throttle the platform applies. */
  private effectiveDirtyRate(): number {
    const throttled = Math.max(0, this.req.dirtyBytesPerSec()) * (1 - this.autoConverge.percent / 100);
    const allowed = this.rounds > 0 ? sdpsDirtyRate(throttled, this.sendRate, this.params) : throttled;
    const percent = throttled > 0 ? Math.round((1 - allowed / throttled) * 100) : 0;
    if (percent !== this.sdpsPercent) {
      this.sdpsPercent = percent;
      this.engine.emit('vm.migration.throttle', { vm: this.req.vmId, percent, by: 'sdps' });
    }
    return allowed;
  }

  private startFlow(bytes: number, onDone: () => void): void {
    this.flowBytes = bytes;
    this.flowStartMs = this.engine.now;
    if (bytes <= 0) {
      // Nothing left to send: finish from an event of its own, never inside the caller's call stack.
      this.flow = undefined;
      this.engine.after(0, onDone);
      return;
    }
    this.flow = this.network.start({
      src: this.req.src,
      dst: this.req.dst,
      bytes,
      capBytesPerSec: streamCapBytesPerSec(this.params),
      network: migrationNetwork(this.params),
      onDone: () => {
        this.flow = undefined;
        onDone();
      },
    });
  }

  private onRoundDone(): void {
    if (this.phase !== 'round') return;
    const now = this.engine.now;
    const roundMs = Math.max(1, now - this.flowStartMs);
    const bytes = this.flowBytes;
    this.sentBytes += bytes;
    this.sendRate = (bytes * 1000) / roundMs;
    const dirtied = Math.min(Math.round((this.dirtyRate * roundMs) / 1000), this.workingSetBytes);
    this.engine.emit('vm.migration.round', {
      vm: this.req.vmId,
      round: this.rounds,
      bytes,
      rateBytesPerSec: Math.round(this.sendRate),
      dirtyBytesPerSec: Math.round(this.dirtyRate),
    });
    this.rounds++;
    if (this.autoConverge.sync(now, this.sentBytes, dirtied)) {
      this.engine.emit('vm.migration.throttle', { vm: this.req.vmId, percent: this.autoConverge.percent, by: 'autoConverge' });
    }
    if (this.escalation.roundEnded(now)) {
      this.engine.emit('vm.migration.downtime', { vm: this.req.vmId, maxDowntimeMs: this.escalation.maxDowntimeMs });
    }
    const maxDowntimeMs = this.currentMaxDowntimeMs();
    if (dirtied <= (this.sendRate * maxDowntimeMs) / 1000) this.stopAndCopy(dirtied, maxDowntimeMs);
    else if (this.rounds >= this.params.preCopyRoundsMax) this.stop('preCopyRoundsMax');
    else this.startRound(dirtied);
  }

  private stopAndCopy(bytes: number, maxDowntimeMs: number): void {
    if (this.pause()) this.beginFinal('precopy', bytes, maxDowntimeMs);
  }

  /** Pauses the guest; false when the caller cancelled the migration from onPause. */
  private pause(): boolean {
    this.pauseStartMs = this.engine.now;
    this.req.onPause();
    if (this.outcome !== undefined) return false;
    const limitMs = this.params.maxSwitchoverSeconds * 1000;
    if (limitMs > 0) this.switchoverTimer = this.engine.after(limitMs, () => this.stop('maxSwitchover'));
    return true;
  }

  private beginFinal(mode: PreCopyMode, bytes: number, maxDowntimeMs: number): void {
    this.phase = 'final';
    this.mode = mode;
    this.engine.emit('vm.migration.switchover', { vm: this.req.vmId, mode, remainingBytes: bytes, maxDowntimeMs });
    if (mode === 'postcopy') this.req.onPostCopy?.();
    this.startFlow(bytes, () => this.onFinalDone());
  }

  private onFinalDone(): void {
    if (this.phase !== 'final') return;
    this.sentBytes += this.flowBytes;
    // Post-copy pauses the guest only to move device state to dst, counted as 0 ms (no source
    // gives a figure); the guest then runs on dst, degraded by remote page faults until the last
    // page arrives, and the migration ends only then (src still holds memory the VM needs).
    const downtimeMs = this.pauseStartMs === undefined ? 0 : this.engine.now - this.pauseStartMs;
    this.finish({
      ok: true,
      mode: this.mode,
      durationMs: this.engine.now - this.startMs,
      downtimeMs,
      transferredBytes: this.sentBytes,
      rounds: this.rounds,
    });
  }

  /**
   * The completion timeout (platform-facts §1.4, §5.1): post-copy if allowed (no timeout after
   * that); else pause the guest and copy the rest, with the deadline doubled as KubeVirt does; else
   * abort. A second expiry while paused aborts. A stop-and-copy already under way is left to finish.
   * In the sources post-copy also needs the disruption permission (KubeVirt `shouldAssistMigrationToComplete`
   * checks AllowWorkloadDisruption first, which follows allowPostCopy when unset (the loader copies
   * it for KubeVirt); Nova post-copies only with timeout_action force_complete), so both are needed.
   */
  private onDeadline(): void {
    this.deadlineTimer = undefined;
    if (this.phase !== 'round') {
      if (this.mode === 'paused') this.stop('completionTimeout');
      return;
    }
    if (this.params.allowPostCopy && this.params.allowWorkloadDisruption) {
      this.clearTimer('monitorTimer');
      this.beginFinal('postcopy', this.interruptRound(), this.currentMaxDowntimeMs());
    } else if (this.params.allowWorkloadDisruption) {
      this.deadlineTimer = this.engine.at(this.startMs + 2 * this.deadlineMs, () => this.onDeadline());
      const rest = this.interruptRound();
      if (this.pause()) this.beginFinal('paused', rest, this.currentMaxDowntimeMs());
    } else {
      this.stop('completionTimeout');
    }
  }

  /**
   * Stops the round in flight and returns what is left to send: the round's unsent bytes plus what
   * the guest dirtied since the round began (at most the working set), at most all of memory.
   */
  private interruptRound(): number {
    const sent = this.flow === undefined ? this.flowBytes : this.network.cancel(this.flow);
    this.flow = undefined;
    this.sentBytes += sent;
    const elapsedMs = this.engine.now - this.flowStartMs;
    const dirtied = Math.min(Math.round((this.dirtyRate * elapsedMs) / 1000), this.workingSetBytes);
    return Math.min(this.flowBytes - sent + dirtied, this.req.memoryBytes);
  }

  private currentMaxDowntimeMs(): number {
    if (this.params.downtimeEscalationRises > 0) return this.escalation.maxDowntimeMs;
    return maxDowntimeMsAt(this.engine.now - this.startMs, this.req.memoryBytes, this.params);
  }

  /** KubeVirt's 400 ms samples of DataRemaining (see ProgressWatermark); stops in post-copy. */
  private watchProgress(): void {
    const watermark = new ProgressWatermark(this.startMs, this.params.progressTimeoutSeconds);
    const tick = (): void => {
      this.monitorTimer = undefined;
      if (this.phase === 'done' || this.mode === 'postcopy') return;
      const remaining = this.flow === undefined ? 0 : this.network.remainingBytes(this.flow);
      if (watermark.sample(this.engine.now, remaining)) this.stop('progressTimeout');
      else this.monitorTimer = this.engine.after(PROGRESS_SAMPLE_MS, tick);
    };
    this.monitorTimer = this.engine.after(PROGRESS_SAMPLE_MS, tick);
  }

  /** Ends without success: the flow stops, the VM stays on (or goes back to) src. */
  private stop(reason: PreCopyFailure): PreCopyOutcome {
    if (this.flow !== undefined) this.sentBytes += this.network.cancel(this.flow);
    this.flow = undefined;
    const outcome: PreCopyOutcome = {
      ok: false,
      reason,
      durationMs: this.engine.now - this.startMs,
      transferredBytes: this.sentBytes,
      rounds: this.rounds,
      downtimeMs: this.pauseStartMs === undefined ? 0 : this.engine.now - this.pauseStartMs,
    };
    if (reason === 'cancelled') this.settle(outcome);
    else this.finish(outcome);
    return outcome;
  }

  private finish(outcome: PreCopyOutcome): void {
    this.settle(outcome);
    this.req.onEnd(outcome);
  }

  private settle(outcome: PreCopyOutcome): void {
    this.phase = 'done';
    this.outcome = outcome;
    this.clearTimer('deadlineTimer');
    this.clearTimer('switchoverTimer');
    this.clearTimer('monitorTimer');
  }

  private clearTimer(name: 'deadlineTimer' | 'switchoverTimer' | 'monitorTimer'): void {
    this.engine.cancel(this[name]);
    this[name] = undefined;
  }
}
