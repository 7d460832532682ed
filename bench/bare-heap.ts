// The baseline for the engine benchmark: the same 4-ary min-heap over typed arrays, keyed by
// (time, sequence number) like sim/core/queue.ts, but with nothing else: no payloads, no handles,
// no cancellation, no engine loop. It is the fastest the hold model can go with this layout, so
// the engine's events per second divided by this heap's says what the kernel's bookkeeping costs.

export class BareHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private n = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity);
    this.times = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest entry, or Infinity. */
  peekTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** The new entry's seq is the largest yet, so among equal times it goes last without comparing. */
  push(time: number): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times, seqs = this.seqs;
    const seq = this.nextSeq++;
    let pos = this.n++;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = times[parent];
      if (pt <= time) break;
      times[pos] = pt;
      seqs[pos] = seqs[parent];
      pos = parent;
    }
    times[pos] = time;
    seqs[pos] = seq;
  }

  /** Removes the earliest entry and returns its time (Infinity when empty). */
  pop(): number {
    if (this.n === 0) return Infinity;
    const times = this.times, seqs = this.seqs;
    const top = times[0];
    const n = --this.n;
    if (n === 0) return top;
    const time = times[n], seq = seqs[n];
    let pos = 0;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first];
      let bs = seqs[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const ct = times[c];
        if (ct < bt || (ct === bt && seqs[c] < bs)) {
          best = c;
          bt = ct;
          bs = seqs[c];
        }
      }
      if (time < bt || (time === bt && seq < bs)) break;
      times[pos] = bt;
      seqs[pos] = bs;
      pos = best;
    }
    times[pos] = time;
    seqs[pos] = seq;
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const seqs = new Float64Array(cap);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }
}
