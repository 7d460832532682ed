// Copy jobs waiting for their rebuild slots, started first-come first-served: a job starts as soon
// as every slot it names has room, earlier-submitted jobs first among those that can. Equivalent to
// scanning the whole queue in submission order after every change, but indexed for speed (the scan
// on every submit and finish was 65 % of a 50-host Ceph run): each waiting job watches one of its
// slot keys that was full when it was last checked, and only a key's release re-checks its watchers.
// A job watching a full key cannot start whatever else frees, so no other event needs to look at it.
import type { Slot } from './policy.ts';

export interface SlotWaiter {
  /** Submission order: lower ids start first. */
  readonly id: number;
  readonly slots: readonly Slot[];
}

export class SlotQueue<J extends SlotWaiter> {
  private readonly held = new Map<string, number>();
  /** The one limit each key has (the policies derive it from the run's parameters). */
  private readonly limits = new Map<string, number>();
  /** Per key, the waiting jobs watching it: binary min-heaps by id, cancelled jobs left in (lazy deletion). */
  private readonly watchers = new Map<string, J[]>();
  /** Waiting jobs by id, in submission order. */
  private readonly waiting = new Map<number, J>();
  /** Jobs submitted since the last pump, not yet checked. */
  private fresh: J[] = [];
  /** Keys released since the last pump. */
  private readonly freed = new Set<string>();

  holding(key: string): number {
    return this.held.get(key) ?? 0;
  }

  isWaiting(job: J): boolean {
    return this.waiting.get(job.id) === job;
  }

  add(job: J): void {
    for (const s of job.slots) {
      const limit = this.limits.get(s.key);
      if (limit === undefined) this.limits.set(s.key, s.limit);
      else if (limit !== s.limit) throw new Error(`slot ${s.key} named with limits ${limit} and ${s.limit}`);
    }
    this.waiting.set(job.id, job);
    this.fresh.push(job);
  }

  /** Drops a waiting job; false if it was not waiting. */
  remove(job: J): boolean {
    return this.isWaiting(job) && this.waiting.delete(job.id);
  }

  /** A running job ended: its slots free, and its keys' watchers are checked at the next pump. */
  release(job: J): void {
    for (const s of job.slots) {
      this.held.set(s.key, (this.held.get(s.key) ?? 1) - 1);
      this.freed.add(s.key);
    }
  }

  /**
   * Starts, in submission order, every job that can start now: the fresh ones and the watchers of
   * freed keys (no other waiting job can). A key that fills up again stops being looked at.
   */
  pump(start: (job: J) => void): void {
    const keys = [...this.freed].filter((k) => (this.watchers.get(k)?.length ?? 0) > 0);
    this.freed.clear();
    const fresh = this.fresh;
    this.fresh = [];
    let fi = 0;
    for (;;) {
      let bestKey: string | undefined;
      let best = fi < fresh.length ? fresh[fi] : undefined;
      for (const key of keys) {
        if (this.full(key)) continue;
        const top = this.top(key);
        if (top !== undefined && (best === undefined || top.id < best.id)) {
          best = top;
          bestKey = key;
        }
      }
      if (best === undefined) return;
      if (bestKey === undefined) fi++;
      else popHeap(this.watchers.get(bestKey)!);
      if (!this.isWaiting(best)) continue;
      const blockedOn = best.slots.find((s) => (this.held.get(s.key) ?? 0) >= s.limit);
      if (blockedOn) {
        pushHeap(this.watcherHeap(blockedOn.key), best);
        continue;
      }
      this.waiting.delete(best.id);
      for (const s of best.slots) this.held.set(s.key, (this.held.get(s.key) ?? 0) + 1);
      start(best);
    }
  }

  private full(key: string): boolean {
    return (this.held.get(key) ?? 0) >= this.limits.get(key)!;
  }

  /** The key's earliest live watcher, dropping cancelled ones off the top. */
  private top(key: string): J | undefined {
    const heap = this.watchers.get(key)!;
    while (heap.length > 0 && this.waiting.get(heap[0].id) !== heap[0]) popHeap(heap);
    return heap[0];
  }

  private watcherHeap(key: string): J[] {
    let heap = this.watchers.get(key);
    if (!heap) this.watchers.set(key, (heap = []));
    return heap;
  }
}

function pushHeap<J extends SlotWaiter>(heap: J[], job: J): void {
  let i = heap.length;
  heap.push(job);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent].id <= job.id) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = job;
}

function popHeap<J extends SlotWaiter>(heap: J[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= heap.length) break;
    const c = l + 1 < heap.length && heap[l + 1].id < heap[l].id ? l + 1 : l;
    if (heap[c].id >= last.id) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = last;
}
