// The one storage engine every kind plugs into (a policy from policy.ts supplies the rules). It
// reacts to hosts leaving and returning and to disks failing and being replaced: copies go absent
// (and are replaced after the kind's wait) or are destroyed (and are replaced at once, if the
// policy's delay allows), returning copies resync what they missed, lost sets stay lost. Before a
// host enters maintenance it runs the kind's preparation (preparation.ts: vSAN data migration,
// Longhorn's drain policy, Ceph's noout). All copying is done by CopyJobs over the storage network.
import type { EventType, Events } from '../events/catalogue.ts';
import type { EventHandle } from '../core/engine.ts';
import type { SimEngine } from '../events/catalogue.ts';
import type { Cluster } from '../model/cluster.ts';
import type { Network } from '../model/network.ts';
import type { Parameters } from '../platforms/parameters.ts';
import type { DataMigrationMode } from '../scenario/types.ts';
import type { PolicyContext, SourceRead, StoragePolicy } from './policy.ts';
import { HostView } from './host-view.ts';
import { PlacementIndex } from './placement-index.ts';
import { Preparations, type PreparationEngine } from './preparation.ts';
import { CopyJobs, type CopyJob } from './rebuilds.ts';
import { StorageState } from './state.ts';
import { isRefused, type Copy, type ReplicaSet } from './types.ts';

const GiB = 2 ** 30;
const TiB = 2 ** 40;
const MiB = 2 ** 20;

/**
 * What the storage engine needs of the run: the engine, the cluster, the network and the
 * parameters. The ops' World provides it; storage does not import the ops layer.
 */
