// Live-migration orchestration: the queue of requested migrations and the platform's concurrency
// limits (KubeVirt: 5 per cluster, 2 outbound per node; vCenter: 8 per host on 10 GbE, 4 on 1 GbE;
// Nova: 1 per source host; platform-facts §1.2, §4.4, §5.1). A request waits in FIFO order until a
// slot is free and a target passes placement; then the pre-copy mechanism (precopy.ts) moves the
// memory over the fluid network. Failed evacuations retry with KubeVirt's doubling backoff (§1.2).
import { place, placedFields, refusalReason, refusedFields, type PlacementDecision } from '../placement/place.ts';
import { startPreCopy, type PreCopyHandle, type PreCopyOutcome } from './precopy.ts';
import type { EventHandle } from '../core/engine.ts';
import type { Vm } from '../model/cluster.ts';
import type { World } from './world.ts';

export interface MigrationCallbacks {
  /** The VM now runs on `to`. */
  migrated(to: string): void;
  /** No target passes placement right now (called when the reason changes). */
  blocked(reason: string): void;
  /** Retries exhausted or the VM was lost; the request is gone. */
  gaveUp(reason: string): void;
}

interface Request {
  vm: Vm;
  from: string;
  callbacks: MigrationCallbacks;
  failures: number;
  notBeforeMs: number;
  blockedReason?: string;
}

interface Running {
  request: Request;
  to: string;
  startedMs: number;
  setup?: EventHandle;
  precopy?: PreCopyHandle;
  /** Post-copy began: the guest runs on `to` and needs both hosts until the last page arrives. */
  postCopy: boolean;
}

const GiB = 2 ** 30;

export class MigrationScheduler {
  private readonly queue: Request[] = [];
  private readonly running = new Map<string, Running>();
  // Per-host counts of running migrations, kept on start and end so that a queued request checks
  // its slot and skips full targets in O(1) instead of scanning every running migration per host.
  private readonly outbound = new Map<string, number>();
  private readonly touching = new Map<string, number>();
  /** Hosts touched by as many migrations as their per-host limit allows: no target for another. */
  private readonly busy = new Set<string>();
  private retryTimer: EventHandle | undefined;

  constructor(private readonly world: World) {
    world.onCapacityChange(() => this.pump());
    world.onManagementRestored(() => this.pump());
  }

  get runningCount(): number {
    return this.running.size;
  }

  request(vm: Vm, callbacks: MigrationCallbacks): void {
    this.queue.push({ vm, from: vm.host!, callbacks, failures: 0, notBeforeMs: this.world.engine.now });
    this.world.engine.emit('vm.migration.queue', { vm: vm.id, from: vm.host });
    this.pump();
  }

  /** Starts every queued migration that a free slot and a placement allow now. */
  pump(): void {
    const { engine } = this.world;
    if (this.world.managementDown) return;
    let nextRetryMs = Infinity;
    for (let i = 0; i < this.queue.length; ) {
      const req = this.queue[i];
      if (req.notBeforeMs > engine.now) {
        nextRetryMs = Math.min(nextRetryMs, req.notBeforeMs);
        i++;
        continue;
      }
      if (!this.slotFree(req.from)) {
        i++;
        continue;
      }
      if (this.tryStart(req)) this.queue.splice(i, 1);
      else i++;
    }
    this.armRetry(nextRetryMs);
  }

  private armRetry(atMs: number): void {
    this.world.engine.cancel(this.retryTimer);
    this.retryTimer = atMs < Infinity ? this.world.engine.at(atMs, () => this.pump()) : undefined;
  }

  private limits(hostId: string) {
    const m = this.world.params.policies.migration;
    const slowNic = this.world.cluster.host(hostId).spec.nicGbps < 10 && m.maxParallelPerHostSlowNic > 0;
    return { perHost: slowNic ? m.maxParallelPerHostSlowNic : m.maxParallelPerHost, m };
  }

  private slotFree(from: string): boolean {
    const { m } = this.limits(from);
    if (m.maxParallelPerCluster > 0 && this.running.size >= m.maxParallelPerCluster) return false;
    if (m.maxParallelOutboundPerHost > 0 && (this.outbound.get(from) ?? 0) >= m.maxParallelOutboundPerHost) return false;
    return !this.busy.has(from);
  }

  /** Counts a migration in (+1) or out (-1) of the per-host tallies. */
  private track(run: Running, sign: 1 | -1): void {
    if (sign === 1) this.running.set(run.request.vm.id, run);
    else this.running.delete(run.request.vm.id);
    const from = run.request.from;
    this.outbound.set(from, (this.outbound.get(from) ?? 0) + sign);
    for (const host of [from, run.to]) {
      const n = (this.touching.get(host) ?? 0) + sign;
      this.touching.set(host, n);
      const perHost = this.limits(host).perHost;
      if (perHost > 0 && n >= perHost) this.busy.add(host);
      else this.busy.delete(host);
    }
  }

