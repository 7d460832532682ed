// Live-migration orchestration: the queue of requested migrations and the platform's concurrency
// limits (KubeVirt: 5 per cluster, 2 outbound per node; vCenter: 8 per host on 10 GbE, 4 on 1 GbE;
// Nova: 1 per source host; platform-facts §1.2, §4.4, §5.1). A request waits in FIFO order until a
// slot is free and a target passes placement; then the pre-copy mechanism (precopy.ts) moves the
// memory over the fluid network. Failed evacuations retry with KubeVirt's doubling backoff (§1.2).
import { place, placedFields, refusalReason, refusedFields, type PlacementDecision } from '../placement/place.ts';
import { startPreCopy, type PreCopyHandle, type PreCopyOutcome } from './precopy.ts';
import { startDiskMirror, type MirrorHandle } from './disk-mirror.ts';
import { migrationNetwork, migrationNicGbps, streamCapBytesPerSec } from './migration-stream.ts';
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
  /** The VM stopped where it is (its volume is gone): there is nothing left to move. */
  wentDown(): void;
}

/** Why a migration was asked for, besides evacuations and balancing moves (vm.migration.queue / start). */
export type MigrationReason = 'maintenanceMoveBack';

interface Request {
  vm: Vm;
  reason?: MigrationReason;
  from: string;
  /** A chosen target (a balancing move): the migration goes there or not at all. */
  to?: string;
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
  /** The local disk's drive-mirror, before memory moves (local storage with withLocalDisks). */
  mirror?: MirrorHandle;
  /** What the mirror sent and how long it took, added to the migration's figures. */
  mirroredBytes: number;
  mirrorMs: number;
  /** Post-copy began: the guest runs on `to` and needs both hosts until the last page arrives. */
  postCopy: boolean;
}

const GiB = 2 ** 30;

export class MigrationScheduler {
  private readonly queue: Request[] = [];
  /** The queued request of each VM (a VM migrates once at a time), so a second request finds it in O(1). */
  private readonly queued = new Map<string, Request>();
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

  /**
   * Queues a live migration of the VM; with `to`, only to that host (dropped if it cannot take the VM).
   * A VM migrates once at a time: a balancing move asked for a VM already queued or migrating is
   * dropped, and an evacuation joins the migration already asked for (which may then go to any host).
   */
  request(vm: Vm, callbacks: MigrationCallbacks, to?: string, reason?: MigrationReason): void {
    const pending = this.running.get(vm.id)?.request ?? this.queued.get(vm.id);
    if (pending !== undefined) {
      if (to !== undefined) {
        callbacks.gaveUp(`${vm.id}: already migrating`);
        return;
      }
      // An evacuation takes over a queued move-back: it now goes wherever placement allows.
      delete pending.to;
      delete pending.reason;
      pending.callbacks = joined(pending.callbacks, callbacks);
      return;
    }
    const req: Request = { vm, from: vm.host!, callbacks, failures: 0, notBeforeMs: this.world.engine.now };
    if (to !== undefined) req.to = to;
    if (reason !== undefined) req.reason = reason;
    this.enqueue(req);
    this.world.engine.emit('vm.migration.queue', { vm: vm.id, from: vm.host, ...(reason === undefined ? {} : { reason }) });
    this.pump();
  }

  private enqueue(req: Request): void {
    this.queue.push(req);
    this.queued.set(req.vm.id, req);
  }

  private dequeue(i: number): Request {
    const [req] = this.queue.splice(i, 1);
    this.queued.delete(req.vm.id);
    return req;
  }

