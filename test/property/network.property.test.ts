import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Engine } from '../../sim/core/engine.ts';
import { Network, type FlowId, type NetworkOptions } from '../../sim/model/network.ts';

// Random clusters of 2-7 hosts (some with a storage NIC) and up to 30 flows that start, change
// their cap and get cancelled at random times; every check runs after every engine event.

interface HostDraw { nicGbps: number; storageNicGbps: number | undefined }
interface FlowDraw {
  src: number;
  dstOffset: number;
  bytes: number;
  capBytesPerSec: number;
  storage: boolean;
  startMs: number;
  cancelAfterMs: number | undefined;
  recap: { afterMs: number; capBytesPerSec: number } | undefined;
}
interface Draw { hosts: HostDraw[]; flows: FlowDraw[] }

const capArb = fc.oneof(fc.constant(0), fc.integer({ min: 10_000_000, max: 3_000_000_000 }));
const drawArb: fc.Arbitrary<Draw> = fc.record({
  hosts: fc.array(
    fc.record({
      nicGbps: fc.constantFrom(1, 10, 25, 40),
      storageNicGbps: fc.option(fc.constantFrom(10, 25), { nil: undefined }),
    }),
    { minLength: 2, maxLength: 7 },
  ),
  flows: fc.array(
    fc.record({
      src: fc.nat(),
      dstOffset: fc.nat(),
      // Repeated sizes and start times make same-ms completions and ties common.
      bytes: fc.oneof(fc.constantFrom(1e9, 2 ** 30), fc.integer({ min: 1_000_000, max: 4_000_000_000 })),
      capBytesPerSec: capArb,
      storage: fc.boolean(),
      startMs: fc.oneof(fc.constantFrom(0, 500, 1_000), fc.integer({ min: 0, max: 3_000 })),
      cancelAfterMs: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
      recap: fc.option(fc.record({ afterMs: fc.integer({ min: 0, max: 3_000 }), capBytesPerSec: capArb }), {
        nil: undefined,
      }),
    }),
    { minLength: 1, maxLength: 30 },
  ),
});

const hostName = (i: number): string => `h${i}`;

/** One simulated run of a draw, with what the test observes of it. */
class Run {
  readonly engine = new Engine({ eventsMax: 100_000 });
  readonly network: Network;
  /** Flow id -> index of its draw, for flows started and not yet ended. */
  readonly active = new Map<FlowId, number>();
  readonly completed: { id: FlowId; atMs: number; sent: number }[] = [];
  readonly cancelled: { id: FlowId; sent: number }[] = [];
  readonly specs = new Map<FlowId, { bytes: number; cap: number; links: string[] }>();

  constructor(readonly draw: Draw, options: NetworkOptions = {}) {
    this.network = new Network(this.engine, options);
    draw.hosts.forEach((h, i) => this.network.addHost(hostName(i), (h.nicGbps * 1e9) / 8, storageBytes(h)));
    draw.flows.forEach((f, i) => this.engine.at(f.startMs, () => this.start(f, i)));
  }

  private start(f: FlowDraw, index: number): void {
    const n = this.draw.hosts.length;
    const src = f.src % n;
    const dst = (src + 1 + (f.dstOffset % (n - 1))) % n;
    const network = f.storage ? 'storage' : 'migration';
    const onDone = (id: FlowId): void => {
      this.active.delete(id);
      this.completed.push({ id, atMs: this.engine.now, sent: this.network.sentBytes(id) });
    };
    const id = this.network.start({ src: hostName(src), dst: hostName(dst), bytes: f.bytes, capBytesPerSec: f.capBytesPerSec, network, onDone });
    this.active.set(id, index);
    const link = (h: number, dir: string): string =>
      `${hostName(h)}/${f.storage && this.draw.hosts[h].storageNicGbps !== undefined ? 'storage' : 'migration'}/${dir}`;
    this.specs.set(id, { bytes: f.bytes, cap: f.capBytesPerSec, links: [link(src, 'tx'), link(dst, 'rx')] });
    if (f.cancelAfterMs !== undefined) {
      this.engine.after(f.cancelAfterMs, () => {
        if (!this.active.delete(id)) return;
        this.cancelled.push({ id, sent: this.network.cancel(id) });
      });
    }
    const recap = f.recap;
    if (recap !== undefined) {
      this.engine.after(recap.afterMs, () => {
        if (!this.active.has(id)) return;
        this.network.setCap(id, recap.capBytesPerSec);
        this.specs.get(id)!.cap = recap.capBytesPerSec;
      });
    }
  }

  rates(): Map<FlowId, number> {
    const rates = new Map<FlowId, number>();
    for (const id of this.active.keys()) rates.set(id, this.network.rateBytesPerSec(id));
    return rates;
  }
}

function storageBytes(h: HostDraw): number | undefined {
  return h.storageNicGbps === undefined ? undefined : (h.storageNicGbps * 1e9) / 8;
}

