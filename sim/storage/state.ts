// The storage layer's books: disks, replica sets and their copies, volumes and their health. Every
// change goes through a method here that records it in the trace, and volume health is recomputed
// for the volumes a change touches, so `volume.health` events bracket every degraded, inaccessible
// or lost interval exactly (the summary integrates them into volume-hours). Which volumes a set
// holds is the kind's business (volume-sets.ts): listed for one set per volume, derived for Ceph.
import type { EventFields, SimEngine } from '../events/catalogue.ts';
import type { DiskClass } from '../platforms/parameters.ts';
import type { Copy, CopyState, Disk, ReplicaSet, Volume, VolumeHealth } from './types.ts';
import { ListedVolumeSets, type Level, type VolumeSets } from './volume-sets.ts';

/** A new set, and for kinds that list them, the ids of the volumes with data in it. */
export type SetInit = Omit<ReplicaSet, 'id' | 'copies' | 'writableMs' | 'writableSinceMs' | 'lost' | 'placed'> & { volumes?: readonly string[] };

export class StorageState {
  readonly disks = new Map<string, Disk[]>();
  readonly sets: ReplicaSet[] = [];
  readonly volumes = new Map<string, Volume>();
  /** Volume ids in sorted order (the Map is filled in this order too); a volume's number is its index. */
  volumeIds: string[] = [];
  private readonly volumeList: Volume[] = [];
  private readonly volumeIndex = new Map<string, number>();
  private nextCopyId = 1;
  /** Last derived health of each set (by id); sets start healthy, like their volumes. */
  private readonly setHealth: VolumeHealth[] = [];
  /** Volumes listed per set by createSet, for kinds that do not relate() their own. */
  private readonly listed: number[][] = [];
  private relation?: VolumeSets;
  /** Per set id, the copies last reported by `replicaset.copies` (undefined: whole, nothing away, or never reported). */
  private readonly reported: (string | undefined)[] = [];
  private meanVolumeBytes = 0;
  /** Set reports collected while a batch runs (one replicaset.copies event at its end). */
  private pending: EventFields<'replicaset.copies'>['sets'] | undefined;
  /** The kind relates volumes to sets itself (Ceph: a volume spans many PGs). */
  private related = false;

  /** Told the volumes that have just become lost (the Storage engine passes it on to the ops). */
  onLost: ((volumes: readonly string[]) => void) | undefined;

  constructor(
    private readonly engine: SimEngine,
    /** Is the set readable and writable with its current copies (the kind's rule)? */
    private readonly accessibleRule: (set: ReplicaSet) => boolean,
  ) {}

  addDisks(host: string, count: number, capacityBytes: number, diskClass: DiskClass = 'ssd'): void {
    const disks: Disk[] = [];
    for (let index = 0; index < count; index++) disks.push({ host, index, capacityBytes, usedBytes: 0, failed: false, class: diskClass });
    this.disks.set(host, disks);
  }

  disk(host: string, index: number): Disk {
    const d = this.disks.get(host)?.[index];
    if (!d) throw new Error(`unknown disk ${host}/${index}`);
    return d;
  }

  addVolume(volume: Volume): void {
    this.volumeIndex.set(volume.id, this.volumeIds.length);
    this.volumes.set(volume.id, volume);
    this.volumeIds.push(volume.id);
    this.volumeList.push(volume);
  }

  createSet(init: SetInit): ReplicaSet {
    // Fields spelled out, not spread: Ceph creates half a million of these at 2,000 hosts.
    const set: ReplicaSet = {
      id: this.sets.length, name: init.name, bytes: init.bytes, copies: [], wantedData: init.wantedData, dataNeeded: init.dataNeeded,
      witnesses: init.witnesses, holdUntilMs: init.holdUntilMs, writeBytesPerSec: init.writeBytesPerSec, writableMs: 0, writableSinceMs: undefined, lost: false, placed: false,
    };
    this.sets.push(set);
    if (init.volumes) this.listed[set.id] = init.volumes.map((id) => this.volumeIndex.get(id)!).sort((a, b) => a - b);
    return set;
  }

  /** The kind's own volume-set relation, in place of the lists createSet was given (before any refresh). */
  relate(relation: VolumeSets): void {
    this.relation = relation;
    this.related = true;
  }

