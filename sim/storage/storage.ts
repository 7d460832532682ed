// The one storage engine every kind plugs into (a policy from policy.ts supplies the rules). It
// reacts to hosts leaving and returning and to disks failing and being replaced: copies go absent
// (and are replaced after the kind's wait) or are destroyed (and are replaced at once, if the
// policy's delay allows), returning copies resync what they missed, lost sets stay lost. Before a
// host enters maintenance it runs the kind's preparation (preparation.ts: vSAN data migration,
// Longhorn's drain policy, Ceph's noout). All copying is done by CopyJobs over the storage network.
import type { EventHandle } from '../core/engine.ts';
import type { World } from '../ops/world.ts';
import type { DataMigrationMode } from '../scenario/types.ts';
import type { PolicyContext, SourceRead, StoragePolicy } from './policy.ts';
import { Preparations, type PreparationEngine } from './preparation.ts';
import { CopyJobs, type CopyJob } from './rebuilds.ts';
import { StorageState } from './state.ts';
import { isRefused, type Copy, type ReplicaSet } from './types.ts';

const GiB = 2 ** 30;
const TiB = 2 ** 40;
const MiB = 2 ** 20;

export class Storage implements PreparationEngine {
  readonly state: StorageState;
  readonly jobs: CopyJobs;
  /** Absent copies whose wait is over: they no longer count towards the set's copies. */
  private readonly expired = new Set<number>();
  private readonly expiryTimers = new Map<number, EventHandle>();
  private readonly dirty = new Set<number>();
  private planPending = false;
  private readonly blockedReasons = new Map<number, string>();
  private readonly preparations: Preparations;
  readonly ctx: PolicyContext;

  constructor(private readonly world: World, readonly policy: StoragePolicy) {
    this.state = new StorageState(world.engine, (set) => policy.accessible(set, this.state));
    this.jobs = new CopyJobs(world.engine, world.network, () => world.params.policies.storage.rebuildStreamMiBps);
    const rng = world.engine.stream('storage');
    this.ctx = {
      state: this.state,
      params: world.params,
      hosts: [],
      random: () => rng.next(),
      record: (event, fields) => world.engine.emit(event, fields),
    };
    for (const id of world.cluster.hostIds) {
      const spec = world.cluster.host(id).spec;
      this.state.addDisks(id, spec.disks.count, spec.disks.sizeTiB * TiB);
    }
    this.preparations = new Preparations(this);
  }

  refreshHosts(): void {
    const { cluster } = this.world;
    (this.ctx as { hosts: PolicyContext['hosts'] }).hosts = cluster.hostIds.map((id) => {
      const h = cluster.host(id);
      const usable = (h.status === 'up' || h.status === 'draining') && !this.preparations.leaving.has(id);
      return { id, usable, rack: h.spec.rack };
    });
  }

  /** Creates a volume for every placed VM with a disk and lays out its copies. */
  init(): void {
    const { cluster } = this.world;
    const volumes = cluster.vmIds
      .map((id) => cluster.vm(id))
      .filter((vm) => vm.host !== undefined && vm.spec.diskGiB > 0)
      .map((vm) => ({ id: vm.id, vm: vm.id, bytes: vm.spec.diskGiB * GiB, vmHost: vm.host!, writeBytesPerSec: vm.spec.diskWriteMiBps * MiB }));
    for (const v of volumes) this.state.addVolume({ id: v.id, vm: v.vm, bytes: v.bytes, health: 'healthy' });
    this.refreshHosts();
    this.policy.layout(this.ctx, volumes);
    for (const set of this.state.sets) {
      this.state.refresh(set);
      this.markDirty(set);
    }
    this.world.engine.emit('storage.ready', { kind: this.policy.kind, volumes: this.state.volumeIds.length, sets: this.state.sets.length });
  }

  /** A host left: through failure (its copies are absent, maybe for good) or maintenance. */
  hostDown(host: string, cause: 'failure' | 'maintenance'): void {
    this.preparations.leaving.delete(host);
    for (const job of this.jobs.all()) {
      if (job.target.host === host || job.sources.some((s) => s.host === host)) this.abort(job, `host ${host} down`);
    }
    for (const set of this.setsOn(host)) {
      for (const copy of set.copies.filter((c) => c.host === host && c.state === 'current')) this.goAbsent(set, copy, cause);
      this.state.refresh(set);
      this.markDirty(set);
    }
    this.replan();
  }

  private goAbsent(set: ReplicaSet, copy: Copy, cause: 'failure' | 'maintenance', absentAtWritableMs = this.state.writableMsNow(set)): void {
    copy.state = 'absent';
    copy.absentAtWritableMs = absentAtWritableMs;
    copy.absentCause = cause;
    const delay = this.policy.replaceDelayMs(this.ctx, cause);
    if (delay === Infinity) return;
    this.expiryTimers.set(
      copy.id,
      this.world.engine.after(delay, () => {
        this.expiryTimers.delete(copy.id);
        if (copy.state !== 'absent' || !set.copies.includes(copy)) return;
        this.expired.add(copy.id);
        this.world.engine.emit('replica.absent.expire', { set: set.name, host: copy.host, disk: copy.disk });
        this.markDirty(set);
      }),
    );
  }

