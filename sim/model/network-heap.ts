// Two small heaps for the fluid network. CompletionHeap orders flows by (finish ms, flow id) and
// lets a flow's key change in place, so that a rate change costs O(log n) instead of a cancelled
// engine event that would sit in the engine's queue until its time came. LevelHeap is the
// scratch heap of progressive filling: links keyed by the water level at which they saturate,
// ties broken by link index so that the fill visits links in the same order whatever else is in
// the heap (a component recomputed alone gives bit-identical rates to a whole-network recompute).

export interface HeapItem {
  readonly id: number;
  finishMs: number;
  /** Position in the heap; -1 when not in it. */
  heapPos: number;
}

export class CompletionHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Inserts the item, or moves it after its finishMs changed. */
  upsert(item: T): void {
    if (item.heapPos < 0) {
      item.heapPos = this.items.length;
      this.items.push(item);
    }
    this.siftUp(item.heapPos);
    this.siftDown(item.heapPos);
  }

  remove(item: T): void {
    const pos = item.heapPos;
    if (pos < 0) return;
    item.heapPos = -1;
    const last = this.items.pop()!;
    if (last === item) return;
    this.items[pos] = last;
    last.heapPos = pos;
    this.siftUp(pos);
    this.siftDown(last.heapPos);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  private siftUp(pos: number): void {
    const items = this.items;
    const item = items[pos];
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!before(item, items[parent])) break;
      items[pos] = items[parent];
      items[pos].heapPos = pos;
      pos = parent;
    }
    items[pos] = item;
    item.heapPos = pos;
  }

  private siftDown(pos: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[pos];
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && before(items[child + 1], items[child])) child++;
      if (!before(items[child], item)) break;
      items[pos] = items[child];
      items[pos].heapPos = pos;
      pos = child;
    }
    items[pos] = item;
    item.heapPos = pos;
  }
}

function before(a: HeapItem, b: HeapItem): boolean {
  return a.finishMs < b.finishMs || (a.finishMs === b.finishMs && a.id < b.id);
}

/**
 * Min-heap of links keyed by (level, link index), indexed by link index so that a link's level
 * moves in place: the heap never holds more entries than links, and never a stale one.
 */
export class LevelHeap {
  private keys = new Float64Array(256);
  private ids = new Int32Array(256);
  /** Heap position of each link index; -1 when not in the heap. */
  private pos = new Int32Array(256).fill(-1);
  size = 0;

  /** Empties the heap and makes room for link indices below `idCount`. */
  reset(idCount: number): void {
    for (let i = 0; i < this.size; i++) this.pos[this.ids[i]] = -1;
    this.size = 0;
    if (idCount > this.pos.length) {
      const cap = Math.max(idCount, this.pos.length * 2);
      this.keys = new Float64Array(cap);
      this.ids = new Int32Array(cap);
      this.pos = new Int32Array(cap).fill(-1);
    }
  }

  get topKey(): number {
    return this.keys[0];
  }

  get topId(): number {
    return this.ids[0];
  }

  /** Inserts link `id` with `key`, or moves it to `key`. */
  set(id: number, key: number): void {
    let at = this.pos[id];
    if (at < 0) {
      at = this.size++;
      this.ids[at] = id;
      this.keys[at] = key;
      this.pos[id] = at;
      this.siftUp(at);
      return;
    }
    const old = this.keys[at];
    this.keys[at] = key;
    if (key < old) this.siftUp(at);
    else this.siftDown(at);
  }

  remove(id: number): void {
    const at = this.pos[id];
    if (at < 0) return;
    this.pos[id] = -1;
    const last = --this.size;
    if (at === last) return;
    const old = this.keys[at];
    this.keys[at] = this.keys[last];
    this.ids[at] = this.ids[last];
    this.pos[this.ids[at]] = at;
    if (this.keys[at] < old) this.siftUp(at);
    else this.siftDown(at);
  }

  pop(): void {
    this.remove(this.ids[0]);
  }

  private siftUp(at: number): void {
    const keys = this.keys, ids = this.ids, pos = this.pos;
    const key = keys[at], id = ids[at];
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pk = keys[parent];
      if (pk < key || (pk === key && ids[parent] < id)) break;
      keys[at] = pk;
      ids[at] = ids[parent];
      pos[ids[at]] = at;
      at = parent;
    }
    keys[at] = key;
    ids[at] = id;
    pos[id] = at;
  }

  private siftDown(at: number): void {
    const keys = this.keys, ids = this.ids, pos = this.pos;
    const n = this.size;
    const key = keys[at], id = ids[at];
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (keys[right] < keys[child] || (keys[right] === keys[child] && ids[right] < ids[child]))) child = right;
      const ck = keys[child];
      if (key < ck || (key === ck && id < ids[child])) break;
      keys[at] = ck;
      ids[at] = ids[child];
      pos[ids[at]] = at;
      at = child;
    }
    keys[at] = key;
    ids[at] = id;
    pos[id] = at;
  }
}
