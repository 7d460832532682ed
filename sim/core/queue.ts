// The future-event list: a 4-ary min-heap over typed arrays, keyed by (time, sequence number) so
// that events at the same millisecond run in the order they were scheduled. A 4-ary heap halves the
// tree depth of a binary one and keeps the four children of a node in one cache line of keys.
// Payloads live in a slot table outside the heap; a handle names (slot, sequence) so that a
// cancelled handle can never hit a slot that was reused for a later event.
// The heap's second key is the handle itself, seq * SLOT_SPAN + slot: sequence numbers are unique,
// so comparing handles compares sequence numbers, and the heap moves two arrays, not three (the
// hold benchmark, bench/engine.ts, is what this layout is tuned for).

const SLOT_BITS = 22;
const SLOT_SPAN = 2 ** SLOT_BITS;
/** Multiplying by a power of two is exact, so this recovers a handle's sequence part exactly. */
const SLOT_SCALE = 2 ** -SLOT_BITS;
/** Live events the queue can hold at once (slots are recycled when events run or are skipped). */
export const QUEUE_SLOTS_MAX = SLOT_SPAN;
/** Sequence numbers must fit with the slot in a float's 53-bit integer range. */
const SEQ_MAX = 2 ** (53 - SLOT_BITS);

export type EventHandle = number;

function slotOf(handle: number): number {
  return handle - Math.floor(handle * SLOT_SCALE) * SLOT_SPAN;
}

export class EventQueue<T> {
  private times: Float64Array;
  /** Heap-ordered handles, the tie-breaker after time. */
  private handles: Float64Array;
  private heapSize = 0;
  private readonly payloads: (T | undefined)[] = [];
  /** The handle of the event a slot holds now; a stale handle for the slot never matches it. */
  private slotHandles: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSeq = 0;
  private live = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity);
    this.times = new Float64Array(cap);
    this.handles = new Float64Array(cap);
    this.slotHandles = new Float64Array(cap);
    this.freeSlots = new Int32Array(cap);
  }

  /** Events scheduled and not yet popped or cancelled. */
  get size(): number {
    return this.live;
  }

  push(time: number, payload: T): EventHandle {
    const seq = this.nextSeq++;
    if (seq >= SEQ_MAX) throw new Error(`event queue: more than ${SEQ_MAX} events scheduled`);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const handle = seq * SLOT_SPAN + slot;
    this.payloads[slot] = payload;
    this.slotHandles[slot] = handle;
    if (this.heapSize === this.times.length) this.growHeap();
    this.siftUp(this.heapSize++, time, handle);
    this.live++;
    return handle;
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = slotOf(handle);
    if (!(slot < this.payloads.length) || this.slotHandles[slot] !== handle) return false;
    if (this.payloads[slot] === undefined) return false;
    // The heap entry stays and is skipped when it surfaces; the slot is freed only then, so a
    // stale heap entry can never point at a reused slot.
    this.payloads[slot] = undefined;
    this.live--;
    return true;
  }

  /** Time of the earliest live event, or Infinity. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.heapSize > 0 ? this.times[0] : Infinity;
  }

  /** Removes the earliest live event; `out.time` gets its time. Returns undefined when empty. */
  pop(out: { time: number }): T | undefined {
    return this.popUntil(Infinity, out);
  }

  /**
   * Removes the earliest live event if it is due at or before `untilMs` (one look at the top
   * instead of peekTime then pop); `out.time` gets its time. Returns undefined otherwise.
   */
  popUntil(untilMs: number, out: { time: number }): T | undefined {
    while (this.heapSize > 0) {
      const slot = slotOf(this.handles[0]);
      const payload = this.payloads[slot];
      if (payload === undefined) {
        this.dropTop(slot);
        continue;
      }
      const time = this.times[0];
      if (time > untilMs) return undefined;
      out.time = time;
      this.payloads[slot] = undefined;
      this.dropTop(slot);
      this.live--;
      return payload;
    }
    return undefined;
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0) {
      const slot = slotOf(this.handles[0]);
      if (this.payloads[slot] !== undefined) return;
      this.dropTop(slot);
    }
  }

  /** Removes the root, whose slot is free from now on. */
  private dropTop(slot: number): void {
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.times[last], this.handles[last]);
  }

  private newSlot(): number {
    const slot = this.payloads.length;
    if (slot >= SLOT_SPAN) throw new Error(`event queue: more than ${SLOT_SPAN} pending events`);
    this.payloads.push(undefined);
    if (slot >= this.slotHandles.length) {
      this.slotHandles = grow(this.slotHandles, slot + 1);
      const free = new Int32Array(this.slotHandles.length);
      free.set(this.freeSlots);
      this.freeSlots = free;
    }
    return slot;
  }

  /** Places a new entry; its handle is the largest yet, so it goes below any equal time. */
  private siftUp(pos: number, time: number, handle: number): void {
    const times = this.times, handles = this.handles;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = times[parent];
      if (pt <= time) break;
      times[pos] = pt;
      handles[pos] = handles[parent];
      pos = parent;
    }
    times[pos] = time;
    handles[pos] = handle;
  }

  /** Fills the hole at the root with (time, handle), moving smaller children up. */
  private siftDown(time: number, handle: number): void {
    const times = this.times, handles = this.handles;
    const n = this.heapSize;
    let pos = 0;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first];
      let bh = handles[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const ct = times[c];
        if (ct < bt || (ct === bt && handles[c] < bh)) {
          best = c;
          bt = ct;
          bh = handles[c];
        }
      }
      if (time < bt || (time === bt && handle < bh)) break;
      times[pos] = bt;
      handles[pos] = bh;
      pos = best;
    }
    times[pos] = time;
    handles[pos] = handle;
  }

  private growHeap(): void {
    const cap = this.times.length * 2;
    this.times = grow(this.times, cap);
    this.handles = grow(this.handles, cap);
  }
}

function grow(a: Float64Array, min: number): Float64Array {
  let cap = a.length;
  while (cap < min) cap *= 2;
  if (cap === a.length) return a;
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
