// Events too far ahead for the event queue's packed keys (sim/core/queue.ts): a plain binary heap
// ordered by (time, handle), where a handle's sequence number is the push order. It holds few
// events (next failures drawn years out, timers beyond the queue's window) and they move to the
// main heap as the window reaches them, so it is kept simple rather than fast.

export class FarQueue {
  private times = new Float64Array(16);
  private handles = new Float64Array(16);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest entry, or Infinity. */
  get topTime(): number {
    return this.n > 0 ? this.times[0] : Infinity;
  }

  /** Handle of the earliest entry; only when size > 0. */
  get topHandle(): number {
    return this.handles[0];
  }

  push(time: number, handle: number): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times, handles = this.handles;
    let pos = this.n++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (times[parent] < time || (times[parent] === time && handles[parent] < handle)) break;
      times[pos] = times[parent];
      handles[pos] = handles[parent];
      pos = parent;
    }
    times[pos] = time;
    handles[pos] = handle;
  }

  /** Removes the earliest entry. */
  pop(): void {
    const times = this.times, handles = this.handles;
    const n = --this.n;
    if (n === 0) return;
    const time = times[n], handle = handles[n];
    let pos = 0;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (times[right] < times[child] || (times[right] === times[child] && handles[right] < handles[child]))) {
        child = right;
      }
      if (time < times[child] || (time === times[child] && handle < handles[child])) break;
      times[pos] = times[child];
      handles[pos] = handles[child];
      pos = child;
    }
    times[pos] = time;
    handles[pos] = handle;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const handles = new Float64Array(this.times.length * 2);
    times.set(this.times);
    handles.set(this.handles);
    this.times = times;
    this.handles = handles;
  }
}
