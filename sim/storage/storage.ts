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
import type { PolicyContext, Slot, SourceRead, StoragePolicy } from './policy.ts';
import { HostView } from './host-view.ts';
import { PlacementIndex } from './placement-index.ts';
import { Preparations, type PreparationEngine } from './preparation.ts';
import { DurabilityComponents } from './durability.ts';
import { DataLocality } from './locality.ts';
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
  /** Sets by name (a volume's set is named after its VM), for the lookups placement makes per host. */
  private readonly setByName = new Map<string, ReplicaSet>();
  /** Hosts waiting for the kind to let them stop: since when, and what to call when it does. */
  private readonly stopWaiters = new Map<string, { retry: () => void; sinceMs: number }>();
  private stopRecheckPending = false;
  readonly placement: PlacementIndex;
  readonly hostView: HostView;
  private readonly durability = new DurabilityComponents(this);
  /** The data-migration mode of each host being prepared for maintenance, read when it goes down. */
  private readonly migrationModes = new Map<string, DataMigrationMode>();
  /** Volumes whose data could not be placed at all by the layout: they never hold data. */
  private readonly unplaced = new Set<string>();
  private readonly lostListeners: ((volumes: readonly string[]) => void)[] = [];
  /** Volumes lost since the listeners were last told (they hear of them from a fresh event). */
  private lostPending: string[] = [];
  /** Moves a copy to the node its VM runs on, for kinds with data locality (DSF). */
  private readonly locality: DataLocality | undefined;
  /** A copy was removed since the blocked sets were last retried (space or a fault domain freed). */
  private copyRemoved = false;

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
      this.state.addDisks(id, spec.disks.count, spec.disks.sizeTiB * TiB, spec.disks.class ?? world.params.storage.diskClass);
    }
    this.preparations = new Preparations(this);
    this.hostView = new HostView(world.cluster, this.preparations.leaving);
    this.state.onLost = (volumes) => this.volumesLost(volumes);
    const localityMiBps = policy.localityMiBps?.(this.ctx) ?? 0;
    this.locality = localityMiBps > 0 ? new DataLocality(this, world.cluster, localityMiBps, world.engine, (vm) => this.recheck(vm)) : undefined;
  }

  /**
   * Calls `listener` with the volumes that became lost (a volume's id is its VM's id), from a fresh
   * event at the same instant: the ops stop the VMs that ran from them, and what that sets off (a
   * drain going on, a host entering maintenance) must not run inside the storage change that lost them.
   */
  onVolumesLost(listener: (volumes: readonly string[]) => void): void {
    this.lostListeners.push(listener);
  }

  private volumesLost(volumes: readonly string[]): void {
    if (this.lostListeners.length === 0) return;
    if (this.lostPending.length === 0) {
      this.world.engine.after(0, () => {
        const lost = this.lostPending.sort();
        this.lostPending = [];
        for (const listener of this.lostListeners) listener(lost);
      });
    }
    this.lostPending.push(...volumes);
  }

  /** Whether the layout placed no data copy of the volume: it has never held data and never will. */
  volumeUnplaced(volumeId: string): boolean {
    return this.unplaced.has(volumeId);
  }

  /** The volumes the layout could not place at all, sorted. */
  get unplacedVolumes(): string[] {
    return [...this.unplaced].sort();
  }

  /** Something outside the storage changed what the set named `name` wants (its VM moved): look at it again. */
  private recheck(name: string): void {
    const set = this.setByName.get(name);
    if (set !== undefined) this.markDirty(set);
  }

  refreshHosts(): void {
    (this.ctx as { hosts: PolicyContext['hosts'] }).hosts = this.hostView.refresh();
  }

  /** Creates a volume for every placed VM with a disk and lays out its copies. */
  init(): void {
    this.state.batch(() => this.initNow());
  }

  private initNow(): void {
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
      this.policy.setChanged?.(this.ctx, set);
      this.markDirty(set);
    }
    for (const set of this.state.sets) this.setByName.set(set.name, set);
    if (this.policy.kind === 'zfs') this.tieVmsToTheirDisks();
    if (this.policy.kind === 'local') this.keepRoomForMirrors();
    const unplacedSets = this.state.unplacedSets();
    for (const set of unplacedSets) for (const v of this.state.volumesOf(set)) this.unplaced.add(v);
    this.world.engine.emit('storage.ready', {
      kind: this.policy.kind, volumes: this.state.volumeIds.length, sets: this.state.sets.length,
      redundancy: this.state.fullRedundancy(), unplaced: unplacedSets.map((set) => set.name),
    });
  }

  /**
   * Local ZFS: a VM may run (be placed, migrated, restarted) only on a node that holds a copy of its
   * disk and is there; a copy still catching up counts, because a migration first runs the
   * replication job to bring the target's copy up to date (pve-docs pvesr.adoc, "Migrating a guest").
   */
  private tieVmsToTheirDisks(): void {
    this.world.cluster.dataHosts = (vmId) => {
      const set = this.setByName.get(vmId);
      return set === undefined ? undefined : new Set(set.copies.filter((c) => c.state !== 'absent').map((c) => c.host));
    };
  }

  /**
   * Local disks with drive-mirror migration: a target needs a disk with room for the VM's disk. The
   * check reads the target's disks only (a handful), so placement stays O(1) per host.
   */
  private keepRoomForMirrors(): void {
    if (!this.world.params.policies.migration.withLocalDisks) return;
    this.world.cluster.diskRoom = (vmId, host) => {
      const set = this.setByName.get(vmId);
      return set === undefined || this.roomyDisk(host, set.bytes) !== undefined;
    };
  }

  private roomyDisk(host: string, bytes: number): number | undefined {
    let best: number | undefined;
    let bestFree = -Infinity;
    for (const disk of this.state.disks.get(host) ?? []) {
      const free = disk.capacityBytes - disk.usedBytes;
      if (!disk.failed && free >= bytes && free > bestFree) {
        best = disk.index;
        bestFree = free;
      }
    }
    return best;
  }

  /**
   * A live migration with local disks finished: the VM's disk now lives on `to` (the mirror's copy
   * on the target's roomiest disk) and the source's copy is freed.
   */
  moveLocalCopy(vmId: string, from: string, to: string): void {
    const set = this.setByName.get(vmId);
    if (set === undefined) return;
    const old = set.copies.find((c) => c.host === from);
    const disk = this.roomyDisk(to, set.bytes);
    if (old === undefined || disk === undefined) return;
    this.removeCopy(set, old);
    this.addCopy(set, to, disk, 'current');
    this.emit('replica.move', { set: set.name, from, to, disk });
    this.refresh(set);
    this.markDirty(set);
  }

  /** A host left: through failure (its copies are absent, maybe for good) or maintenance. */
  hostDown(host: string, cause: 'failure' | 'maintenance'): void {
    this.state.batch(() => this.hostDownNow(host, cause));
  }

  private hostDownNow(host: string, cause: 'failure' | 'maintenance'): void {
    this.preparations.leaving.delete(host);
    this.hostView.touch(host);
    for (const job of this.jobs.forHost(host)) this.abort(job, `host ${host} down`);
    const mode = cause === 'maintenance' ? this.migrationModes.get(host) : undefined;
    this.migrationModes.delete(host);
    const sets = [...this.placement.setsOn(host)];
    const absent: [ReplicaSet, Copy][] = [];
    for (const set of sets) {
      for (const copy of set.copies.filter((c) => c.host === host && c.state === 'current')) {
        if (copy.durability) this.durability.dropComponent(set, copy, 'host down');
        else {
          this.goAbsent(set, copy, cause);
          absent.push([set, copy]);
        }
      }
    }
    // Durability components go to hosts that are usable now, this one excluded.
    this.refreshHosts();
    for (const [set, copy] of absent) this.durability.create(set, copy, cause, mode);
    for (const set of sets) {
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
        this.durability.drop(set, copy, 'expired');
        this.world.engine.emit('replica.absent.expire', { set: set.name, host: copy.host, disk: copy.disk });
        this.markDirty(set);
      }),
    );
  }

  /** A host returned: its absent copies resync what they missed, or are dropped if replaced. */
  hostUp(host: string): void {
    this.state.batch(() => this.hostUpNow(host));
  }

  private hostUpNow(host: string): void {
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
    if (this.resolveReturnConflict(set, copy)) return;
    const others = set.copies.filter((c) => c !== copy && c.witness === copy.witness && !c.durability && (c.state === 'current' || c.state === 'building'));
    if (set.lost || others.length >= (copy.witness ? set.witnesses : set.wantedData)) {
      const outpaced = set.lost || copy.witness ? undefined : this.outpacedRebuild(set, copy);
      if (!outpaced) {
        this.removeCopy(set, copy);
        this.world.engine.emit('replica.discard', { set: set.name, host: copy.host, disk: copy.disk, reason: set.lost ? 'set lost' : 'replaced' });
        return;
      }
      this.abort(outpaced, `${copy.host} returned: resyncing its copy sends less`);
    }
    const missed = this.state.missedBytes(set, copy);
    const compare = copy.witness ? undefined : this.policy.returnCompare?.(this.ctx, set, copy);
    if ((missed === 0 && !compare) || copy.witness) {
      copy.state = 'current';
      this.durability.drop(set, copy, 'merged');
      return;
    }
    // With a durability component the missed writes are read from it (the merge).
    const sources = copy.partner ? [{ host: copy.partner.host, bytes: missed }] : this.policy.sources(this.ctx, set, missed);
    if (sources.length === 0 && missed === 0) {
      // Nothing to compare against and nothing missed: it holds the newest data (the volume was not
      // writable without it), so it is current as it is, as Longhorn salvages its last replica.
      copy.state = 'current';
      this.durability.drop(set, copy, 'merged');
      return;
    }
    if (sources.length === 0) {
      // Stays absent (stale) until a source exists; repair() retries it when something returns.
      this.blockedReasons.set(set.id, 'returned copy has no current copy to resync from');
      return;
    }
    const absentAt = copy.absentAtWritableMs, cause = copy.absentCause;
    copy.state = 'building';
    this.submit(set, copy, sources, 'resync', { absentAtWritableMs: absentAt, absentCause: cause, compare });
  }

  /**
   * A returning copy whose failure domain was filled meanwhile (Ceph racks): a replacement that is
   * already current stays and the returning copy is dropped; one still being built is the stray
   * (CRUSH maps the PG back to the returning OSD), so its job stops and the returning copy catches up.
   * True when the returning copy was dropped.
   */
  private resolveReturnConflict(set: ReplicaSet, copy: Copy): boolean {
    const rival = this.policy.returnConflict?.(this.ctx, set, copy);
    if (rival === undefined) return false;
    if (rival.state === 'current') {
      this.removeCopy(set, copy);
      this.world.engine.emit('replica.discard', { set: set.name, host: copy.host, disk: copy.disk, reason: 'replaced in its failure domain' });
      return true;
    }
    const job = this.jobs.forSet(set.id).find((j) => j.target === rival);
    if (job !== undefined) this.abort(job, `${copy.host} returned to its failure domain: the backfill target is a stray`);
    else this.removeCopy(set, rival);
    return false;
  }

  /**
   * The rebuild a returning copy should stop, if the policy weighs them (vSAN evaluates whether to
   * finish the recovery or resynchronise the original component): the one with the most bytes left,
   * when the copy's missed writes are fewer. Both run over the same storage network under the same
   * rules, so fewer bytes is the sooner finish.
   */
  private outpacedRebuild(set: ReplicaSet, copy: Copy): CopyJob | undefined {
    if (!this.policy.resyncOutpacesRebuild) return undefined;
    const sources = this.policy.sources(this.ctx, set, this.state.missedBytes(set, copy));
    if (sources.length === 0) return undefined;
    const resyncBytes = sources.reduce((a, s) => a + (s.host === copy.host ? 0 : s.bytes), 0);
    let best: CopyJob | undefined;
    let bestLeft = -1;
    for (const job of this.jobs.forSet(set.id)) {
      if (job.kind !== 'rebuild') continue;
      const left = this.jobs.remainingBytes(job);
      if (left > bestLeft) [best, bestLeft] = [job, left];
    }
    if (best === undefined || resyncBytes >= bestLeft) return undefined;
    this.world.engine.emit('replica.rebuild.supersede', {
      set: set.name, host: copy.host, disk: copy.disk, rebuildTo: best.target.host, rebuildLeftBytes: bestLeft, resyncBytes,
    });
    return best;
  }

  diskFailed(host: string, index: number): void {
    this.state.batch(() => this.diskFailedNow(host, index));
  }

  private diskFailedNow(host: string, index: number): void {
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
    // Copies gone from the host may unblock its preparation (Longhorn's drain policy waits for the
    // last replica of a set, and a set lost with this disk has none left to wait for).
    this.preparations.wakeBlocked();
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
    this.stopWaiters.delete(host);
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
    this.migrationModes.set(host, mode);
    this.preparations.start(host, mode, ready, blocked);
  }

  later(action: () => void): void {
    this.world.engine.after(0, action);
  }

  emit<K extends EventType>(type: K, fields: Events[K]): void {
    this.world.engine.emit(type, fields);
  }

  /** `limits` replace the kind's slots and stream cap (a data-locality move is no rebuild task). */
  evacuationJob(set: ReplicaSet, target: Copy, sources: SourceRead[], evacuates: Copy, limits?: { slots: Slot[]; capMiBps: number }): CopyJob {
    return this.submit(set, target, sources, 'evacuate', { evacuates, ...limits });
  }

  /** Allocates a copy and indexes it: every copy the engine adds after the layout goes through here. */
  addCopy(set: ReplicaSet, host: string, disk: number, state: Copy['state'], witness = false, durability = false): Copy {
    const copy = this.state.addCopy(set, host, disk, state, witness, durability);
    this.placement.add(copy);
    const displaced = durability ? undefined : set.copies.find((c) => c.durability && c.host === host);
    if (displaced) this.durability.dropComponent(set, displaced, 'displaced');
    this.preparations.setChanged(set);
    return copy;
  }

  /** Frees a copy and drops it from the index (nothing if the set no longer has it). */
  removeCopy(set: ReplicaSet, copy: Copy): void {
    const before = set.copies.length;
    this.state.removeCopy(set, copy);
    if (set.copies.length === before) return;
    this.copyRemoved = true;
    this.durability.removed(set, copy);
    this.placement.remove(copy);
    this.preparations.setChanged(set, copy.host);
  }

  /** Every change to a set's copies ends here: its health and loss, and the preparations it concerns. */
  refresh(set: ReplicaSet): void {
    this.state.refresh(set);
    this.policy.setChanged?.(this.ctx, set);
    this.preparations.setChanged(set);
    if (this.stopWaiters.size > 0) this.recheckStops();
  }

  /**
   * Whether the host's storage may stop now (Ceph's ok-to-stop; other kinds always may): undefined
   * when it may, else why not, and `retry` is called once it may (re-checked after every change to
   * the sets, at most once per instant).
   */
  stopRefusal(host: string, retry: () => void): string | undefined {
    const refusal = this.policy.stopRefusal?.(this.ctx, host);
    const since = this.stopWaiters.get(host)?.sinceMs;
    if (refusal === undefined) {
      if (since !== undefined) {
        this.stopWaiters.delete(host);
        this.world.engine.emit('storage.stop.allow', { host, waitedMs: this.world.engine.now - since });
      }
      return undefined;
    }
    if (since === undefined) this.world.engine.emit('storage.stop.refuse', { host, sets: refusal.sets, reason: refusal.reason });
    this.stopWaiters.set(host, { retry, sinceMs: since ?? this.world.engine.now });
    return refusal.reason;
  }

  private recheckStops(): void {
    if (this.stopRecheckPending) return;
    this.stopRecheckPending = true;
    this.world.engine.after(0, () => {
      this.stopRecheckPending = false;
      for (const host of [...this.stopWaiters.keys()].sort()) {
        const waiter = this.stopWaiters.get(host);
        if (waiter && this.policy.stopRefusal?.(this.ctx, host) === undefined) waiter.retry();
      }
    });
  }

  private submit(set: ReplicaSet, target: Copy, sources: CopyJob['sources'], kind: CopyJob['kind'], extra: Partial<CopyJob> = {}): CopyJob {
    return this.jobs.submit({
      set, target, sources, kind, ...extra,
      slots: extra.slots ?? this.policy.slots(this.ctx, target, sources),
      capMiBps: extra.capMiBps ?? this.policy.streamMiBps?.(this.ctx, target, sources) ?? 0,
      done: (job) => {
        job.target.state = 'current';
        if (kind === 'resync') this.durability.drop(set, job.target, 'merged');
        if (job.evacuates) this.removeCopy(set, job.evacuates);
        this.refresh(set);
        this.markDirty(set);
        this.jobEnded(job);
      },
      failed: () => undefined,
    });
  }

  /**
   * A job's end retries the blocked sets only when a copy was removed since they were last tried:
   * what refuses a target (hosts and disks out, fault domains taken, disks too full) changes with a
   * removal or a host or disk returning, never with a copy being completed. Retrying them all after
   * every job cost a Ceph run with hundreds of PGs blocked a CRUSH walk per PG per job end (95 % of a
   * 50-host run at high failure rates).
   */
  private jobEnded(job: CopyJob): void {
    this.preparations.jobEnded(job);
    if (this.copyRemoved) this.markAllDegradedDirty();
    else this.preparations.wakeBlocked();
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
    this.copyRemoved = false;
    // No sort: replan() sorts the dirty ids.
    for (const id of this.blockedReasons.keys()) this.dirty.add(id);
    this.preparations.wakeBlocked();
    this.replan();
  }

  /** Data copies that count towards the policy: current, building, or absent and still awaited. */
  private counted(set: ReplicaSet): number {
    return set.copies.filter((c) => !c.witness && !c.durability && (c.state !== 'absent' || !this.expired.has(c.id))).length;
  }

  private replan(): void {
    if (this.planPending) return;
    this.planPending = true;
    this.world.engine.after(0, () => {
      this.planPending = false;
      this.refreshHosts();
      const ids = [...this.dirty].sort((a, b) => a - b);
      this.dirty.clear();
      // One replicaset.copies event for the pass, as for a host's departure.
      this.state.batch(() => {
        for (const id of ids) this.repair(this.state.sets[id]);
      });
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
    // Sets without witnesses (all but vSAN's) have nothing to do here: repair runs for every
    // blocked set after every copy job, so even an idle refresh here cost a large Ceph run seconds.
    if (set.witnesses === 0 && !set.copies.some((c) => c.witness)) return undefined;
    const have = set.copies.filter((c) => c.witness && (c.state !== 'absent' || !this.expired.has(c.id))).length;
    let changed = false;
    for (let i = have; i < set.witnesses; i++) {
      const target = this.policy.target(this.ctx, set, set.copies.map((c) => c.host), 0);
      if (isRefused(target)) {
        if (changed) this.refresh(set);
        return `witness: ${target.refused}`;
      }
      this.addCopy(set, target.host, target.disk, 'current', true);
      this.world.engine.emit('replica.witness', { set: set.name, host: target.host });
      changed = true;
    }
    for (const c of set.copies.filter((c) => c.witness && c.state === 'absent' && this.expired.has(c.id))) {
      this.removeCopy(set, c);
      changed = true;
    }
    if (changed) this.refresh(set);
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
    // Before the count: a locality move stops here if the set needs a repair instead.
    this.locality?.reconcile(set);
    let deficit = set.wantedData - this.counted(set);
    if (deficit <= 0) this.blockedReasons.delete(set.id);
    let added = false;
    while (deficit > 0) {
      const target = this.policy.target(this.ctx, set, set.copies.map((c) => c.host));
      const bytes = set.bytes / set.dataNeeded;
      const sources = isRefused(target) ? [] : this.policy.sources(this.ctx, set, bytes);
      if (isRefused(target) || sources.length === 0) {
        this.blocked(set, isRefused(target) ? target.refused : 'no current copy to read from');
        break;
      }
      this.blockedReasons.delete(set.id);
      const copy = this.addCopy(set, target.host, target.disk, 'building');
      this.submit(set, copy, sources, 'rebuild');
      added = true;
      deficit--;
    }
    // A copy being built is part of the set's state (replicaset.copies lists it among those away):
    // report it when its rebuild starts, not at whatever refresh the set sees next.
    if (added) this.refresh(set);
    if (deficit > 0) return;
    if (witnessBlocked !== undefined) this.blocked(set, witnessBlocked);
  }

  private blocked(set: ReplicaSet, reason: string): void {
    if (this.blockedReasons.get(set.id) === reason) return;
    this.blockedReasons.set(set.id, reason);
    this.world.engine.emit('replica.rebuild.blocked', { set: set.name, reason });
  }
}