  /** Volume ids with data in the set, sorted. */
  volumesOf(set: ReplicaSet): string[] {
    return this.volumeSets().volumesOf(set.id).map((i) => this.volumeIds[i]);
  }

  private volumeSets(): VolumeSets {
    return (this.relation ??= new ListedVolumeSets(this.listed, this.volumeIds.length));
  }

  /** Allocates a copy on a disk. */
  addCopy(set: ReplicaSet, host: string, disk: number, state: CopyState, witness = false, durability = false): Copy {
    const bytes = witness || durability ? 0 : set.bytes / set.dataNeeded;
    // All fields from the start (one hidden class for every copy: the rebuild path reads them per event).
    const copy: Copy = {
      id: this.nextCopyId++, setId: set.id, host, disk, witness, bytes, state,
      absentAtWritableMs: undefined, absentCause: undefined, durability: durability || undefined, partner: undefined,
    };
    set.copies.push(copy);
    if (!witness && !durability) set.placed = true;
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
    return set.copies.filter((c) => !c.witness && !c.durability && c.state === 'current');
  }

  /**
   * Copies that hold the latest data: current ones, and absent ones that missed no write (the set
   * has not been writable since they left) or whose durability component holds what they missed
   * (absent, or being merged with it). Fewer than `dataNeeded` of these and the data is gone.
   */
  latest(set: ReplicaSet): Copy[] {
    return set.copies.filter(
      (c) => !c.witness && !c.durability && (c.state === 'current' || c.partner !== undefined || (c.state === 'absent' && this.missedBytes(set, c) === 0)),
    );
  }

  /**
   * Re-derives a set's writability and loss after its copies changed, then the health of its
   * volumes; records every transition.
   */
  refresh(set: ReplicaSet): void {
    // A set never placed is inaccessible (nothing to read), not lost: no data ever existed to lose.
    if (!set.lost && set.placed && this.latest(set).length < set.dataNeeded) {
      this.closeWritable(set);
      set.lost = true;
      this.engine.emit('replicaset.lost', { set: set.name, volumes: this.volumesOf(set) });
    }
    const writable = !set.lost && this.accessibleRule(set);
    if (writable && set.writableSinceMs === undefined) set.writableSinceMs = this.engine.now;
    if (!writable) this.closeWritable(set);
    this.reportCopies(set);
    const health = this.healthOfSet(set);
    const before = this.setHealth[set.id] ?? 'healthy';
    if (health === before) return;
    this.setHealth[set.id] = health;
    this.moveVolumeCounts(set, before, health);
  }

  /**
   * A volume's health is the worst of its sets'. The relation keeps, per volume, how many of its
   * sets are at each unhealthy level and says whose count left or reached zero, so a set's change
   * costs a step per volume whose health may change, not one per volume it holds (a Ceph PG holds
   * many volumes and a volume spans many PGs: rescanning them would be quadratic).
   */
  private moveVolumeCounts(set: ReplicaSet, from: VolumeHealth, to: VolumeHealth): void {
    const relation = this.volumeSets();
    const crossed: number[] = [];
    if (from !== 'healthy') relation.add(set.id, (RANK[from] - 1) as Level, -1, crossed);
    if (to !== 'healthy') relation.add(set.id, (RANK[to] - 1) as Level, 1, crossed);
    if (crossed.length === 0) return;
    const order = Int32Array.from(crossed).sort();
    // Volumes that make the same change at once share one event: a Ceph PG going down degrades
    // thousands of volumes together, and one event per volume would be most of a large run's trace.
    // Groups by (from, to) in a fixed array, emitted in the order of their first (lowest) volume.
    const groups: (string[] | undefined)[] = new Array(16);
    const first: number[] = [];
    for (let i = 0; i < order.length; i++) {
      const v = order[i];
      if (i > 0 && v === order[i - 1]) continue;
      const volume = this.volumeList[v];
      if (volume.health === 'lost') continue;
      const health = relation.has(v, 2) ? 'lost' : relation.has(v, 1) ? 'inaccessible' : relation.has(v, 0) ? 'degraded' : 'healthy';
      if (health === volume.health) continue;
      const g = RANK[volume.health] * 4 + RANK[health];
      volume.health = health;
      const ids = groups[g];
      if (ids === undefined) {
        groups[g] = [volume.id];
        first.push(g);
      } else ids.push(volume.id);
    }
    for (const g of first) {
      this.engine.emit('volume.health', { health: ORDER[g & 3], from: ORDER[g >> 2], volumes: groups[g]! });
      if (ORDER[g & 3] === 'lost') this.onLost?.(groups[g]!);
    }
  }

