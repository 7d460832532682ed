// Which replica sets have a copy on each host and each disk, kept for speed: a host leaving or
// returning, a disk failing and a maintenance plan look only at the sets placed there instead of
// scanning every set (a Ceph pool has tens of thousands of PGs). The engine builds it once after the
// layout and feeds it every copy it adds or removes afterwards (storage.ts `addCopy`/`removeCopy`);
// the storage invariant checks it against the sets themselves.
import type { Copy, ReplicaSet } from './types.ts';

export class PlacementIndex {
  /** Per host, and per `host/disk`: set id -> copies of the set there (two only under soft anti-affinity). */
  private readonly byHost = new Map<string, Map<number, number>>();
  private readonly byDisk = new Map<string, Map<number, number>>();

  constructor(private readonly sets: readonly ReplicaSet[]) {}

  /** Indexes every copy of every set (after the layout). */
  build(): void {
    this.byHost.clear();
    this.byDisk.clear();
    for (const set of this.sets) for (const copy of set.copies) this.add(copy);
  }

  add(copy: Copy): void {
    bump(this.byHost, copy.host, copy.setId, 1);
    bump(this.byDisk, `${copy.host}/${copy.disk}`, copy.setId, 1);
  }

  remove(copy: Copy): void {
    bump(this.byHost, copy.host, copy.setId, -1);
    bump(this.byDisk, `${copy.host}/${copy.disk}`, copy.setId, -1);
  }

  /** Sets with a copy on the host, in id order. */
  setsOn(host: string): ReplicaSet[] {
    return this.inOrder(this.byHost.get(host));
  }

  /** Sets with a copy on the disk, in id order. */
  setsOnDisk(host: string, disk: number): ReplicaSet[] {
    return this.inOrder(this.byDisk.get(`${host}/${disk}`));
  }

  /** Where the index and the sets disagree, if they do (for the invariant checker). */
  verify(): string | undefined {
    const expected = new PlacementIndex(this.sets);
    expected.build();
    for (const [name, mine, truth] of [['host', this.byHost, expected.byHost], ['disk', this.byDisk, expected.byDisk]] as const) {
      for (const key of new Set([...mine.keys(), ...truth.keys()])) {
        const a = mine.get(key), b = truth.get(key);
        const same = a?.size === b?.size && [...(a ?? [])].every(([id, n]) => b?.get(id) === n);
        if (!same) return `placement index for ${name} ${key} lists sets ${[...(a?.keys() ?? [])].join(',')}, the copies say ${[...(b?.keys() ?? [])].join(',')}`;
      }
    }
    return undefined;
  }

  private inOrder(ids: Map<number, number> | undefined): ReplicaSet[] {
    if (!ids) return [];
    return [...ids.keys()].sort((a, b) => a - b).map((id) => this.sets[id]);
  }
}

function bump(index: Map<string, Map<number, number>>, key: string, setId: number, by: number): void {
  let sets = index.get(key);
  if (!sets) index.set(key, (sets = new Map()));
  const n = (sets.get(setId) ?? 0) + by;
  if (n > 0) sets.set(setId, n);
  else sets.delete(setId);
  if (sets.size === 0) index.delete(key);
}
