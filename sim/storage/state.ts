// The storage layer's books: disks, replica sets and their copies, volumes and their health. Every
// change goes through a method here that records it in the trace, and volume health is recomputed
// for the volumes a change touches, so `volume.health` events bracket every degraded, inaccessible
// or lost interval exactly (the summary integrates them into volume-hours).
import type { SimEngine } from '../events/catalogue.ts';
import type { Copy, CopyState, Disk, ReplicaSet, Volume, VolumeHealth } from './types.ts';

export class StorageState {
  readonly disks = new Map<string, Disk[]>();
  readonly sets: ReplicaSet[] = [];
  readonly volumes = new Map<string, Volume>();
  /** Volume ids in sorted order (the Map is filled in this order too). */
  volumeIds: string[] = [];
  private nextCopyId = 1;
  /** Last derived health of each set (by id); sets start healthy, like their volumes. */
  private readonly setHealth: VolumeHealth[] = [];
  /** Per volume: how many of its sets are healthy, degraded, inaccessible, lost (RANK order). */
  private readonly setCounts = new Map<string, number[]>();

  constructor(
    private readonly engine: SimEngine,
    /** Is the set readable and writable with its current copies (the kind's rule)? */
    private readonly accessibleRule: (set: ReplicaSet) => boolean,
  ) {}

  addDisks(host: string, count: number, capacityBytes: number): void {
    const disks: Disk[] = [];
    for (let index = 0; index < count; index++) disks.push({ host, index, capacityBytes, usedBytes: 0, failed: false });
    this.disks.set(host, disks);
  }

  disk(host: string, index: number): Disk {
    const d = this.disks.get(host)?.[index];
    if (!d) throw new Error(`unknown disk ${host}/${index}`);
    return d;
  }

  addVolume(volume: Volume): void {
    this.volumes.set(volume.id, volume);
    this.volumeIds.push(volume.id);
  }

  createSet(init: Omit<ReplicaSet, 'id' | 'copies' | 'writableMs' | 'writableSinceMs' | 'lost'>): ReplicaSet {
    const set: ReplicaSet = { ...init, id: this.sets.length, copies: [], writableMs: 0, writableSinceMs: undefined, lost: false };
    this.sets.push(set);
    return set;
  }

  /** Allocates a copy on a disk. */
  addCopy(set: ReplicaSet, host: string, disk: number, state: CopyState, witness = false): Copy {
    const bytes = witness ? 0 : set.bytes / set.dataNeeded;
    const copy: Copy = { id: this.nextCopyId++, setId: set.id, host, disk, witness, bytes, state };
    set.copies.push(copy);
    this.disk(host, disk).usedBytes += bytes;
    return copy;
  }

  /** Frees a copy's space and forgets it. */
  removeCopy(set: ReplicaSet, copy: Copy): void {
    const i = set.copies.indexOf(copy);
    if (i < 0) return;
    set.copies.splice(i, 1);
    const d = this.disk(copy.host, copy.disk);
    d.usedBytes = Math.max(0, d.usedBytes - copy.bytes);
  }

  /** Total writable time of a set up to now. */
  writableMsNow(set: ReplicaSet): number {
    return set.writableMs + (set.writableSinceMs === undefined ? 0 : this.engine.now - set.writableSinceMs);
  }

  /** Bytes an absent copy has missed: what was written while the set was writable without it. */
  missedBytes(set: ReplicaSet, copy: Copy): number {
    const ms = this.writableMsNow(set) - (copy.absentAtWritableMs ?? this.writableMsNow(set));
    return Math.min(copy.bytes, (set.writeBytesPerSec * ms) / 1000);
  }

  /** Current data copies. */
  current(set: ReplicaSet): Copy[] {
    return set.copies.filter((c) => !c.witness && c.state === 'current');
  }

  /**
   * Copies that hold the latest data: current ones, and absent ones that missed no write (the set
   * has not been writable since they left). Fewer than `dataNeeded` of these and the data is gone.
   */
  latest(set: ReplicaSet): Copy[] {
    return set.copies.filter((c) => !c.witness && (c.state === 'current' || (c.state === 'absent' && this.missedBytes(set, c) === 0)));
  }

  /**
   * Re-derives a set's writability and loss after its copies changed, then the health of its
   * volumes; records every transition.
   */
  refresh(set: ReplicaSet): void {
    if (!set.lost && this.latest(set).length < set.dataNeeded) {
      this.closeWritable(set);
      set.lost = true;
      this.engine.emit('replicaset.lost', { set: set.name, volumes: set.volumes });
    }
    const writable = !set.lost && this.accessibleRule(set);
    if (writable && set.writableSinceMs === undefined) set.writableSinceMs = this.engine.now;
    if (!writable) this.closeWritable(set);
    const health = this.healthOfSet(set);
    const before = this.setHealth[set.id] ?? 'healthy';
    if (health === before) return;
    this.setHealth[set.id] = health;
    for (const v of set.volumes) this.moveVolumeCount(this.volumes.get(v)!, before, health);
  }

  /**
   * A volume's health is the worst of its sets'. Each volume keeps a count of its sets in each
   * state, so a set's change costs one step per volume it holds (a Ceph PG holds many volumes and a
   * volume spans many PGs: rescanning every set of every volume would be quadratic).
   */
  private moveVolumeCount(volume: Volume, from: VolumeHealth, to: VolumeHealth): void {
    let counts = this.setCounts.get(volume.id);
    if (!counts) {
      counts = [volume.sets.length, 0, 0, 0];
      this.setCounts.set(volume.id, counts);
    }
    counts[RANK[from]]--;
    counts[RANK[to]]++;
    if (volume.health === 'lost') return;
    const health = ORDER[counts[3] > 0 ? 3 : counts[2] > 0 ? 2 : counts[1] > 0 ? 1 : 0];
    if (health === volume.health) return;
    const previous = volume.health;
    volume.health = health;
    this.engine.emit('volume.health', { volume: volume.id, vm: volume.vm, health, from: previous });
  }

  private closeWritable(set: ReplicaSet): void {
    if (set.writableSinceMs === undefined) return;
    set.writableMs += this.engine.now - set.writableSinceMs;
    set.writableSinceMs = undefined;
  }

  healthOfSet(set: ReplicaSet): VolumeHealth {
    if (set.lost) return 'lost';
    if (set.writableSinceMs === undefined) return 'inaccessible';
    return this.current(set).length < set.wantedData || set.copies.filter((c) => c.witness && c.state === 'current').length < set.witnesses ? 'degraded' : 'healthy';
  }

}

const RANK: Record<VolumeHealth, number> = { healthy: 0, degraded: 1, inaccessible: 2, lost: 3 };
const ORDER: readonly VolumeHealth[] = ['healthy', 'degraded', 'inaccessible', 'lost'];
