// The event-engine benchmark: the classic hold model (pop the earliest event, schedule one at
// now + Exp(mean 1 s)) with N events always pending, run through the real Engine and through a bare
// typed-array heap with no engine around it (bench/bare-heap.ts). The ratio of the two is what
// the kernel's bookkeeping (handles, payload slots, the run loop, closures) costs.
//   npm run bench:engine            readable table
//   npm run bench:engine -- --json  one JSON line per case: {model, queueSize, events, eventsPerSecond}
//     where events counts every timed event and eventsPerSecond is the median window's rate; the
//     hold line also carries ratioToBareHeap.
// Both cases read the same precomputed ring of delays, already rounded up to whole milliseconds as
// the engine would, so RNG cost is not timed and both cases run the very same schedule: their
// event counts over a window must match, which the bench checks.
import { performance } from 'node:perf_hooks';
import { Engine } from '../sim/core/engine.ts';
import { createRng } from '../sim/core/rng.ts';
import { BareHeap } from './bare-heap.ts';

const QUEUE_SIZES = [1_000, 100_000, 1_000_000];
/** Exp(1) in seconds, as the hold model is usually stated. */
const MEAN_DELAY_MS = 1000;
const RING_SIZE = 1 << 20;
const RING_MASK = RING_SIZE - 1;
/** Events per timed window: 1-5 s on the 2-core development machine, the whole bench about a minute. */
const TIMED_EVENTS = 8_000_000;
const WARMUP_EVENTS_MIN = 2_000_000;
const REPETITIONS = 3;

type Model = 'hold' | 'bare-heap';

interface CaseResult {
  model: Model;
  queueSize: number;
  events: number;
  eventsPerSecond: number;
}

/** One hold run: fill, warm up, then time consecutive windows of simulated time. */
interface HoldRunner {
  fill(): void;
  /** Runs every event due at or before `untilMs`; returns how many ran. */
  runUntil(untilMs: number): number;
}

function delayRing(): Float64Array {
  const rng = createRng(1, 'bench/engine/hold');
  const ring = new Float64Array(RING_SIZE);
  for (let i = 0; i < RING_SIZE; i++) ring[i] = Math.ceil(rng.exponential(MEAN_DELAY_MS));
  return ring;
}

function engineRunner(queueSize: number, ring: Float64Array): HoldRunner {
  const engine = new Engine({ eventsMax: Number.MAX_SAFE_INTEGER, keepEvents: false });
  let next = 0;
  const action = (): void => {
    engine.after(ring[next++ & RING_MASK], action);
  };
  return {
    fill() {
      for (let k = 0; k < queueSize; k++) engine.after(ring[next++ & RING_MASK], action);
    },
    runUntil(untilMs) {
      const before = engine.processed;
      engine.run(untilMs);
      return engine.processed - before;
    },
  };
}

function bareHeapRunner(queueSize: number, ring: Float64Array): HoldRunner {
  const heap = new BareHeap(1024);
  let next = 0;
  return {
    fill() {
      for (let k = 0; k < queueSize; k++) heap.push(ring[next++ & RING_MASK]);
    },
    runUntil(untilMs) {
      let events = 0;
      for (;;) {
        const now = heap.peekTime();
        if (now > untilMs) return events;
        heap.pop();
        heap.push(now + ring[next++ & RING_MASK]);
        events++;
      }
    },
  };
}

/**
 * Runs both models at one queue size. Their timed windows alternate (bare, engine, bare, ...) so
 * that load from other processes on a shared machine falls on both alike.
 */
function measurePair(queueSize: number, ring: Float64Array): { bare: CaseResult; hold: CaseResult } {
  const runners = { 'bare-heap': bareHeapRunner(queueSize, ring), hold: engineRunner(queueSize, ring) };
  const models: Model[] = ['bare-heap', 'hold'];
  // In steady state the queue runs N events per mean delay of simulated time.
  const msPerEvent = MEAN_DELAY_MS / queueSize;
  const warmupUntilMs = Math.ceil(Math.max(WARMUP_EVENTS_MIN, 2 * queueSize) * msPerEvent);
  const windowMs = Math.ceil(TIMED_EVENTS * msPerEvent);
  const windows = { 'bare-heap': [] as Window[], hold: [] as Window[] };
  for (const model of models) {
    runners[model].fill();
    runners[model].runUntil(warmupUntilMs);
  }
  for (let r = 1; r <= REPETITIONS; r++) {
    for (const model of models) {
      const start = performance.now();
      const events = runners[model].runUntil(warmupUntilMs + r * windowMs);
      windows[model].push({ events, seconds: (performance.now() - start) / 1000 });
    }
  }
  return {
    bare: summarise('bare-heap', queueSize, windows['bare-heap']),
    hold: summarise('hold', queueSize, windows.hold),
  };
}

interface Window {
  events: number;
  seconds: number;
}

/** Total timed events, and the median window's rate. */
function summarise(model: Model, queueSize: number, windows: Window[]): CaseResult {
  const rates = windows.map((w) => w.events / w.seconds).sort((a, b) => a - b);
  const events = windows.reduce((sum, w) => sum + w.events, 0);
  return { model, queueSize, events, eventsPerSecond: Math.round(rates[Math.floor(rates.length / 2)]) };
}

function printTable(rows: { bare: CaseResult; hold: CaseResult }[]): void {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log('hold model, Exp(1 s) delays, median of %d windows', REPETITIONS);
  console.log('queue size'.padStart(12) + 'bare heap ev/s'.padStart(18) + 'engine ev/s'.padStart(16) + 'ratio'.padStart(8));
  for (const { bare, hold } of rows) {
    const ratio = (hold.eventsPerSecond / bare.eventsPerSecond).toFixed(2);
    console.log(
      fmt(hold.queueSize).padStart(12) + fmt(bare.eventsPerSecond).padStart(18) +
        fmt(hold.eventsPerSecond).padStart(16) + ratio.padStart(8),
    );
  }
}

function main(): void {
  const json = process.argv.includes('--json');
  const ring = delayRing();
  const rows: { bare: CaseResult; hold: CaseResult }[] = [];
  for (const queueSize of QUEUE_SIZES) {
    const { bare, hold } = measurePair(queueSize, ring);
    // Same ring, same (time, seq) order: a different count means the engine ran another schedule.
    if (bare.events !== hold.events) {
      throw new Error(`N=${queueSize}: engine ran ${hold.events} events, bare heap ${bare.events}`);
    }
    rows.push({ bare, hold });
    if (json) {
      console.log(JSON.stringify(bare));
      const ratioToBareHeap = Math.round((hold.eventsPerSecond / bare.eventsPerSecond) * 1000) / 1000;
      console.log(JSON.stringify({ ...hold, ratioToBareHeap }));
    }
  }
  if (!json) printTable(rows);
}

main();
