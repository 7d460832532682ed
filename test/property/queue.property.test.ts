import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue, type EventHandle } from '../../sim/core/queue.ts';

// The queue against a reference model: a plain array kept sorted by (time, push order). Times come
// from a small range so ties are common; the queue starts with room for 4 so it has to grow; and
// cancels name handles of any age, including events long popped whose slots were reused.

type Op =
  | { kind: 'push'; time: number }
  | { kind: 'pop' }
  | { kind: 'popUntil'; untilMs: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'peek' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), time: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('popUntil' as const), untilMs: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'peek' as const }) },
);

interface ModelEvent {
  time: number;
  id: number;
}

/** Index of the first model event that sorts after (time, id): where a new event goes. */
function insertAt(model: ModelEvent[], time: number, id: number): number {
  let i = model.length;
  while (i > 0 && (model[i - 1].time > time || (model[i - 1].time === time && model[i - 1].id > id))) i--;
  return i;
}

function popModel(model: ModelEvent[], untilMs: number): ModelEvent | undefined {
  return model.length > 0 && model[0].time <= untilMs ? model.shift() : undefined;
}

/** Applies one op to both; returns what each said so the test can compare. */
function apply(queue: EventQueue<number>, model: ModelEvent[], handles: EventHandle[], op: Op): [unknown, unknown] {
  const out = { time: -1 };
  switch (op.kind) {
    case 'push': {
      const id = handles.length;
      handles.push(queue.push(op.time, id));
      model.splice(insertAt(model, op.time, id), 0, { time: op.time, id });
      return [undefined, undefined];
    }
    case 'pop':
    case 'popUntil': {
      const untilMs = op.kind === 'pop' ? Infinity : op.untilMs;
      const id = op.kind === 'pop' ? queue.pop(out) : queue.popUntil(untilMs, out);
      const expected = popModel(model, untilMs);
      return [id === undefined ? undefined : { time: out.time, id }, expected];
    }
    case 'cancel': {
      if (handles.length === 0) return [undefined, undefined];
      const id = op.pick % handles.length;
      const at = model.findIndex((e) => e.id === id);
      if (at >= 0) model.splice(at, 1);
      return [queue.cancel(handles[id]), at >= 0];
    }
    case 'peek':
      return [queue.peekTime(), model.length > 0 ? model[0].time : Infinity];
  }
}

describe('EventQueue properties', () => {
  it('agrees with a sorted-array model on every pop, cancel, peek and size', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const queue = new EventQueue<number>(4);
        const model: ModelEvent[] = [];
        const handles: EventHandle[] = [];
        for (const op of ops) {
          const [got, expected] = apply(queue, model, handles, op);
          expect(got).toEqual(expected);
          expect(queue.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('pops in non-decreasing (time, push order) whatever the pushes and cancels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.nat(), { maxLength: 100 }),
        (times, cancels) => {
          const queue = new EventQueue<number>(4);
          const handles = times.map((t, id) => queue.push(t, id));
          const cancelled = new Set<number>();
          for (const pick of cancels) {
            const id = pick % times.length;
            expect(queue.cancel(handles[id])).toBe(!cancelled.has(id));
            cancelled.add(id);
          }
          const out = { time: 0 };
          let last = { time: -Infinity, id: -1 };
          let count = 0;
          for (let id = queue.pop(out); id !== undefined; id = queue.pop(out)) {
            expect(cancelled.has(id)).toBe(false);
            expect(out.time).toBe(times[id]);
            expect(out.time > last.time || (out.time === last.time && id > last.id)).toBe(true);
            last = { time: out.time, id };
            count++;
          }
          expect(count).toBe(times.length - cancelled.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps old handles dead through many rounds of slot reuse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 40 }), (width, rounds) => {
        const queue = new EventQueue<number>(4);
        const dead: EventHandle[] = [];
        let live = Array.from({ length: width }, (_, i) => queue.push(i, i));
        for (let r = 1; r <= rounds; r++) {
          // Pop everything, then push the same number again: every slot is reused each round.
          for (let i = 0; i < width; i++) queue.pop({ time: 0 });
          dead.push(...live);
          live = Array.from({ length: width }, (_, i) => queue.push(r * width + i, r * width + i));
          expect(dead.filter((handle) => queue.cancel(handle))).toEqual([]);
          expect(queue.size).toBe(width);
        }
        for (const handle of live) expect(queue.cancel(handle)).toBe(true);
        expect(queue.size).toBe(0);
      }),
    );
  });
});