  private tryStart(req: Request): boolean {
    const { cluster, engine } = this.world;
    const decision = place({ cluster, admission: true, explain: this.world.explain }, req.vm, { exclude: req.from, busy: this.busy });
    if (decision.host === undefined) {
      const reason = refusalReason(decision);
      if (reason !== req.blockedReason) {
        req.blockedReason = reason;
        engine.emit('vm.migration.blocked', { vm: req.vm.id, from: req.from, ...refusedFields(decision) });
        req.callbacks.blocked(reason);
      }
      return false;
    }
    this.begin(req, decision.host, decision);
    return true;
  }

  private begin(req: Request, to: string, decision: PlacementDecision): void {
    const { cluster, engine } = this.world;
    const vm = req.vm;
    cluster.reserve(vm, to);
    cluster.setVmStatus(vm, 'migrating');
    const run: Running = { request: req, to, startedMs: engine.now, postCopy: false };
    this.track(run, 1);
    engine.emit('vm.migration.start', { vm: vm.id, from: req.from, to, attempt: req.failures + 1, ...placedFields(decision) });
    run.setup = engine.after(this.world.params.policies.migration.setupSeconds * 1000, () => {
      run.setup = undefined;
      run.startedMs = engine.now;
      run.precopy = startPreCopy(engine, this.world.network, {
        vmId: vm.id,
        src: req.from,
        dst: to,
        memoryBytes: vm.spec.memoryGiB * GiB,
        workingSetBytes: vm.spec.workingSetGiB * GiB,
        dirtyBytesPerSec: () => cluster.dirtyBytesPerSec(vm),
        params: this.world.params.policies.migration,
        onPause: () => cluster.setVmStatus(vm, 'paused'),
        onPostCopy: () => {
          run.postCopy = true;
        },
        onEnd: (outcome) => this.finish(run, outcome),
      });
    });
  }

  private finish(run: Running, outcome: PreCopyOutcome): void {
    const { cluster, engine } = this.world;
    const { request: req, to } = run;
    const vm = req.vm;
    this.track(run, -1);
    if (!(outcome.ok && this.world.canary === 'leakReservation')) cluster.release(vm, to);
    const base = { vm: vm.id, from: req.from, to, durationMs: outcome.durationMs, downtimeMs: outcome.downtimeMs, transferredBytes: outcome.transferredBytes, rounds: outcome.rounds };
    if (outcome.ok) {
      cluster.assign(vm, to);
      cluster.setVmStatus(vm, 'running');
      engine.emit('vm.migration.end', { ...base, mode: outcome.mode });
      req.callbacks.migrated(to);
      this.world.vmArrived(vm.id, to);
    } else {
      if (vm.status === 'migrating' || vm.status === 'paused') cluster.setVmStatus(vm, 'running');
      engine.emit('vm.migration.fail', { ...base, reason: outcome.reason });
      if (outcome.reason !== 'cancelled') this.retry(req, outcome.reason);
    }
    this.world.capacityChanged();
  }

  private retry(req: Request, reason: string): void {
    const m = this.world.params.policies.migration;
    req.failures++;
    if (req.failures > m.retriesMax) {
      this.world.engine.emit('vm.migration.giveup', { vm: req.vm.id, from: req.from, failures: req.failures, reason });
      req.callbacks.gaveUp(`${req.vm.id}: gave up after ${req.failures} failed migration${req.failures === 1 ? '' : 's'} (last: ${reason})`);
      return;
    }
    req.notBeforeMs = this.world.engine.now + m.retryInitialSeconds * 1000 * m.retryFactor ** (req.failures - 1);
    req.blockedReason = undefined;
    this.queue.push(req);
  }

  /**
   * A host failed: migrations out of it are lost with their VM; migrations into it are cancelled and
   * retried (the VM still runs on its source); queued requests from it are dropped.
   */
  hostFailed(hostId: string): void {
    const { engine } = this.world;
    for (const [vmId, run] of [...this.running.entries()]) {
      if (run.request.from !== hostId && run.to !== hostId) continue;
      engine.cancel(run.setup);
      const outcome = run.precopy?.cancel();
      this.track(run, -1);
      this.world.cluster.release(run.request.vm, run.to);
      // In post-copy the guest's memory is split between the hosts: losing either loses the VM.
      // It is down where it ran; the failure handler crashes the VMs assigned to the failed host.
      const lostSource = run.request.from === hostId || run.postCopy;
      if (run.postCopy && run.to === hostId) this.world.cluster.assign(run.request.vm, hostId);
      engine.emit('vm.migration.fail', {
        vm: vmId, from: run.request.from, to: run.to,
        durationMs: outcome?.durationMs ?? 0, downtimeMs: outcome?.downtimeMs ?? 0,
        transferredBytes: outcome?.transferredBytes ?? 0, rounds: outcome?.rounds ?? 0,
        reason: lostSource ? 'sourceFailed' : 'targetFailed',
      });
      if (lostSource) run.request.callbacks.gaveUp(`${vmId}: source host ${hostId} failed`);
      else {
        const vm = run.request.vm;
        if (vm.status === 'migrating' || vm.status === 'paused') this.world.cluster.setVmStatus(vm, 'running');
        this.retry(run.request, 'targetFailed');
      }
    }
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].from !== hostId) continue;
      const [req] = this.queue.splice(i, 1);
      req.callbacks.gaveUp(`${req.vm.id}: source host ${hostId} failed`);
    }
    this.world.capacityChanged();
  }
}
