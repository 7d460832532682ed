import { describe, it, expect } from 'vitest';
import { EventQueue } from '../../sim/core/queue.ts';

function drain<T>(queue: EventQueue<T>): { time: number; payload: T }[] {
  const out = { time: 0 };
  const popped: { time: number; payload: T }[] = [];
  for (let payload = queue.pop(out); payload !== undefined; payload = queue.pop(out)) {
    popped.push({ time: out.time, payload });
  }
  return popped;
}

describe('EventQueue', () => {
  it('pops events in time order and events at the same time in the order they were pushed', () => {
    const queue = new EventQueue<string>();
    queue.push(20, 'c');
    queue.push(10, 'a');
    queue.push(20, 'd');
    queue.push(10, 'b');
    queue.push(5, 'first');
    expect(drain(queue)).toEqual([
      { time: 5, payload: 'first' },
      { time: 10, payload: 'a' },
      { time: 10, payload: 'b' },
      { time: 20, payload: 'c' },
      { time: 20, payload: 'd' },
    ]);
  });

  it('returns undefined and leaves out.time alone when popping an empty queue', () => {
    const queue = new EventQueue<string>();
    const out = { time: 42 };
    expect(queue.pop(out)).toBeUndefined();
    expect(out.time).toBe(42);
    expect(queue.peekTime()).toBe(Infinity);
  });

  it('never pops a cancelled event and cancels a handle only once', () => {
    const queue = new EventQueue<string>();
    queue.push(1, 'a');
    const b = queue.push(2, 'b');
    queue.push(3, 'c');
    expect(queue.cancel(b)).toBe(true);
    expect(queue.size).toBe(2);
    expect(queue.cancel(b)).toBe(false);
    expect(queue.size).toBe(2);
    expect(drain(queue).map((e) => e.payload)).toEqual(['a', 'c']);
  });

  it('refuses to cancel an event that already ran', () => {
    const queue = new EventQueue<string>();
    const a = queue.push(1, 'a');
    queue.push(2, 'b');
    expect(queue.pop({ time: 0 })).toBe('a');
    expect(queue.cancel(a)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.pop({ time: 0 })).toBe('b');
  });

  it('ignores a stale handle whose slot now holds a later event', () => {
    const queue = new EventQueue<string>();
    const old = queue.push(1, 'old');
    queue.pop({ time: 0 });
    const reused = queue.push(2, 'new');
    // Same slot, different sequence number: the handles differ and the old one is dead.
    expect(reused).not.toBe(old);
    expect(queue.cancel(old)).toBe(false);
    expect(drain(queue)).toEqual([{ time: 2, payload: 'new' }]);
  });

  it('ignores a stale handle whose cancelled entry was skipped and its slot reused', () => {
    const queue = new EventQueue<string>();
    const old = queue.push(1, 'old');
    queue.cancel(old);
    expect(queue.peekTime()).toBe(Infinity);
    queue.push(3, 'new');
    expect(queue.cancel(old)).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.peekTime()).toBe(3);
  });

  it('refuses handles it never issued', () => {
    const queue = new EventQueue<string>();
    queue.push(1, 'a');
    for (const handle of [-1, 0.5, 2 ** 40, Number.NaN, Infinity]) expect(queue.cancel(handle)).toBe(false);
    expect(queue.size).toBe(1);
  });

  it('reports the earliest live time, skipping cancelled events at the top', () => {
    const queue = new EventQueue<string>();
    const a = queue.push(1, 'a');
    const b = queue.push(2, 'b');
    queue.push(3, 'c');
    queue.cancel(a);
    queue.cancel(b);
    expect(queue.peekTime()).toBe(3);
    expect(queue.size).toBe(1);
  });

  it('pops with popUntil only what is due at or before the bound', () => {
    const queue = new EventQueue<string>();
    queue.push(10, 'a');
    queue.push(20, 'b');
    const out = { time: 0 };
    expect(queue.popUntil(10, out)).toBe('a');
    expect(out.time).toBe(10);
    expect(queue.popUntil(19, out)).toBeUndefined();
    expect(queue.size).toBe(1);
    expect(queue.popUntil(20, out)).toBe('b');
  });

  it('grows past its initial capacity and still pops in order', () => {
    const queue = new EventQueue<number>(4);
    const times = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1009);
    times.forEach((t, i) => queue.push(t, i));
    expect(queue.size).toBe(5000);
    const popped = drain(queue);
    expect(popped).toHaveLength(5000);
    const expected = times.map((t, i) => ({ time: t, payload: i })).sort((x, y) => x.time - y.time || x.payload - y.payload);
    expect(popped).toEqual(expected);
  });

  it('orders events years out after the 24.8-day window, FIFO among equal times', () => {
    const queue = new EventQueue<string>();
    const year = 365 * 86_400_000;
    queue.push(100 * year, 'far-b');
    queue.push(3 * year, 'far-a');
    queue.push(100 * year, 'far-c');
    queue.push(5, 'near');
    expect(drain(queue)).toEqual([
      { time: 5, payload: 'near' },
      { time: 3 * year, payload: 'far-a' },
      { time: 100 * year, payload: 'far-b' },
      { time: 100 * year, payload: 'far-c' },
    ]);
  });

  it('keeps push order at one far time when the window slides past it in steps', () => {
    const queue = new EventQueue<string>();
    const day = 86_400_000;
    const out = { time: 0 };
    queue.push(40 * day, 'first');
    // Each hop moves the clock 10 days; the pushes at 40 days come before and after the slide.
    for (let t = 10; t <= 30; t += 10) {
      queue.push(t * day, `hop-${t}`);
      queue.push(40 * day, `at-${t}`);
      expect(queue.pop(out)).toBe(`hop-${t}`);
    }
    queue.push(40 * day, 'last');
    const at40 = ['first', 'at-10', 'at-20', 'at-30', 'last'].map((payload) => ({ time: 40 * day, payload }));
    expect(drain(queue)).toEqual(at40);
  });

  it('serves a far event while the window is empty and can still schedule behind it', () => {
    const queue = new EventQueue<string>();
    const year = 365 * 86_400_000;
    const out = { time: 0 };
    const gone = queue.push(2 * year, 'cancelled');
    queue.push(2 * year, 'a');
    queue.cancel(gone);
    expect(queue.popUntil(year, out)).toBeUndefined();
    expect(queue.peekTime()).toBe(2 * year);
    queue.push(year + 1, 'b');
    expect(drain(queue)).toEqual([
      { time: year + 1, payload: 'b' },
      { time: 2 * year, payload: 'a' },
    ]);
  });

  it('keeps order across tie renumbering (started near the end of its 2^22 tie numbers)', () => {
    const queue = new EventQueue<number>(4, 2 ** 22 - 3);
    const times = [7, 3, 7, 3, 7, 1, 7, 3, 9, 1];
    const handles = times.map((t, i) => queue.push(t, i));
    expect(queue.cancel(handles[2])).toBe(true);
    const expected = times
      .map((time, payload) => ({ time, payload }))
      .filter((e) => e.payload !== 2)
      .sort((x, y) => x.time - y.time || x.payload - y.payload);
    expect(drain(queue)).toEqual(expected);
  });

  it('refuses times it cannot order exactly', () => {
    const queue = new EventQueue<string>();
    for (const time of [-1, 0.5, Number.NaN, Infinity, 2 ** 53]) expect(() => queue.push(time, 'x')).toThrow(RangeError);
    expect(queue.size).toBe(0);
  });
});
