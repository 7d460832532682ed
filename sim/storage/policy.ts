// What a storage kind plugs into the one storage engine (storage.ts): where copies go, when a set
// is readable, where a rebuild reads from, how long to wait before replacing an absent copy, what
// must happen before a host may enter maintenance, and which rebuild slots a copy job takes.
// vSAN, Longhorn, Ceph and local disks differ only here.
import type { EventType, Events } from '../events/catalogue.ts';
import type { Parameters, StorageKind } from '../platforms/parameters.ts';
import type { DataMigrationMode } from '../scenario/types.ts';
import type { StorageState } from './state.ts';
import type { Copy, ReplicaSet, Target } from './types.ts';

export interface LayoutVolume {
  id: string;
  vm: string;
  bytes: number;
  /** The VM's host (local storage keeps the disk there). */
  vmHost: string;
  writeBytesPerSec: number;
}

export interface PolicyContext {
  state: StorageState;
  params: Parameters;
  /** Hosts in id order with whether they can take new copies now (up and not leaving). */
  hosts: readonly { id: string; usable: boolean; rack?: string }[];
  /** Whether a host in `hosts` is usable, by id without a scan. */
  hostUsable(host: string): boolean;
  /** Sets with a copy on the host, in id order (from an index: no scan of every set). */
  setsOn(host: string): readonly ReplicaSet[];
  /** The platform's own upgrade (rollingMaintenance mode: upgrade) is running. */
  upgradeInProgress: boolean;
  /** Deterministic random numbers for placements (the `storage` stream). */
  random(): number;
  /** Records a placement decision in the trace. */
  record<K extends EventType>(event: K, fields: Events[K]): void;
}

export interface SourceRead {
  host: string;
  bytes: number;
}

/** What a returning copy reads and compares before the differing data is sent. */
export interface ReturnCompare {
  bytes: number;
  ms: number;
}

/** A named rebuild slot and how many jobs may hold it at once. */
export interface Slot {
  key: string;
  limit: number;
}

/**
 * A blocked plan says whether its reason rests on where copies could go (`placementChecked`, true
 * when left out): if not, it can change only when a set with a copy on the host does.
 */
export type MaintenancePlan = { evacuate: ReplicaSet[] } | { blocked: string; placementChecked?: boolean };

export interface StoragePolicy {
  readonly kind: StorageKind;
  /** Creates the sets of every volume and places their copies. */
  layout(ctx: PolicyContext, volumes: readonly LayoutVolume[]): void;
  /** Readable and writable with its current copies. */
  accessible(set: ReplicaSet, state: StorageState): boolean;
  /**
   * A place for one new copy of the set, avoiding hosts in `avoid`. `bytes` is the space it needs:
   * a data copy's by default; 0 for a vSAN witness or durability component, which hold metadata or
   * only the writes their partner misses (and are kept at 0 bytes in the state).
   */
  target(ctx: PolicyContext, set: ReplicaSet, avoid: readonly string[], bytes?: number): Target;
  /** Where a new copy of `bytes` is read from: current copies only. Empty = cannot rebuild now. */
  sources(ctx: PolicyContext, set: ReplicaSet, bytes: number): SourceRead[];
  /** Wait before replacing a copy that went absent; Infinity = never (it will come back). */
  replaceDelayMs(ctx: PolicyContext, cause: 'failure' | 'maintenance'): number;
  /** Wait before replacing a copy destroyed with its disk (0 = at once, as vSAN does for degraded components). */
  destroyedDelayMs(ctx: PolicyContext): number;
  /** Before a host enters maintenance: sets to copy elsewhere first, or why it must wait. */
  beforeMaintenance(ctx: PolicyContext, host: string, mode: DataMigrationMode): MaintenancePlan;
  /**
   * A returning copy's data that must be read and compared before only what differs is sent, and how
   * long that takes (Longhorn's delta rebuild hashes every block on both sides). Left out: the kind
   * knows which writes the copy missed, and only those are sent.
   */
  returnCompare?(ctx: PolicyContext, set: ReplicaSet, copy: Copy): ReturnCompare;
  /**
   * A copy that returns while a rebuild is replacing it is resynced instead, the rebuild stopped,
   * when its missed writes are fewer bytes than the rebuild has left (vSAN). Left out: it is dropped.
   */
  readonly resyncOutpacesRebuild?: boolean;
  /**
   * A copy (current or being built) that took the returning copy's failure domain while it was away,
   * when the kind keeps one copy per domain (Ceph with racks). undefined: no conflict.
   */
  returnConflict?(ctx: PolicyContext, set: ReplicaSet, copy: Copy): Copy | undefined;
  /**
   * Where a durability component goes for a component that just went absent (vSAN 7.0 U1+), or
   * undefined when the kind makes none for this cause, or no spare fault domain exists.
   */
  durabilityTarget?(ctx: PolicyContext, set: ReplicaSet, cause: 'failure' | 'maintenance', mode: DataMigrationMode | undefined): { host: string; disk: number } | undefined;
  /** Rebuild slots a copy job from `sources` to `target` takes. */
  slots(ctx: PolicyContext, target: { host: string; disk: number }, sources: readonly SourceRead[]): Slot[];
  /** Cap on each stream of a copy job from `sources` to `target`, MiB/s, beside rebuildStreamMiBps; 0 = none. */
  streamMiBps?(ctx: PolicyContext, target: { host: string; disk: number }, sources: readonly SourceRead[]): number;
  /**
   * Data locality: a VM's data follows it to the node it runs on, one copy moved there in the
   * background at this rate per VM, MiB/s (locality.ts). Left out or 0: copies stay where they are.
   */
  localityMiBps?(ctx: PolicyContext): number;
  /** A set's copies changed (every change ends in Storage.refresh): for kinds that keep running counts. */
  setChanged?(ctx: PolicyContext, set: ReplicaSet): void;
  /** Why the host's storage may not stop now (Ceph's ok-to-stop), with the sets it protects; undefined = it may. */
  stopRefusal?(ctx: PolicyContext, host: string): StopRefusal | undefined;
}

export interface StopRefusal {
  reason: string;
  /** Sets that stopping the host would make inaccessible (or that are already). */
  sets: number;
}
