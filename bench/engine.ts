// The event-engine benchmark: the classic hold model (pop the earliest event, schedule one at
// now + Exp(mean 1 s)) with N events always pending, run through the real Engine and through
// npm's flatqueue over typed arrays: a plain binary heap with no tie-breaking, no cancellation and
// no engine loop. The ratio of the two is what the kernel's guarantees (FIFO among equal times,
// cancellable handles) and its bookkeeping (payload slots, the run loop, closures) cost.
//   npm run bench:engine            readable table
//   npm run bench:engine -- --json  one JSON line per queue size:
//     {queueSize, events, engineEventsPerSecond, flatqueueEventsPerSecond, ratio}
//     where events counts the timed events of each model and the rates are the median window's.
//   npm run bench:engine -- --sizes 100000   only the queue sizes given (comma-separated)
// Both models read the same precomputed ring of delays, already rounded up to whole milliseconds
// as the engine would, so RNG cost is not timed. The k-th pop of either heap has the same time
// whatever the order among ties, so both run the very same schedule: their event counts over a
// window must match, which the bench checks. Rates are per second of CPU time (see cpuSeconds).
import FlatQueue from 'flatqueue';
import { Engine } from '../sim/core/engine.ts';
import { createRng } from '../sim/core/rng.ts';

const QUEUE_SIZES = [1_000, 100_000, 1_000_000];
/** Exp(1) in seconds, as the hold model is usually stated. */
const MEAN_DELAY_MS = 1000;
const RING_SIZE = 1 << 20;
const RING_MASK = RING_SIZE - 1;
/** Events per timed window: 1-5 s on the 2-core development machine, the whole bench about a minute. */
const TIMED_EVENTS = 8_000_000;
const WARMUP_EVENTS_MIN = 2_000_000;
const REPETITIONS = 3;

type Model = 'engine' | 'flatqueue';
const MODELS: Model[] = ['flatqueue', 'engine'];

/** One hold run: fill, warm up, then time consecutive windows of simulated time. */
interface HoldRunner {
  fill(): void;
  /** Runs every event due at or before `untilMs`; returns how many ran. */
  runUntil(untilMs: number): number;
}

interface Row {
  queueSize: number;
  events: number;
  engineEventsPerSecond: number;
  flatqueueEventsPerSecond: number;
  ratio: number;
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

/** flatqueue with a fixed capacity, so its arrays are typed (Float64Array times, Uint32Array ids). */
function flatqueueRunner(queueSize: number, ring: Float64Array): HoldRunner {
  const heap = new FlatQueue<number>(queueSize, Float64Array, Uint32Array);
  let next = 0;
  return {
    fill() {
      for (let k = 0; k < queueSize; k++) heap.push(k, ring[next++ & RING_MASK]);
    },
    runUntil(untilMs) {
      let events = 0;
      while (heap.length > 0) {
        const now = heap.peekValue() as number;
        if (now > untilMs) break;
        const id = heap.pop() as number;
        heap.push(id, now + ring[next++ & RING_MASK]);
        events++;
      }
      return events;
    },
  };
}

/**
 * CPU time of this process, not wall time: the development machine is shared, and a window that
 * waits for a core would otherwise count the wait. Both loops allocate nothing, so GC threads add
 * next to nothing.
 */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

interface Window {
  events: number;
  seconds: number;
}

/**
 * Runs both models at one queue size. Their timed windows alternate (flatqueue, engine,
 * flatqueue, ...) so that load from other processes on a shared machine falls on both alike.
 */
function measure(queueSize: number, ring: Float64Array): Row {
  const runners = { flatqueue: flatqueueRunner(queueSize, ring), engine: engineRunner(queueSize, ring) };
  // In steady state the queue runs N events per mean delay of simulated time.
  const msPerEvent = MEAN_DELAY_MS / queueSize;
  const warmupUntilMs = Math.ceil(Math.max(WARMUP_EVENTS_MIN, 2 * queueSize) * msPerEvent);
  const windowMs = Math.ceil(TIMED_EVENTS * msPerEvent);
  const windows: Record<Model, Window[]> = { flatqueue: [], engine: [] };
  for (const model of MODELS) {
    runners[model].fill();
    runners[model].runUntil(warmupUntilMs);
  }
  for (let r = 1; r <= REPETITIONS; r++) {
    for (const model of MODELS) {
      const start = cpuSeconds();
      const events = runners[model].runUntil(warmupUntilMs + r * windowMs);
      windows[model].push({ events, seconds: cpuSeconds() - start });
    }
  }
  const events = { flatqueue: totalEvents(windows.flatqueue), engine: totalEvents(windows.engine) };
  if (events.flatqueue !== events.engine) {
    throw new Error(`N=${queueSize}: engine ran ${events.engine} events, flatqueue ${events.flatqueue}`);
  }
  const engineEventsPerSecond = medianRate(windows.engine);
  const flatqueueEventsPerSecond = medianRate(windows.flatqueue);
  const ratio = Math.round((engineEventsPerSecond / flatqueueEventsPerSecond) * 1000) / 1000;
  return { queueSize, events: events.engine, engineEventsPerSecond, flatqueueEventsPerSecond, ratio };
}

function totalEvents(windows: Window[]): number {
  return windows.reduce((sum, w) => sum + w.events, 0);
}

function medianRate(windows: Window[]): number {
  const rates = windows.map((w) => w.events / w.seconds).sort((a, b) => a - b);
  return Math.round(rates[Math.floor(rates.length / 2)]);
}

function printHeader(): void {
  console.log('hold model, Exp(1 s) delays, median of %d windows', REPETITIONS);
  console.log('queue size'.padStart(12) + 'flatqueue ev/s'.padStart(18) + 'engine ev/s'.padStart(16) + 'ratio'.padStart(8));
}

function printRow(row: Row): void {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log(
    fmt(row.queueSize).padStart(12) + fmt(row.flatqueueEventsPerSecond).padStart(18) +
      fmt(row.engineEventsPerSecond).padStart(16) + row.ratio.toFixed(2).padStart(8),
  );
}

function main(): void {
  const json = process.argv.includes('--json');
  const sizesAt = process.argv.indexOf('--sizes');
  const sizes = sizesAt > 0 ? process.argv[sizesAt + 1].split(',').map(Number) : QUEUE_SIZES;
  const ring = delayRing();
  if (!json) printHeader();
  for (const queueSize of sizes) {
    const row = measure(queueSize, ring);
    if (json) console.log(JSON.stringify(row));
    else printRow(row);
  }
}

main();