  /**
   * Data copies holding the set's newest data for good: current ones, absent ones whose vSAN
   * durability component takes what they miss (counted at the absent copy's own disk), and absent
   * ones that missed no write while the set is not writable (a writable set's fall behind at once).
   */
  holding(set: ReplicaSet): Copy[] {
    const frozen = set.writableSinceMs === undefined || set.writeBytesPerSec === 0;
    return set.copies.filter((c) => !c.witness && !c.durability && (c.state === 'current' || (c.state === 'absent' && (c.partner !== undefined || (frozen && this.missedBytes(set, c) === 0)))));
  }

  /**
   * Records `replicaset.copies` when the copies holding the data (or those away) changed and the set
   * holds, or held, other than its wanted number: what the redundancy-exposure, compliance and risk
   * folds integrate. A whole set is not reported (a copy away from it changes nothing they count),
   * so the start costs nothing; a lost set is reported once, with no copies.
   */
  private reportCopies(set: ReplicaSet): void {
    const before = this.reported[set.id];
    if (before === 'lost') return;
    const holding = set.lost ? [] : this.holding(set);
    const whole = !set.lost && holding.length === set.wantedData;
    if (whole && before === undefined) return;
    const away = set.lost ? [] : set.copies.filter((c) => !c.witness && !c.durability && !holding.includes(c));
    const key = set.lost ? 'lost' : whole ? undefined : `${holding.map((c) => c.id).join(',')}|${away.map((c) => c.id).join(',')}`;
    if (key === before) return;
    this.reported[set.id] = key;
    const at = (c: Copy) => `${c.host}/${c.disk}`;
    const entry = {
      set: set.name, copies: holding.map(at), away: away.map(at), needed: set.dataNeeded, wanted: set.wantedData,
      volumes: this.volumeSets().volumesIn(set.id), share: this.share(set),
    };
    if (this.pending) this.pending.push(entry);
    else this.engine.emit('replicaset.copies', { sets: [entry] });
  }

  /**
   * Runs one storage operation (a host leaving or returning, a disk failing) with the set reports
   * it causes gathered into one replicaset.copies event at its end: a Ceph host holds hundreds of
   * PG copies, and one event per PG would double a large run's trace.
   */
  batch(operation: () => void): void {
    if (this.pending) return operation();
    this.pending = [];
    try {
      operation();
    } finally {
      const sets = this.pending;
      this.pending = undefined;
      if (sets.length > 0) this.engine.emit('replicaset.copies', { sets });
    }
  }

  /** Volumes' worth of data in the set: its volume count where sets are listed, its bytes over the mean volume size for Ceph. */
  share(set: ReplicaSet): number {
    if (!this.related) return this.volumeSets().volumesIn(set.id);
    if (this.meanVolumeBytes === 0) this.meanVolumeBytes = this.volumeList.reduce((n, v) => n + v.bytes, 0) / Math.max(1, this.volumeList.length);
    return this.meanVolumeBytes > 0 ? set.bytes / this.meanVolumeBytes : 0;
  }

  /**
   * Volumes' worth of data at each full redundancy (wanted - needed copies), for `storage.ready`.
   * A set laid out with no data copy holds nothing: it is at no redundancy (see unplacedSets).
   */
  fullRedundancy(): { redundancy: number; volumes: number }[] {
    const by = new Map<number, number>();
    for (const set of this.sets) {
      if (!set.placed) continue;
      const r = Math.max(0, set.wantedData - set.dataNeeded);
      by.set(r, (by.get(r) ?? 0) + this.share(set));
    }
    return [...by].sort((a, b) => a[0] - b[0]).map(([redundancy, volumes]) => ({ redundancy, volumes }));
  }

  /** Sets that never got a data copy (the layout found no room): nothing to read, ever. */
  unplacedSets(): ReplicaSet[] {
    return this.sets.filter((set) => !set.placed);
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
