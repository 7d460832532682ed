// Counts over positions 0..n-1 on a circle, changed a range at a time, that report which positions'
// counts reach or leave zero. A Ceph PG holds a circular range of its volume class (ceph-rbd.ts), and
// a volume's health depends only on whether any of its PGs is in each unhealthy state: so a PG going
// degraded adds 1 over its range, and only the volumes that had no degraded PG before must be told.
//
// A segment tree with lazy add and subtree minimum: an add descends only into subtrees whose minimum
// is at the crossing value (0 before a +1, 1 before a -1), so a change costs O(log n + crossings x
// log n) instead of one step per position in the range (about 1,900 volumes per PG at 2,000 hosts).

/** Padding leaves beyond n: never in a range, never the minimum. */
const PAD = 1 << 30;

export class RangeCounts {
  private readonly size: number;
  /** Subtree minimum, counting every add made at the node or below it (not those above). */
  private readonly min: Int32Array;
  /** Add made to the node's whole subtree (for a leaf: its own count, less what is above it). */
  private readonly add: Int32Array;

  constructor(readonly n: number) {
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    this.min = new Int32Array(2 * size);
    this.add = new Int32Array(2 * size);
    for (let i = size + n; i < 2 * size; i++) this.min[i] = this.add[i] = PAD;
    for (let i = size - 1; i >= 1; i--) this.min[i] = Math.min(this.min[2 * i], this.min[2 * i + 1]);
  }

  /**
   * Adds `delta` (+1 or -1; counts never go below 0) to the `length` positions from `from` on,
   * wrapping past n - 1 to 0, and pushes onto `crossed` each position whose count was 0 and is now
   * 1 (delta +1) or was 1 and is now 0 (delta -1), in ascending position order per wrapped piece.
   */
  addRange(from: number, length: number, delta: 1 | -1, crossed: number[]): void {
    if (length <= 0) return;
    if (length >= this.n) {
      this.update(1, 0, this.size, 0, this.n, delta, 0, crossed);
      return;
    }
    const end = from + length;
    this.update(1, 0, this.size, from, Math.min(end, this.n), delta, 0, crossed);
    if (end > this.n) this.update(1, 0, this.size, 0, end - this.n, delta, 0, crossed);
  }

  /** The count at one position. */
  count(position: number): number {
    let node = this.size + position;
    let c = this.add[node];
    for (node >>= 1; node >= 1; node >>= 1) c += this.add[node];
    return c;
  }

  /** `above`: the adds made to the node's ancestors, so `above + min[node]` is the true minimum. */
  private update(node: number, lo: number, hi: number, l: number, r: number, delta: number, above: number, crossed: number[]): void {
    if (r <= lo || hi <= l) return;
    const covered = l <= lo && hi <= r;
    if (covered && above + this.min[node] !== (delta > 0 ? 0 : 1)) {
      this.min[node] += delta;
      this.add[node] += delta;
      return;
    }
    if (node >= this.size) {
      // A covered leaf at the crossing value.
      crossed.push(node - this.size);
      this.min[node] += delta;
      this.add[node] += delta;
      return;
    }
    const mid = (lo + hi) >> 1, below = above + this.add[node];
    this.update(2 * node, lo, mid, l, r, delta, below, crossed);
    this.update(2 * node + 1, mid, hi, l, r, delta, below, crossed);
    this.min[node] = this.add[node] + Math.min(this.min[2 * node], this.min[2 * node + 1]);
  }
}