  /** Starts every queued migration that a free slot and a placement allow now. */
  pump(): void {
    const { engine } = this.world;
    let nextRetryMs = Infinity;
    const held = this.world.managementDown ? { cluster: 0, outbound: new Map<string, number>() } : undefined;
    for (let i = 0; i < this.queue.length; ) {
      const req = this.queue[i];
      if (req.notBeforeMs > engine.now) {
        nextRetryMs = Math.min(nextRetryMs, req.notBeforeMs);
        i++;
        continue;
      }
      if (!this.slotFree(req.from) || (req.to !== undefined && this.busy.has(req.to))) {
        i++;
        continue;
      }
      // It would start now but vCenter / Nova / the KubeVirt controller is unreachable.
      if (held !== undefined) {
        if (this.slotFreeBesides(req.from, held)) this.world.waitForManagement('migration', req.vm.id);
        i++;
        continue;
      }
      if (this.tryStart(req)) this.dequeue(i);
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
    const slowNic = migrationNicGbps(this.world.cluster.host(hostId).spec, m) < 10 && m.maxParallelPerHostSlowNic > 0;
    return { perHost: slowNic ? m.maxParallelPerHostSlowNic : m.maxParallelPerHost, m };
  }

  private slotFree(from: string): boolean {
    const { m } = this.limits(from);
    if (m.maxParallelPerCluster > 0 && this.running.size >= m.maxParallelPerCluster) return false;
    if (m.maxParallelOutboundPerHost > 0 && (this.outbound.get(from) ?? 0) >= m.maxParallelOutboundPerHost) return false;
    return !this.busy.has(from);
  }

  /**
   * During an outage: whether the request would also get a slot beside those already counted as
   * held (`held` is updated), so that only the migrations that would really start count as delayed.
   */
  private slotFreeBesides(from: string, held: { cluster: number; outbound: Map<string, number> }): boolean {
    const { m } = this.limits(from);
    const out = held.outbound.get(from) ?? 0;
    if (m.maxParallelPerCluster > 0 && this.running.size + held.cluster >= m.maxParallelPerCluster) return false;
    if (m.maxParallelOutboundPerHost > 0 && (this.outbound.get(from) ?? 0) + out >= m.maxParallelOutboundPerHost) return false;
    held.cluster++;
    held.outbound.set(from, out + 1);
    return true;
  }

  /** Counts a migration in (+1) or out (-1) of the per-host tallies. */
  private track(run: Running, sign: 1 | -1): void {
    if (sign === 1) this.running.set(run.request.vm.id, run);
    else this.running.delete(run.request.vm.id);
    const from = run.request.from;
    this.outbound.set(from, (this.outbound.get(from) ?? 0) + sign);
    for (const host of [from, run.to]) {
      this.world.cluster.cpu.migration(host, sign);
      const n = (this.touching.get(host) ?? 0) + sign;
      this.touching.set(host, n);
      const perHost = this.limits(host).perHost;
      if (perHost > 0 && n >= perHost) this.busy.add(host);
      else this.busy.delete(host);
    }
  }

  private tryStart(req: Request): boolean {
    const { cluster, engine } = this.world;
    const only = req.to === undefined ? undefined : new Set([req.to]);
    const decision = place({ cluster, admission: true, explain: this.world.explain }, req.vm, { exclude: req.from, busy: this.busy, only });
    if (decision.host === undefined) {
      const reason = refusalReason(decision);
      if (req.to !== undefined) {
        // A chosen move whose target no longer fits is dropped; the next pass chooses again.
        engine.emit('vm.migration.blocked', { vm: req.vm.id, from: req.from, ...refusedFields(decision) });
        req.callbacks.gaveUp(`${req.vm.id}: ${reason}`);
        return true;
      }
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
    const run: Running = { request: req, to, startedMs: engine.now, postCopy: false, mirroredBytes: 0, mirrorMs: 0 };
    this.track(run, 1);
    const reason = req.reason === undefined ? {} : { reason: req.reason };
    engine.emit('vm.migration.start', { vm: vm.id, from: req.from, to, attempt: req.failures + 1, ...reason, ...placedFields(decision) });
    run.setup = engine.after(this.world.params.policies.migration.setupSeconds * 1000, () => {
      run.setup = undefined;
      run.startedMs = engine.now;
      if (this.mirrorsDisk(vm)) this.mirror(run);
      else this.precopy(run);
    });
  }

  /** A VM whose disk is on its host moves with it only by drive-mirror (the platform must allow it). */
  private mirrorsDisk(vm: Vm): boolean {
    return this.world.storageKind === 'local' && this.world.params.policies.migration.withLocalDisks && vm.spec.diskGiB > 0;
  }

  private mirror(run: Running): void {
    const { engine } = this.world;
    const vm = run.request.vm;
    const m = this.world.params.policies.migration;
    run.mirror = startDiskMirror(engine, this.world.network, {
      vmId: vm.id,
      src: run.request.from,
      dst: run.to,
      diskBytes: vm.spec.diskGiB * GiB,
      writeBytesPerSec: vm.spec.diskWriteMiBps * 2 ** 20,
      capBytesPerSec: streamCapBytesPerSec(m),
      network: migrationNetwork(m),
      onReady: (sent) => {
        run.mirror = undefined;
        run.mirroredBytes = sent;
        run.mirrorMs = engine.now - run.startedMs;
        this.precopy(run);
      },
    });
  }

  private precopy(run: Running): void {
    const { cluster, engine } = this.world;
    const { request: req, to } = run;
    const vm = req.vm;
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
  }

  private finish(run: Running, outcome: PreCopyOutcome): void {
    const { cluster, engine } = this.world;
    const { request: req, to } = run;
    const vm = req.vm;
    this.track(run, -1);
    if (!(outcome.ok && this.world.canary === 'leakReservation')) cluster.release(vm, to);
    const base = {
      vm: vm.id, from: req.from, to, durationMs: outcome.durationMs + run.mirrorMs, downtimeMs: outcome.downtimeMs,
      transferredBytes: outcome.transferredBytes + run.mirroredBytes, rounds: outcome.rounds,
    };
    if (outcome.ok) {
      if (run.mirrorMs > 0) this.world.storage?.moveLocalCopy(vm.id, req.from, to);
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
    this.enqueue(req);
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
      const mirrored = run.mirror?.cancel() ?? run.mirroredBytes;
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
        transferredBytes: (outcome?.transferredBytes ?? 0) + mirrored, rounds: outcome?.rounds ?? 0,
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
      const req = this.dequeue(i);
      req.callbacks.gaveUp(`${req.vm.id}: source host ${hostId} failed`);
    }
    this.world.capacityChanged();
  }

  /**
   * The VM went down where it is (its volume is lost; the caller has set it down): its migration,
   * running or queued, is cancelled and its requesters hear that there is nothing left to move.
   */
  vmDown(vm: Vm): void {
    const { engine } = this.world;
    const run = this.running.get(vm.id);
    if (run !== undefined) {
      engine.cancel(run.setup);
      const mirrored = run.mirror?.cancel() ?? run.mirroredBytes;
      const outcome = run.precopy?.cancel();
      this.track(run, -1);
      this.world.cluster.release(vm, run.to);
      engine.emit('vm.migration.fail', {
        vm: vm.id, from: run.request.from, to: run.to,
        durationMs: outcome?.durationMs ?? 0, downtimeMs: outcome?.downtimeMs ?? 0,
        transferredBytes: (outcome?.transferredBytes ?? 0) + mirrored, rounds: outcome?.rounds ?? 0,
        reason: 'vmDown',
      });
      run.request.callbacks.wentDown();
      this.world.capacityChanged();
    }
    const i = this.queued.has(vm.id) ? this.queue.findIndex((r) => r.vm === vm) : -1;
    if (i >= 0) this.dequeue(i).callbacks.wentDown();
  }
}

/** Both parties hear how the one migration of their VM went. */
function joined(a: MigrationCallbacks, b: MigrationCallbacks): MigrationCallbacks {
  return {
    migrated: (to) => {
      a.migrated(to);
      b.migrated(to);
    },
    blocked: (reason) => {
      a.blocked(reason);
      b.blocked(reason);
    },
    gaveUp: (reason) => {
      a.gaveUp(reason);
      b.gaveUp(reason);
    },
    wentDown: () => {
      a.wentDown();
      b.wentDown();
    },
  };
}
