// The future-event list: a 4-ary min-heap over typed arrays, ordered by (time, push order) so that
// events at the same millisecond run in the order they were scheduled.
//
// Packed key. Each heap entry is one float, key = (time - base) * 2^22 + tie, where `tie` counts
// pushes: one compare orders both time and push order, and no two keys are equal. Comparing time,
// then a second array on equal times, ran at ~60 % of this speed in the hold benchmark
// (bench/engine.ts): with 100,000 events pending, each millisecond holds ~100 of them.
// Window. 22 tie bits leave 31 for the time offset, so the heap holds times from `base` to
// base + 2^31 ms (24.8 days). Later events wait in FarQueue, a plain (time, handle) heap, and move
// in as the window slides up behind the clock; every far time is above every time in the window,
// so the earliest event is in the heap unless it is empty (then it is the far queue's top). A
// moving event gets its tie number when it moves, which keeps FIFO order: an event at its time
// can only have entered the window after the window reached that time, i.e. after the move.
// Tie numbers. 2^22 = 4,194,304 fit; when they run out the tie numbers in use (at most one per
// pending event) are renumbered 0, 1, 2, ... in their order, one counting pass and no sort, and
// numbering resumes after them. A 50 M event run renumbers about a dozen times; renumbering gets
// frequent only when millions of events are pending at once (QUEUE_SLOTS_MAX bounds them).
// Handles hold a sequence number of 31 bits: a run may push 2^31 (2.1 billion) events in all,
// after which push throws.
//
// Children are chosen without branches (a tournament with 0/1 arithmetic): with random keys a
// branch per compare is mispredicted half the time, which cost ~25 % in the hold benchmark.
//
// Cancellation is lazy: payloads live in a slot table outside the heap; a cancelled slot's payload
// is cleared and its heap entry is skipped when it reaches the top (no position tracking while
// sifting). A handle is (sequence, slot), so a stale handle never hits a slot that was reused.
import { FarQueue } from './far-queue.ts';

const SLOT_BITS = 22;
const SLOT_SPAN = 2 ** SLOT_BITS;
/** Multiplying by a power of two is exact, so this recovers a handle's sequence part exactly. */
const SLOT_SCALE = 2 ** -SLOT_BITS;
/** Live events the queue can hold at once (slots are recycled when events run or are skipped). */
export const QUEUE_SLOTS_MAX = SLOT_SPAN - 1;
/** Sequence numbers must fit with the slot in a float's 53-bit integer range. */
const SEQ_MAX = 2 ** (53 - SLOT_BITS);

/** Tie numbers: with the 31 bits of the time offset a key uses all 53 exact bits of a float. */
const TIE_SPAN = 2 ** 22;
const TIE_SCALE = 2 ** -22;
/** The window: keys hold times from `base` to base + 2^31 ms (24.8 days). */
const WINDOW = 2 ** 31;

export type EventHandle = number;

function slotOf(handle: number): number {
  return handle - Math.floor(handle * SLOT_SCALE) * SLOT_SPAN;
}

export class EventQueue<T> {
  /** Heap-ordered packed keys of the events inside the window. */
  private keys: Float64Array;
  /** The slot of each heap entry, moved with its key. */
  private slots: Int32Array;
  private heapSize = 0;
  private readonly far = new FarQueue();
  private readonly payloads: (T | undefined)[] = [];
  /** The handle of the event a slot holds now; a stale handle for the slot never matches it. */
  private slotHandles: Float64Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private nextSeq = 0;
  private live = 0;
  private nextTie = 0;
  /** Start of the window, in ms. */
  private base = 0;
  /** Time of the last event popped: the window may slide up to it. */
  private lastTime = 0;

  /** `firstTie` is for tests: one close to 2^22 makes the tie numbers run out within a few pushes. */
  constructor(initialCapacity = 1024, firstTie = 0) {
    const cap = Math.max(4, initialCapacity);
    this.keys = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.slotHandles = new Float64Array(cap);
    this.freeSlots = new Int32Array(cap);
    this.nextTie = firstTie;
  }

  /** Events scheduled and not yet popped or cancelled. */
  get size(): number {
    return this.live;
  }

