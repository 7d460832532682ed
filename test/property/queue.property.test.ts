import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { EventQueue, type EventHandle } from '../../sim/core/queue.ts';

// The queue against a reference model: a plain array kept sorted by (time, push order). Times come
// from a small range so ties are common; the queue starts with room for 4 so it has to grow; and
// cancels name handles of any age, including events long popped whose slots were reused. A second
// range spreads times over several of the queue's windows so events go through the far queue.

type Op =
  | { kind: 'push'; time: number }
  | { kind: 'pop' }
  | { kind: 'popUntil'; untilMs: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'peek' };

function opsOver(timeArb: fc.Arbitrary<number>, popWeight = 3): fc.Arbitrary<Op> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), time: timeArb }) },
    { weight: popWeight, arbitrary: fc.constant({ kind: 'pop' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('popUntil' as const), untilMs: timeArb }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'peek' as const }) },
  );
}

const opArb = opsOver(fc.integer({ min: 0, max: 20 }));

/**
 * Times a few ms apart in steps of 2^29 ms, a quarter of the queue's 2^31 ms window, up to 1.25
 * windows ahead: pushes land inside the window and beyond it (the far queue), with ties, and
 * frequent pops move the clock so that the window slides and far events move in.
 */
const QUARTER_WINDOW_MS = 2 ** 29;
const wideOpArb = opsOver(
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })).map(([q, j]) => q * QUARTER_WINDOW_MS + j),
  5,
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

/**
 * Applies one op to both; returns what each said so the test can compare. With a `clock`, times
 * count from the last popped event's, as the engine schedules (never in the past).
 */
function apply(
  queue: EventQueue<number>,
  model: ModelEvent[],
  handles: EventHandle[],
  op: Op,
  clock = { now: 0, relative: false },
): [unknown, unknown] {
  const out = { time: -1 };
  const from = clock.relative ? clock.now : 0;
  switch (op.kind) {
    case 'push': {
      const id = handles.length;
      const time = from + op.time;
      handles.push(queue.push(time, id));
      model.splice(insertAt(model, time, id), 0, { time, id });
      return [undefined, undefined];
    }
    case 'pop':
    case 'popUntil': {
      const untilMs = op.kind === 'pop' ? Infinity : from + op.untilMs;
      const id = op.kind === 'pop' ? queue.pop(out) : queue.popUntil(untilMs, out);
      const expected = popModel(model, untilMs);
      if (expected !== undefined) clock.now = expected.time;
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

  it('agrees with the model across the window, the far queue and a tie renumbering', () => {
    fc.assert(
      fc.property(fc.array(wideOpArb, { maxLength: 200 }), fc.integer({ min: 0, max: 40 }), (ops, tiesLeft) => {
        // Tie numbers run out after `tiesLeft` pushes into the window.
        const queue = new EventQueue<number>(4, 2 ** 22 - tiesLeft);
        const model: ModelEvent[] = [];
        const handles: EventHandle[] = [];
        const clock = { now: 0, relative: true };
        for (const op of ops) {
          const [got, expected] = apply(queue, model, handles, op, clock);
          expect(got).toEqual(expected);
          expect(queue.size).toBe(model.length);
        }
      }),
      { numRuns: 1000 },
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
