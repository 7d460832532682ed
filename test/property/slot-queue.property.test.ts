// The indexed slot queue (sim/storage/slot-queue.ts) starts exactly the jobs, in exactly the order,
// that the plain FIFO scan it replaced would: after every submit, cancel and release, scan every
// waiting job in submission order and start each one whose slots all have room.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Slot } from '../../sim/storage/policy.ts';
import { SlotQueue } from '../../sim/storage/slot-queue.ts';

interface Job {
  id: number;
  slots: Slot[];
}

/** The reference: the scan of the whole queue that CopyJobs.pump used to do. */
class ScanQueue {
  readonly queue: Job[] = [];
  readonly held = new Map<string, number>();
  pump(start: (job: Job) => void): void {
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i];
      if (job.slots.every((s) => (this.held.get(s.key) ?? 0) < s.limit)) {
        this.queue.splice(i, 1);
        for (const s of job.slots) this.held.set(s.key, (this.held.get(s.key) ?? 0) + 1);
        start(job);
      } else i++;
    }
  }
  release(job: Job): void {
    for (const s of job.slots) this.held.set(s.key, this.held.get(s.key)! - 1);
  }
}

const KEYS = ['a', 'b', 'c', 'd'];
/** One limit per key, as the policies give (the queue refuses two limits for one key). */
const LIMITS: Record<string, number> = { a: 1, b: 2, c: 1, d: 3 };

const arbOp = fc.oneof(
  fc.record({ op: fc.constant('submit' as const), keys: fc.uniqueArray(fc.constantFrom(...KEYS), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('finish' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }),
);

describe('slot queue', () => {
  it('starts the watchers of two freed keys in submission order', () => {
    const q = new SlotQueue<Job>();
    const starts: number[] = [];
    const first: Job = { id: 1, slots: [{ key: 'a', limit: 1 }, { key: 'c', limit: 1 }] };
    for (const job of [first, { id: 2, slots: [{ key: 'c', limit: 1 }] }, { id: 3, slots: [{ key: 'a', limit: 1 }] }]) {
      q.add(job);
      q.pump((j) => starts.push(j.id));
    }
    q.release(first);
    q.pump((j) => starts.push(j.id));
    expect(starts).toEqual([1, 2, 3]);
  });

  it('starts the same jobs in the same order as a FIFO scan of the whole queue', () => {
    fc.assert(
      fc.property(fc.array(arbOp, { maxLength: 120 }), (ops) => {
        const fast = new SlotQueue<Job>();
        const scan = new ScanQueue();
        const fastStarts: number[] = [];
        const scanStarts: number[] = [];
        const running: Job[] = [];
        let nextId = 1;
        for (const o of ops) {
          if (o.op === 'submit') {
            const job: Job = { id: nextId++, slots: o.keys.map((key) => ({ key, limit: LIMITS[key] })) };
            fast.add(job);
            scan.queue.push(job);
          } else if (o.op === 'finish' && running.length > 0) {
            const [job] = running.splice(o.pick % running.length, 1);
            fast.release(job);
            scan.release(job);
          } else if (o.op === 'cancel' && scan.queue.length > 0) {
            const [job] = scan.queue.splice(o.pick % scan.queue.length, 1);
            expect(fast.remove(job)).toBe(true);
          }
          fast.pump((job) => fastStarts.push(job.id));
          scan.pump((job) => {
            scanStarts.push(job.id);
            running.push(job);
          });
          expect(fastStarts).toEqual(scanStarts);
          for (const key of KEYS) expect(fast.holding(key)).toBe(scan.held.get(key) ?? 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