  /**
   * Schedules `payload` at `time`, a whole number of ms, no earlier than one window before the
   * last event popped (the engine never schedules in the past at all).
   */
  push(time: number, payload: T): EventHandle {
    if (!(time >= 0 && time <= Number.MAX_SAFE_INTEGER && time - this.base > -WINDOW) || Math.floor(time) !== time) {
      throw new RangeError(`event queue: cannot schedule at ${time} ms`);
    }
    const seq = this.nextSeq++;
    if (seq >= SEQ_MAX) throw new Error(`event queue: more than ${SEQ_MAX} events scheduled`);
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount] : this.newSlot();
    const handle = seq * SLOT_SPAN + slot;
    this.payloads[slot] = payload;
    this.slotHandles[slot] = handle;
    if (time - this.base < WINDOW) this.pushInWindow(time, slot);
    else this.pushBeyond(time, handle);
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
    while (this.heapSize > 0) {
      const slot = this.slots[0];
      if (this.payloads[slot] !== undefined) return this.topTime();
      this.dropTop(slot);
    }
    return this.dropCancelledFar() ? this.far.topTime : Infinity;
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
      const slot = this.slots[0];
      const payload = this.payloads[slot];
      if (payload === undefined) {
        this.dropTop(slot);
        continue;
      }
      const time = this.topTime();
      if (time > untilMs) return undefined;
      out.time = time;
      this.lastTime = time;
      this.payloads[slot] = undefined;
      this.dropTop(slot);
      this.live--;
      return payload;
    }
    return this.popFar(untilMs, out);
  }

  /**
   * The window is empty, so the earliest event is the far queue's. It is served from there: the
   * window may not move past the last event popped, where the engine may still schedule.
   */
  private popFar(untilMs: number, out: { time: number }): T | undefined {
    if (!this.dropCancelledFar() || this.far.topTime > untilMs) return undefined;
    const slot = slotOf(this.far.topHandle);
    const payload = this.payloads[slot];
    out.time = this.lastTime = this.far.topTime;
    this.far.pop();
    this.payloads[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
    this.live--;
    return payload;
  }

  /** Drops cancelled events from the top of the far queue; true if a live one is left on top. */
  private dropCancelledFar(): boolean {
    const far = this.far;
    while (far.size > 0) {
      const slot = slotOf(far.topHandle);
      if (this.payloads[slot] !== undefined) return true;
      far.pop();
      this.freeSlots[this.freeCount++] = slot;
    }
    return false;
  }

  private topTime(): number {
    return this.base + Math.floor(this.keys[0] * TIE_SCALE);
  }

  /**
   * Slides the window up to the last event popped (never past an entry still in it, so no key
   * goes negative), if that gains a quarter window: each slide rewrites every key.
   */
  private slide(): void {
    const to = this.heapSize > 0 ? Math.min(this.lastTime, this.topTime()) : this.lastTime;
    if (to - this.base < WINDOW / 4) return;
    const shift = (to - this.base) * TIE_SPAN;
    const keys = this.keys;
    for (let i = 0; i < this.heapSize; i++) keys[i] -= shift;
    this.base = to;
    this.moveFarIn();
  }

  /** A push beyond the window: slide it if that gains enough, else leave the event to the far queue. */
  private pushBeyond(time: number, handle: number): void {
    this.slide();
    if (time - this.base < WINDOW) this.pushInWindow(time, slotOf(handle));
    else this.far.push(time, handle);
  }

  /** Moves the far events that are now inside the window into it, in (time, push) order. */
  private moveFarIn(): void {
    const far = this.far;
    while (far.size > 0 && far.topTime - this.base < WINDOW) {
      const time = far.topTime;
      const slot = slotOf(far.topHandle);
      far.pop();
      if (this.payloads[slot] === undefined) this.freeSlots[this.freeCount++] = slot;
      else this.pushInWindow(time, slot);
    }
  }

  private pushInWindow(time: number, slot: number): void {
    if (this.nextTie === TIE_SPAN) this.renumberTies();
    const key = (time - this.base) * TIE_SPAN + this.nextTie++;
    if (this.heapSize === this.keys.length) this.growHeap();
    const keys = this.keys, slots = this.slots;
    let pos = this.heapSize++;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pk = keys[parent];
      if (pk < key) break;
      keys[pos] = pk;
      slots[pos] = slots[parent];
      pos = parent;
    }
    keys[pos] = key;
    slots[pos] = slot;
  }

  /**
   * Maps the tie numbers in use onto 0, 1, 2, ... in their order. The map is monotone and
   * one-to-one, so no two keys change order and the heap stays valid.
   */
  private renumberTies(): void {
    const keys = this.keys, n = this.heapSize, span = TIE_SPAN, scale = TIE_SCALE;
    const rank = new Int32Array(span);
    for (let i = 0; i < n; i++) rank[keys[i] - Math.floor(keys[i] * scale) * span] = 1;
    let used = 0;
    for (let tie = 0; tie < span; tie++) {
      const inUse = rank[tie];
      rank[tie] = used;
      used += inUse;
    }
    if (used >= span) throw new Error(`event queue: ${used} events pending, more than its tie numbers`);
    for (let i = 0; i < n; i++) {
      const offset = Math.floor(keys[i] * scale) * span;
      keys[i] = offset + rank[keys[i] - offset];
    }
    this.nextTie = used;
  }

  /** Removes the root, whose slot is free from now on. */
  private dropTop(slot: number): void {
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.heapSize;
    if (last > 0) this.siftDown(this.keys[last], this.slots[last], last);
  }

  /** Fills the hole at the root with (key, slot), moving smaller children up; n entries remain. */
  private siftDown(key: number, slot: number, n: number): void {
    const keys = this.keys, slots = this.slots;
    let pos = 0;
    for (;;) {
      const first = 4 * pos + 1;
      let best: number;
      if (first + 3 < n) {
        // Tournament of the four children; +(x < y) is 0 or 1, and -1 & d is d, 0 & d is 0.
        const a = first + +(keys[first + 1] < keys[first]);
        const b = first + 2 + +(keys[first + 3] < keys[first + 2]);
        best = a + ((b - a) & -+(keys[b] < keys[a]));
      } else if (first < n) {
        best = first;
        for (let c = first + 1; c < n; c++) if (keys[c] < keys[best]) best = c;
      } else {
        break;
      }
      const bk = keys[best];
      if (key < bk) break;
      keys[pos] = bk;
      slots[pos] = slots[best];
      pos = best;
    }
    keys[pos] = key;
    slots[pos] = slot;
  }

  private newSlot(): number {
    const slot = this.payloads.length;
    if (slot >= QUEUE_SLOTS_MAX) throw new Error(`event queue: more than ${QUEUE_SLOTS_MAX} pending events`);
    this.payloads.push(undefined);
    if (slot >= this.slotHandles.length) {
      const handles = new Float64Array(this.slotHandles.length * 2);
      handles.set(this.slotHandles);
      this.slotHandles = handles;
      const free = new Int32Array(handles.length);
      free.set(this.freeSlots);
      this.freeSlots = free;
    }
    return slot;
  }

  private growHeap(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const slots = new Int32Array(keys.length);
    slots.set(this.slots);
    this.slots = slots;
  }
}
