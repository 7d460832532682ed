// Ceph's `ceph osd ok-to-stop`, kept as running counts. Before cephadm's `host maintenance enter`
// stops a host's OSDs it asks the manager whether they may stop (src/pybind/mgr/cephadm/module.py
// enter_host_maintenance -> _host_ok_to_stop -> the OSD service's ok_to_stop); the manager walks
// every PG that has one of those OSDs in its acting set (only OSDs with no missing objects when the
// PG is degraded) and refuses if the PG is already inactive or would keep fewer than the pool's
// min_size OSDs up (src/mgr/DaemonServer.cc _check_offlines_pgs: bad_already_inactive,
// bad_become_inactive). OSDs already down or stopped are not in the acting set, so they count.
//
// A PG keeps at most one copy per host (CRUSH places copies in distinct hosts or racks), so a host
// may stop exactly when no PG with an up, complete copy on it has min_size or fewer such copies.
// We keep, per host, the number of PGs for which that is so, updated when a PG's copies change
// (O(copies) per change): the check is a lookup, never a walk of the PGs.
import type { ReplicaSet } from './types.ts';

export class OkToStop {
  /** Per host (its index in host id order): PGs with an up copy there at or below min_size. */
  private readonly blocking: Int32Array;
  /** Per PG (set id) that blocks now: the hosts it is counted on. Only blocking PGs are kept. */
  private readonly counted = new Map<number, number[]>();

  constructor(
    private readonly hostIndex: ReadonlyMap<string, number>,
    readonly minSize: number,
  ) {
    this.blocking = new Int32Array(hostIndex.size);
  }

  /** A PG's copies changed: moves its count from the hosts it blocked to the hosts it blocks now. */
  setChanged(set: ReplicaSet): void {
    const up: number[] = [];
    for (const c of set.copies) {
      // Up and complete: a copy away, or still being written (backfill, log recovery), is not.
      if (c.state !== 'current' || c.witness) continue;
      const h = this.hostIndex.get(c.host);
      if (h !== undefined) up.push(h);
    }
    const blocks = up.length > 0 && up.length <= this.minSize;
    const before = this.counted.get(set.id);
    if (before === undefined && !blocks) return;
    if (before !== undefined) for (const h of before) this.blocking[h]--;
    if (blocks) {
      for (const h of up) this.blocking[h]++;
      this.counted.set(set.id, up);
    } else {
      this.counted.delete(set.id);
    }
  }

  /** PGs that stopping the host would take below min_size (or that are inactive already). */
  blockedBy(host: string): number {
    const h = this.hostIndex.get(host);
    return h === undefined ? 0 : this.blocking[h];
  }
}