  /** A host returned: its absent copies resync what they missed, or are dropped if replaced. */
  hostUp(host: string): void {
    for (const set of this.setsOn(host)) {
      for (const copy of set.copies.filter((c) => c.host === host && c.state === 'absent')) this.returnCopy(set, copy);
      this.state.refresh(set);
      this.markDirty(set);
    }
    this.markAllDegradedDirty();
  }

  private returnCopy(set: ReplicaSet, copy: Copy): void {
    this.world.engine.cancel(this.expiryTimers.get(copy.id));
    this.expiryTimers.delete(copy.id);
    this.expired.delete(copy.id);
    const others = set.copies.filter((c) => c !== copy && c.witness === copy.witness && (c.state === 'current' || c.state === 'building'));
    if (set.lost || others.length >= (copy.witness ? set.witnesses : set.wantedData)) {
      this.state.removeCopy(set, copy);
      this.world.engine.emit('replica.discard', { set: set.name, host: copy.host, disk: copy.disk, reason: set.lost ? 'set lost' : 'replaced' });
      return;
    }
    const missed = this.state.missedBytes(set, copy);
    if (missed === 0 || copy.witness) {
      copy.state = 'current';
      return;
    }
    const sources = this.policy.sources(this.ctx, set, missed);
    if (sources.length === 0) {
      // Stays absent (stale) until a source exists; repair() retries it when something returns.
      this.blockedReasons.set(set.id, 'returned copy has no current copy to resync from');
      return;
    }
    const absentAt = copy.absentAtWritableMs, cause = copy.absentCause;
    copy.state = 'building';
    this.submit(set, copy, sources, 'resync', { absentAtWritableMs: absentAt, absentCause: cause });
  }

  diskFailed(host: string, index: number): void {
    const disk = this.state.disk(host, index);
    disk.failed = true;
    for (const job of this.jobs.all()) {
      const readsFromDisk = job.set.copies.some((c) => c.host === host && c.disk === index && job.sources.some((s) => s.host === host));
      if ((job.target.host === host && job.target.disk === index) || readsFromDisk) this.abort(job, `disk ${host}/${index} failed`);
    }
    for (const set of this.setsOn(host)) {
      const gone = set.copies.filter((c) => c.host === host && c.disk === index);
      if (gone.length === 0) continue;
      for (const copy of gone) {
        this.world.engine.cancel(this.expiryTimers.get(copy.id));
        this.expired.delete(copy.id);
        this.state.removeCopy(set, copy);
      }
      this.world.engine.emit('replica.destroy', { set: set.name, host, disk: index, copies: gone.length });
      this.state.refresh(set);
      this.holdRepair(set, this.policy.destroyedDelayMs(this.ctx));
    }
    disk.usedBytes = 0;
    this.replan();
  }

  /** Defers the set's repair by `delayMs` (never shortening a hold already in place). */
  private holdRepair(set: ReplicaSet, delayMs: number): void {
    const until = this.world.engine.now + delayMs;
    if (delayMs > 0 && (set.holdUntilMs ?? 0) < until) {
      set.holdUntilMs = until;
      this.world.engine.at(until, () => this.markDirty(set));
    }
    this.markDirty(set);
  }

  /** The host's maintenance was abandoned (it failed): stop preparing it. */
  cancelPreparation(host: string): void {
    this.preparations.cancel(host);
  }

  diskReplaced(host: string, index: number): void {
    const disk = this.state.disk(host, index);
    disk.failed = false;
    disk.usedBytes = 0;
    this.markAllDegradedDirty();
  }

  /** Runs the kind's preparation before `host` may enter maintenance; `ready` when done. */
  prepareMaintenance(host: string, mode: DataMigrationMode, ready: () => void, blocked: (reason: string) => void): void {
    this.preparations.start(host, mode, ready, blocked);
  }

  later(action: () => void): void {
    this.world.engine.after(0, action);
  }

  emit(type: string, fields: Record<string, unknown>): void {
    this.world.engine.emit(type, fields);
  }

  evacuationJob(set: ReplicaSet, target: Copy, sources: SourceRead[], evacuates: Copy): CopyJob {
    return this.submit(set, target, sources, 'evacuate', { evacuates });
  }

  jobsRunning(): CopyJob[] {
    return this.jobs.all();
  }