/** Plain progressive filling over all flows, written for clarity rather than speed. */
function referenceRates(run: Run): Map<FlowId, number> {
  const capacity = new Map(run.network.links().map((l) => [`${l.host}/${l.network}/${l.direction}`, l.capacityBytesPerSec]));
  const ids = [...run.active.keys()];
  const rate = new Map(ids.map((id) => [id, 0]));
  const unfrozen = new Set(ids);
  while (unfrozen.size > 0) {
    let step = Infinity;
    for (const [link, cap] of capacity) {
      const on = ids.filter((id) => run.specs.get(id)!.links.includes(link));
      const rising = on.filter((id) => unfrozen.has(id)).length;
      if (rising > 0) step = Math.min(step, (cap - on.reduce((s, id) => s + rate.get(id)!, 0)) / rising);
    }
    for (const id of unfrozen) {
      const cap = run.specs.get(id)!.cap;
      if (cap > 0) step = Math.min(step, cap - rate.get(id)!);
    }
    for (const id of unfrozen) rate.set(id, rate.get(id)! + step);
    for (const id of [...unfrozen]) {
      const { cap, links } = run.specs.get(id)!;
      const saturated = links.some((link) => {
        const load = ids.filter((o) => run.specs.get(o)!.links.includes(link)).reduce((s, o) => s + rate.get(o)!, 0);
        return load >= capacity.get(link)! * (1 - 1e-12);
      });
      if (saturated || (cap > 0 && rate.get(id)! >= cap * (1 - 1e-12))) unfrozen.delete(id);
    }
  }
  return rate;
}

/** Equal within `relative` of the larger, or within a byte (per second) near zero. */
function expectNear(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.max(1, relative * Math.max(Math.abs(actual), Math.abs(expected))));
}

function checkMaxMin(run: Run, rates: Map<FlowId, number>): void {
  const links = new Map(run.network.links().map((l) => [`${l.host}/${l.network}/${l.direction}`, l]));
  const maxRateOn = new Map<string, number>();
  for (const [id, rate] of rates) {
    for (const link of run.specs.get(id)!.links) maxRateOn.set(link, Math.max(maxRateOn.get(link) ?? 0, rate));
  }
  for (const link of links.values()) {
    expect(link.loadBytesPerSec).toBeLessThanOrEqual(link.capacityBytesPerSec * (1 + 1e-6));
  }
  for (const [id, rate] of rates) {
    const { cap, links: path } = run.specs.get(id)!;
    if (cap > 0) expect(rate).toBeLessThanOrEqual(cap * (1 + 1e-9));
    const atCap = cap > 0 && rate >= cap * (1 - 1e-9);
    const bottlenecked = path.some((key) => {
      const link = links.get(key)!;
      return link.loadBytesPerSec >= link.capacityBytesPerSec * (1 - 1e-9) && rate >= maxRateOn.get(key)! * (1 - 1e-9);
    });
    expect(atCap || bottlenecked, `flow ${id} at ${rate} B/s is neither capped nor bottlenecked`).toBe(true);
  }
}

describe('Network max-min sharing (property)', () => {
  it('never overloads a link or a cap, and every flow is capped or has the top rate on a saturated link', () => {
    fc.assert(
      fc.property(drawArb, (draw) => {
        const run = new Run(draw);
        while (run.engine.step()) {
          const rates = run.rates();
          checkMaxMin(run, rates);
          const reference = referenceRates(run);
          for (const [id, rate] of rates) expectNear(rate, reference.get(id)!, 1e-9);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives bit-identical rates and completion times whether it recomputes touched components or everything', () => {
    fc.assert(
      fc.property(drawArb, (draw) => {
        const local = new Run(draw);
        const full = new Run(draw, { recompute: 'full' });
        for (;;) {
          const a = local.engine.step();
          const b = full.engine.step();
          expect(a).toBe(b);
          if (!a) break;
          expect(local.engine.now).toBe(full.engine.now);
          expect([...local.rates()]).toEqual([...full.rates()]);
        }
        expect(local.completed).toEqual(full.completed);
        expect(local.cancelled).toEqual(full.cancelled);
        expect(local.network.stats.flowsRecomputed).toBeLessThanOrEqual(full.network.stats.flowsRecomputed);
      }),
      { numRuns: 200 },
    );
  });

  it('delivers exactly the requested bytes, matching the integral of the rates, and ends every flow', () => {
    fc.assert(
      fc.property(drawArb, (draw) => {
        const run = new Run(draw);
        const integral = new Map<FlowId, number>();
        /** The rate over the latest interval of non-zero length. */
        const lastRate = new Map<FlowId, number>();
        let rates = new Map<FlowId, number>();
        let lastMs = 0;
        let seenCompleted = 0;
        let seenCancelled = 0;
        while (run.engine.step()) {
          const dtSec = (run.engine.now - lastMs) / 1000;
          for (const [id, rate] of rates) {
            integral.set(id, (integral.get(id) ?? 0) + rate * dtSec);
            if (dtSec > 0) lastRate.set(id, rate);
          }
          for (const { id, sent } of run.completed.slice(seenCompleted)) {
            const bytes = run.specs.get(id)!.bytes;
            expect(sent).toBe(bytes);
            // Completions are rounded up to the ms: at most one ms at the last rate too many.
            const got = integral.get(id) ?? 0;
            expect(got).toBeGreaterThanOrEqual(bytes * (1 - 1e-9) - 1);
            expect(got).toBeLessThanOrEqual(bytes * (1 + 1e-9) + (lastRate.get(id) ?? 0) / 1000 + 1);
          }
          for (const { id, sent } of run.cancelled.slice(seenCancelled)) {
            // A flow cancelled in the ms its last byte arrives has sent all of it, not a ms more.
            expectNear(sent, Math.min(integral.get(id) ?? 0, run.specs.get(id)!.bytes), 1e-9);
          }
          seenCompleted = run.completed.length;
          seenCancelled = run.cancelled.length;
          rates = run.rates();
          lastMs = run.engine.now;
        }
        expect(run.engine.pending).toBe(0);
        expect(run.network.activeFlows).toBe(0);
        expect(run.completed.length + run.cancelled.length).toBe(draw.flows.length);
        const requested = run.completed.reduce((s, c) => s + run.specs.get(c.id)!.bytes, 0);
        expect(run.completed.reduce((s, c) => s + c.sent, 0)).toBe(requested);
      }),
      { numRuns: 200 },
    );
  });
});
