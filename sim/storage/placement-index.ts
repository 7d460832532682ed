// Which replica sets have a copy on each host and each disk, kept for speed: a host leaving or
// returning, a disk failing and a maintenance plan look only at the sets placed there instead of
// scanning every set (a Ceph pool has tens of thousands of PGs). The engine builds it once after the
// layout and feeds it every copy it adds or removes afterwards (storage.ts `addCopy`/`removeCopy`);
// the storage invariant checks it against the sets themselves.
import type { Copy, ReplicaSet } from './types.ts';

export class PlacementIndex {
  /** Per host, and per host then disk: set id -> copies of the set there (two only under soft anti-affinity). */
  private readonly byHost = new Map<string, Map<number, number>>();
  private readonly byDisk = new Map<string, Map<number, Map<number, number>>>();

  /** Adds and removes so far, and as of the last full verify (with the copy count then). */
  private changes = 0;
  private verified = { changes: -1, copies: -1 };

  constructor(private readonly sets: readonly ReplicaSet[]) {}

  /** Indexes every copy of every set (after the layout). */
  build(): void {
    this.byHost.clear();
    this.byDisk.clear();
    for (const set of this.sets) for (const copy of set.copies) this.add(copy);
  }

  add(copy: Copy): void {
    this.changes++;
    bump(this.byHost, copy.host, copy.setId, 1);
    bump(this.disksOf(copy.host), copy.disk, copy.setId, 1);
  }

  remove(copy: Copy): void {
    this.changes++;
    bump(this.byHost, copy.host, copy.setId, -1);
    bump(this.disksOf(copy.host), copy.disk, copy.setId, -1);
  }

  /** Sets with a copy on the host, in id order. */
  setsOn(host: string): ReplicaSet[] {
    return this.inOrder(this.byHost.get(host));
  }

  /** Sets with a copy on the disk, in id order. */
  setsOnDisk(host: string, disk: number): ReplicaSet[] {
    return this.inOrder(this.byDisk.get(host)?.get(disk));
  }

  /**
   * Where the index and the sets disagree, if they do (for the invariant checker). Every (host, set)
   * and (disk, set) pair the copies have must carry its count, and the counts must add up to the
   * number of copies: then no other entry can be there either. The full check runs only when the
   * index or the number of copies changed since the last one (it runs after every event).
   */
  verify(): string | undefined {
    let copies = 0;
    for (const set of this.sets) copies += set.copies.length;
    if (this.verified.changes === this.changes && this.verified.copies === copies) return undefined;
    this.verified = { changes: this.changes, copies };
    for (const set of this.sets) {
      for (const c of set.copies) {
        let onHost = 0, onDisk = 0;
        for (const o of set.copies) {
          if (o.host !== c.host) continue;
          onHost++;
          if (o.disk === c.disk) onDisk++;
        }
        if (this.byHost.get(c.host)?.get(set.id) !== onHost) return `placement index misses ${set.name} on ${c.host}`;
        if (this.byDisk.get(c.host)?.get(c.disk)?.get(set.id) !== onDisk) return `placement index misses ${set.name} on ${c.host}/${c.disk}`;
      }
    }
    let byHost = 0, byDisk = 0;
    for (const sets of this.byHost.values()) for (const n of sets.values()) byHost += n;
    for (const disks of this.byDisk.values()) for (const sets of disks.values()) for (const n of sets.values()) byDisk += n;
    if (byHost !== copies || byDisk !== copies) return `placement index lists ${byHost} copies by host and ${byDisk} by disk, the sets hold ${copies}`;
    return undefined;
  }

  private disksOf(host: string): Map<number, Map<number, number>> {
    let disks = this.byDisk.get(host);
    if (!disks) this.byDisk.set(host, (disks = new Map()));
    return disks;
  }

  private inOrder(ids: Map<number, number> | undefined): ReplicaSet[] {
    if (!ids) return [];
    return [...ids.keys()].sort((a, b) => a - b).map((id) => this.sets[id]);
  }
}

function bump<K>(index: Map<K, Map<number, number>>, key: K, setId: number, by: number): void {
  let sets = index.get(key);
  if (!sets) index.set(key, (sets = new Map()));
  const n = (sets.get(setId) ?? 0) + by;
  if (n > 0) sets.set(setId, n);
  else sets.delete(setId);
  if (sets.size === 0) index.delete(key);
}