  private submit(set: ReplicaSet, target: Copy, sources: CopyJob['sources'], kind: CopyJob['kind'], extra: Partial<CopyJob> = {}): CopyJob {
    return this.jobs.submit({
      set, target, sources, kind, ...extra,
      slots: this.policy.slots(this.ctx, target, sources),
      done: (job) => {
        job.target.state = 'current';
        if (job.evacuates && set.copies.includes(job.evacuates)) this.state.removeCopy(set, job.evacuates);
        this.state.refresh(set);
        this.markDirty(set);
        this.jobEnded(job);
      },
      failed: () => undefined,
    });
  }

  private jobEnded(job: CopyJob): void {
    this.preparations.jobEnded(job);
    this.markAllDegradedDirty();
  }

  /** Cancels a job and undoes its target copy (a resync's copy goes back to absent). */
  abort(job: CopyJob, reason: string): void {
    this.jobs.cancel(job, reason);
    const { set, target } = job;
    if (job.kind === 'resync' && set.copies.includes(target)) this.goAbsent(set, target, job.absentCause ?? 'failure', job.absentAtWritableMs);
    else this.state.removeCopy(set, target);
    this.state.refresh(set);
    this.markDirty(set);
    this.jobEnded(job);
  }

  private setsOn(host: string): ReplicaSet[] {
    return this.state.sets.filter((s) => s.copies.some((c) => c.host === host));
  }

  private markDirty(set: ReplicaSet): void {
    this.dirty.add(set.id);
    this.replan();
  }

  /**
   * Something that may unblock waiting work happened (a host or disk came back, a copy job ended):
   * retry the sets whose repair found no target or source, and the maintenance preparations that
   * were blocked. Sets waiting on a timer or a running job need no wake-up.
   */
  private markAllDegradedDirty(): void {
    for (const id of [...this.blockedReasons.keys()].sort((a, b) => a - b)) this.dirty.add(id);
    this.preparations.wakeBlocked();
    this.replan();
  }

  /** Data copies that count towards the policy: current, building, or absent and still awaited. */
  private counted(set: ReplicaSet): number {
    return set.copies.filter((c) => !c.witness && (c.state !== 'absent' || !this.expired.has(c.id))).length;
  }

  private replan(): void {
    if (this.planPending) return;
    this.planPending = true;
    this.world.engine.after(0, () => {
      this.planPending = false;
      this.refreshHosts();
      const ids = [...this.dirty].sort((a, b) => a - b);
      this.dirty.clear();
      for (const id of ids) this.repair(this.state.sets[id]);
    });
  }

  /** Copies that came back while no current copy could feed their resync try again. */
  private resyncReturned(set: ReplicaSet): void {
    const back = set.copies.filter((c) => c.state === 'absent' && this.ctx.hosts.some((h) => h.id === c.host && h.usable));
    if (back.length === 0) return;
    for (const copy of back) this.returnCopy(set, copy);
    this.state.refresh(set);
  }

  /** Witnesses hold only metadata: a missing one is recreated at once on a host without a copy. */
  private replaceWitnesses(set: ReplicaSet): void {
    const have = set.copies.filter((c) => c.witness && (c.state !== 'absent' || !this.expired.has(c.id))).length;
    for (let i = have; i < set.witnesses; i++) {
      const target = this.policy.target(this.ctx, set, set.copies.map((c) => c.host));
      if (isRefused(target)) return;
      this.state.addCopy(set, target.host, target.disk, 'current', true);
      this.world.engine.emit('replica.witness', { set: set.name, host: target.host });
    }
    for (const c of set.copies.filter((c) => c.witness && c.state === 'absent' && this.expired.has(c.id))) this.state.removeCopy(set, c);
    this.state.refresh(set);
  }

  /** Starts rebuilds until the set has its copies again (or records why it cannot). */
  private repair(set: ReplicaSet): void {
    if (set.lost) {
      this.blockedReasons.delete(set.id);
      for (const job of this.jobs.forSet(set.id)) this.abort(job, 'set lost');
      return;
    }
    if ((set.holdUntilMs ?? 0) > this.world.engine.now) return;
    this.resyncReturned(set);
    this.replaceWitnesses(set);
    let deficit = set.wantedData - this.counted(set);
    if (deficit <= 0) this.blockedReasons.delete(set.id);
    while (deficit > 0) {
      const target = this.policy.target(this.ctx, set, set.copies.map((c) => c.host));
      const bytes = set.bytes / set.dataNeeded;
      const sources = isRefused(target) ? [] : this.policy.sources(this.ctx, set, bytes);
      if (isRefused(target) || sources.length === 0) {
        const reason = isRefused(target) ? target.refused : 'no current copy to read from';
        if (this.blockedReasons.get(set.id) !== reason) {
          this.blockedReasons.set(set.id, reason);
          this.world.engine.emit('replica.rebuild.blocked', { set: set.name, reason });
        }
        return;
      }
      this.blockedReasons.delete(set.id);
      const copy = this.state.addCopy(set, target.host, target.disk, 'building');
      this.submit(set, copy, sources, 'rebuild');
      deficit--;
    }
  }
}
