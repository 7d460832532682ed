// Which volumes have data in which replica sets, and per volume whether any of its sets is degraded,
// inactive or lost: what volume health is derived from. The storage kind decides how the relation is
// held. vSAN, Longhorn and local disks list it (one set per volume); Ceph derives it from the PGs'
// ranges over its volume classes (ceph-rbd.ts), because listing it would take volumes x PGs entries.
// Volumes are numbered by their position in StorageState.volumeIds.

/** Unhealthy set states a volume keeps a count of: 0 degraded, 1 inaccessible, 2 lost. */
export type Level = 0 | 1 | 2;

export interface VolumeSets {
  /** Volumes with data in the set, ascending (on demand: for rare events, e.g. a lost set). */
  volumesOf(set: number): number[];
  /**
   * Adds `delta` to the `level` count of every volume with data in `set`, pushing onto `crossed`
   * each volume whose count left or reached zero (in any order, each at most once).
   */
  add(set: number, level: Level, delta: 1 | -1, crossed: number[]): void;
  /** Has the volume a set at `level`? */
  has(volume: number, level: Level): boolean;
  /** How many volumes have data in the set (without listing them). */
  volumesIn(set: number): number;
}

/** The relation as explicit lists, for kinds with few sets per volume. */
export class ListedVolumeSets implements VolumeSets {
  /** Per level, per volume: how many of its sets are at that level. */
  private readonly counts: Int32Array;

  constructor(
    /** Per set id, its volumes ascending. */
    private readonly lists: readonly (readonly number[])[],
    private readonly volumeCount: number,
  ) {
    this.counts = new Int32Array(3 * volumeCount);
  }

  volumesOf(set: number): number[] {
    return [...(this.lists[set] ?? [])];
  }

  add(set: number, level: Level, delta: 1 | -1, crossed: number[]): void {
    for (const v of this.lists[set] ?? []) {
      const i = level * this.volumeCount + v;
      const before = this.counts[i];
      this.counts[i] = before + delta;
      if (before === 0 || before + delta === 0) crossed.push(v);
    }
  }

  has(volume: number, level: Level): boolean {
    return this.counts[level * this.volumeCount + volume] > 0;
  }

  volumesIn(set: number): number {
    return this.lists[set]?.length ?? 0;
  }
}
