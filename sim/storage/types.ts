// The nouns of the storage layer. A volume (one per VM, its `diskGiB`) is stored in one or more
// replica sets: the volume itself for vSAN, Longhorn and local storage, or the placement groups its
// objects hash to for Ceph (which volumes a set holds is kept by volume-sets.ts, not on the nouns). A replica set has copies on host disks; each copy is current,
// absent (its host is away: it holds the data as of when it left), building (a rebuild or resync is
// writing it) or gone. Volume health follows from its sets.
import type { StorageKind } from '../platforms/parameters.ts';

export type CopyState = 'current' | 'absent' | 'building';

export interface Copy {
  id: number;
  setId: number;
  host: string;
  disk: number;
  /** vSAN witness: a vote in the quorum, no data. */
  witness: boolean;
  /** Space it takes on its disk. */
  bytes: number;
  state: CopyState;
  /** While absent: the set's writable time when it left (what it misses is written after that). */
  absentAtWritableMs?: number;
  /** While absent: why (a maintenance copy may be reused; a failed host's too, if it returns). */
  absentCause?: 'failure' | 'maintenance';
  /** vSAN durability component (durability.ts): takes the writes an absent component misses; no vote, no full copy. */
  durability?: boolean;
  /** While absent: its durability component, which holds every write it misses. */
  partner?: Copy;
}

export interface ReplicaSet {
  id: number;
  /** The volume id, or `pg-<n>` for a Ceph placement group. */
  name: string;
  /** Logical data held by the set. */
  bytes: number;
  copies: Copy[];
  /** Data copies the policy asks for. */
  wantedData: number;
  /** Data copies needed to read the data (1 for mirrors, k for k+m erasure coding). */
  dataNeeded: number;
  /** Witness components the policy asks for (vSAN RAID-1); they hold no data. */
  witnesses: number;
  /** Replacing destroyed copies waits until then (Ceph marks a dead OSD out only after an interval). */
  holdUntilMs?: number;
  /** Write rate landing on the set while it is accessible, bytes/s (what absent copies miss). */
  writeBytesPerSec: number;
  /** Total time the set has been writable (accessible), up to `writableSinceMs` if it is now. */
  writableMs: number;
  /** When the set last became writable; undefined while it is not. */
  writableSinceMs: number | undefined;
  lost: boolean;
  /** It has held data on a disk: a set whose copies could never be placed has nothing to lose. */
  placed: boolean;
}

export type VolumeHealth = 'healthy' | 'degraded' | 'inaccessible' | 'lost';

export interface Volume {
  id: string;
  vm: string;
  bytes: number;
  health: VolumeHealth;
}

/** A disk as the storage layer sees it: capacity, what is placed on it, whether it works. */
export interface Disk {
  host: string;
  index: number;
  capacityBytes: number;
  usedBytes: number;
  failed: boolean;
}

/** Where a new copy goes, or why none can be placed. */
export type Target = { host: string; disk: number } | { refused: string };

export const isRefused = (t: Target): t is { refused: string } => 'refused' in t;

export interface StorageKindInfo {
  kind: StorageKind;
}
