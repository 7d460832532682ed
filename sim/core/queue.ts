// The future-event list: a 4-ary min-heap over typed arrays, keyed by (time, sequence number) so
// that events at the same millisecond run in the order they were scheduled. A 4-ary heap halves the
// tree depth of a binary one and keeps the four children of a node in one cache line of keys.
// Payloads live in a slot table outside the heap; a handle names (slot, sequence) so that a
// cancelled handle can never hit a slot that was reused for a later event.

const SLOT_BITS = 22;
const SLOT_SPAN = 2 ** SLOT_BITS;
/** Live events the queue can hold at once (slots are recycled when events run or are skipped). */
export const QUEUE_SLOTS_MAX = SLOT_SPAN;
/** Sequence numbers must fit with the slot in a float's 53-bit integer range. */
const SEQ_MAX = 2 ** (53 - SLOT_BITS);

export type EventHandle = number;

export class EventQueue<T> {
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  private heapSize = 0;
  private payloads: (T | undefined)[] = [];
  private slotSeq: Float64Array;
  private freeSlots: number[] = [];
  private nextSeq = 0;
  private live = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(4, initialCapacity);
    this.times = new Float64Array(cap);
    this.seqs = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.slotSeq = new Float64Array(cap);
  }

  /** Events scheduled and not yet popped or cancelled. */
  get size(): number {
    return this.live;
  }

  push(time: number, payload: T): EventHandle {
    const seq = this.nextSeq++;
    if (seq >= SEQ_MAX) throw new Error(`event queue: more than ${SEQ_MAX} events scheduled`);
    let slot: number;
    if (this.freeSlots.length > 0) slot = this.freeSlots.pop()!;
    else {
      slot = this.payloads.length;
      if (slot >= SLOT_SPAN) throw new Error(`event queue: more than ${SLOT_SPAN} pending events`);
      this.payloads.push(undefined);
      if (slot >= this.slotSeq.length) this.slotSeq = grow(this.slotSeq, slot + 1);
    }
    this.payloads[slot] = payload;
    this.slotSeq[slot] = seq;
    if (this.heapSize === this.times.length) this.growHeap();
    this.siftUp(this.heapSize++, time, seq, slot);
    this.live++;
    return seq * SLOT_SPAN + slot;
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = handle % SLOT_SPAN;
    const seq = (handle - slot) / SLOT_SPAN;
    if (slot >= this.payloads.length || this.slotSeq[slot] !== seq || this.payloads[slot] === undefined) return false;
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
    this.dropCancelledTop();
    if (this.heapSize === 0) return undefined;
    out.time = this.times[0];
    const slot = this.slots[0];
    const payload = this.payloads[slot];
    this.removeTop();
    this.payloads[slot] = undefined;
    this.freeSlots.push(slot);
    this.live--;
    return payload;
  }

  private dropCancelledTop(): void {
    while (this.heapSize > 0 && this.payloads[this.slots[0]] === undefined) {
      this.freeSlots.push(this.slots[0]);
      this.removeTop();
    }
  }

  private removeTop(): void {
    const last = --this.heapSize;
    if (last > 0) this.siftDown(0, this.times[last], this.seqs[last], this.slots[last]);
  }

  private siftUp(pos: number, time: number, seq: number, slot: number): void {
    const times = this.times, seqs = this.seqs, slots = this.slots;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[pos] = pt;
      seqs[pos] = seqs[parent];
      slots[pos] = slots[parent];
      pos = parent;
    }
    times[pos] = time;
    seqs[pos] = seq;
    slots[pos] = slot;
  }

  private siftDown(pos: number, time: number, seq: number, slot: number): void {
    const times = this.times, seqs = this.seqs, slots = this.slots;
    const n = this.heapSize;
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
      slots[pos] = slots[best];
      pos = best;
    }
    times[pos] = time;
    seqs[pos] = seq;
    slots[pos] = slot;
  }

  private growHeap(): void {
    const cap = this.times.length * 2;
    this.times = grow(this.times, cap);
    this.seqs = grow(this.seqs, cap);
    const slots = new Int32Array(cap);
    slots.set(this.slots);
    this.slots = slots;
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