export interface StorageWorld {
  readonly engine: SimEngine;
  readonly cluster: Cluster;
  readonly network: Network;
  readonly params: Parameters;
}

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
  private upgrades = 0;
  readonly placement: PlacementIndex;
  readonly hostView: HostView;

  constructor(private readonly world: StorageWorld, readonly policy: StoragePolicy) {
    this.state = new StorageState(world.engine, (set) => policy.accessible(set, this.state));
    this.jobs = new CopyJobs(world.engine, world.network, () => world.params.policies.storage.rebuildStreamMiBps);
    const rng = world.engine.stream('storage');
    this.placement = new PlacementIndex(this.state.sets);
    this.ctx = {
      state: this.state,
      params: world.params,
      hosts: [],
      hostUsable: (host) => this.hostView.usableInList(host),
      setsOn: (host) => this.placement.setsOn(host),
      upgradeInProgress: false,
      random: () => rng.next(),
      record: (event, fields) => world.engine.emit(event, fields),
    };
    for (const id of world.cluster.hostIds) {
      const spec = world.cluster.host(id).spec;
      this.state.addDisks(id, spec.disks.count, spec.disks.sizeTiB * TiB);
    }
    this.preparations = new Preparations(this);
    this.hostView = new HostView(world.cluster, this.preparations.leaving);
  }

  refreshHosts(): void {
    (this.ctx as { hosts: PolicyContext['hosts'] }).hosts = this.hostView.refresh();
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
    this.placement.build();
    for (const set of this.state.sets) {
      this.state.refresh(set);
      this.markDirty(set);
    }
    this.world.engine.emit('storage.ready', { kind: this.policy.kind, volumes: this.state.volumeIds.length, sets: this.state.sets.length });
  }

  /** A host left: through failure (its copies are absent, maybe for good) or maintenance. */
  hostDown(host: string, cause: 'failure' | 'maintenance'): void {
    this.preparations.leaving.delete(host);
    this.hostView.touch(host);
    for (const job of this.jobs.forHost(host)) this.abort(job, `host ${host} down`);
    for (const set of this.placement.setsOn(host)) {
      for (const copy of set.copies.filter((c) => c.host === host && c.state === 'current')) this.goAbsent(set, copy, cause);
      this.refresh(set);
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
    this.hostView.touch(host);
    for (const set of this.placement.setsOn(host)) {
      for (const copy of set.copies.filter((c) => c.host === host && c.state === 'absent')) this.returnCopy(set, copy);
      this.refresh(set);
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
      this.removeCopy(set, copy);
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
    for (const job of this.jobs.forHost(host)) {
      const readsFromDisk = job.set.copies.some((c) => c.host === host && c.disk === index && job.sources.some((s) => s.host === host));
      if ((job.target.host === host && job.target.disk === index) || readsFromDisk) this.abort(job, `disk ${host}/${index} failed`);
    }
    for (const set of this.placement.setsOnDisk(host, index)) {
      const gone = set.copies.filter((c) => c.host === host && c.disk === index);
      for (const copy of gone) {
        this.world.engine.cancel(this.expiryTimers.get(copy.id));
        this.expired.delete(copy.id);
        this.removeCopy(set, copy);
      }
      this.world.engine.emit('replica.destroy', { set: set.name, host, disk: index, copies: gone.length });
      this.refresh(set);
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

  /**
   * The platform's own upgrade starts or ends (rollouts with mode: upgrade; they may overlap, so
   * it is counted). The kind's policy reads it (Harvester raises Longhorn's replica wait).
   */
  upgrade(running: boolean): void {
    this.upgrades += running ? 1 : -1;
    (this.ctx as { upgradeInProgress: boolean }).upgradeInProgress = this.upgrades > 0;
  }

  /** The host's maintenance was abandoned (it failed): stop preparing it. */
  cancelPreparation(host: string): void {
    this.hostView.touch(host);
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
    // Called in the middle of other hosts' changes (a failed host's rollout moves on before the
    // storage hears of the failure): re-read every host rather than trust the touched ones.
    this.hostView.touchAll();
    this.preparations.start(host, mode, ready, blocked);
  }

  later(action: () => void): void {
    this.world.engine.after(0, action);
  }

  emit<K extends EventType>(type: K, fields: Events[K]): void {
    this.world.engine.emit(type, fields);
  }

  evacuationJob(set: ReplicaSet, target: Copy, sources: SourceRead[], evacuates: Copy): CopyJob {
    return this.submit(set, target, sources, 'evacuate', { evacuates });
  }

  /** Allocates a copy and indexes it: every copy the engine adds after the layout goes through here. */
  addCopy(set: ReplicaSet, host: string, disk: number, state: Copy['state'], witness = false): Copy {
    const copy = this.state.addCopy(set, host, disk, state, witness);
    this.placement.add(copy);
    this.preparations.setChanged(set);
    return copy;
  }

  /** Frees a copy and drops it from the index (nothing if the set no longer has it). */
  removeCopy(set: ReplicaSet, copy: Copy): void {
    const before = set.copies.length;
    this.state.removeCopy(set, copy);
    if (set.copies.length === before) return;
    this.placement.remove(copy);
    this.preparations.setChanged(set, copy.host);
  }

  /** Every change to a set's copies ends here: its health and loss, and the preparations it concerns. */
  refresh(set: ReplicaSet): void {
    this.state.refresh(set);
    this.preparations.setChanged(set);
  }

  private submit(set: ReplicaSet, target: Copy, sources: CopyJob['sources'], kind: CopyJob['kind'], extra: Partial<CopyJob> = {}): CopyJob {
    return this.jobs.submit({
      set, target, sources, kind, ...extra,
      slots: this.policy.slots(this.ctx, target, sources),
      done: (job) => {
        job.target.state = 'current';
        if (job.evacuates) this.removeCopy(set, job.evacuates);
        this.refresh(set);
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
    else this.removeCopy(set, target);
    this.refresh(set);
    this.markDirty(set);
    this.jobEnded(job);
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
    // No sort: replan() sorts the dirty ids.
    for (const id of this.blockedReasons.keys()) this.dirty.add(id);
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
    const back = set.copies.filter((c) => c.state === 'absent' && this.ctx.hostUsable(c.host));
    if (back.length === 0) return;
    for (const copy of back) this.returnCopy(set, copy);
    this.refresh(set);
  }

  /**
   * Witnesses hold only metadata: a missing one is recreated at once on a host without a copy.
   * Returns why one could not be, if so: the set then waits among the blocked ones, so that a host
   * or disk coming back retries it (a witness destroyed with its disk on a three-host cluster has
   * nowhere to go until that host returns).
   */
  private replaceWitnesses(set: ReplicaSet): string | undefined {
    const have = set.copies.filter((c) => c.witness && (c.state !== 'absent' || !this.expired.has(c.id))).length;
    for (let i = have; i < set.witnesses; i++) {
      const target = this.policy.target(this.ctx, set, set.copies.map((c) => c.host));
      if (isRefused(target)) return `witness: ${target.refused}`;
      this.addCopy(set, target.host, target.disk, 'current', true);
      this.world.engine.emit('replica.witness', { set: set.name, host: target.host });
    }
    for (const c of set.copies.filter((c) => c.witness && c.state === 'absent' && this.expired.has(c.id))) this.removeCopy(set, c);
    this.refresh(set);
    return undefined;
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
    const witnessBlocked = this.replaceWitnesses(set);
    let deficit = set.wantedData - this.counted(set);
    if (deficit <= 0) this.blockedReasons.delete(set.id);
    while (deficit > 0) {
      const target = this.policy.target(this.ctx, set, set.copies.map((c) => c.host));
      const bytes = set.bytes / set.dataNeeded;
      const sources = isRefused(target) ? [] : this.policy.sources(this.ctx, set, bytes);
      if (isRefused(target) || sources.length === 0) {
        this.blocked(set, isRefused(target) ? target.refused : 'no current copy to read from');
        return;
      }
      this.blockedReasons.delete(set.id);
      const copy = this.addCopy(set, target.host, target.disk, 'building');
      this.submit(set, copy, sources, 'rebuild');
      deficit--;
    }
    if (witnessBlocked !== undefined) this.blocked(set, witnessBlocked);
  }

  private blocked(set: ReplicaSet, reason: string): void {
    if (this.blockedReasons.get(set.id) === reason) return;
    this.blockedReasons.set(set.id, reason);
    this.world.engine.emit('replica.rebuild.blocked', { set: set.name, reason });
  }
}
