// The worker_threads pool of `hcisim sweep`: one worker per core by default, each sent small
// batches of runs as it becomes idle (so a slow run does not leave other workers waiting), the
// results gathered in the main thread. Results arrive in any order; the sweep's report sorts them,
// so the worker count never changes what a sweep reports. A failing run stops the whole pool.
import { Worker } from 'node:worker_threads';
import type { RunRow, SweepRows } from '../sweep/aggregate.ts';
import type { FromWorker, Task, ToWorker, WorkerSetup } from './sweep-protocol.ts';

export interface PoolOptions {
  setup: WorkerSetup;
  tasks: readonly Task[];
  workers: number;
  /** Called after each finished run with the count so far. */
  onRun?: (done: number) => void;
}

/** Batches small enough to balance the load, large enough to keep messages rare. */
const BATCH_MAX = 32;
const BATCHES_PER_WORKER = 8;

/**
 * Compiled (lib/sim/cli/sweep-pool.js, what `hcisim` runs), the worker is the compiled
 * sweep-worker.js beside this module. Loaded from its TypeScript source (vitest, benchmarks under
 * tsx), the pool starts the TypeScript worker through tsx instead of the compiled one, so a test or
 * benchmark never runs a stale lib/.
 */
const WORKER_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './sweep-worker-tsx.mjs' : './sweep-worker.js', import.meta.url);

export function batchSize(tasks: number, workers: number): number {
  return Math.max(1, Math.min(BATCH_MAX, Math.floor(tasks / (workers * BATCHES_PER_WORKER))));
}

export function runPool(options: PoolOptions): Promise<SweepRows> {
  const { setup, tasks, onRun } = options;
  const workers = Math.min(options.workers, tasks.length);
  if (workers === 0) return Promise.resolve({ metricNames: [], rows: [] });
  const batch = batchSize(tasks.length, workers);
  return new Promise((resolve, reject) => {
    const rows: RunRow[] = [];
    const pool: Worker[] = [];
    let metricNames: string[] | undefined;
    let next = 0;
    let finished = false;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      void Promise.all(pool.map((w) => w.terminate())).then(() =>
        error ? reject(error) : resolve({ metricNames: metricNames ?? [], rows }),
      );
    };
    const feed = (worker: Worker) => {
      if (next >= tasks.length) return;
      worker.postMessage({ type: 'tasks', tasks: tasks.slice(next, next + batch) } satisfies ToWorker);
      next += batch;
    };
    const onMessage = (worker: Worker, message: FromWorker) => {
      if (finished) return;
      if (message.type === 'idle') return feed(worker);
      if (message.type === 'error') return finish(runError(message));
      if (message.names !== undefined) {
        if (metricNames !== undefined && message.names.join('\n') !== metricNames.join('\n')) {
          return finish(new Error('workers report different summary figures'));
        }
        metricNames = message.names;
      }
      rows.push({ combination: message.combination, run: message.run, values: message.values });
      onRun?.(rows.length);
      if (rows.length === tasks.length) finish();
    };
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(WORKER_ENTRY, { workerData: setup });
      pool.push(worker);
      worker.on('message', (m: FromWorker) => onMessage(worker, m));
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a sweep worker exited early (code ${code})`)));
      feed(worker);
    }
  });
}

/** A run that threw in a worker, as an error naming the run; the worker's stack kept for HCISIM_DEBUG. */
function runError(message: Extract<FromWorker, { type: 'error' }>): Error {
  const { combination, run, seed } = message.task;
  const error = new Error(`run ${run} (seed ${seed}, combination ${combination}) failed: ${message.message}`);
  if (message.stack) error.stack = `${error.message}\n(in the worker) ${message.stack}`;
  return error;
}
