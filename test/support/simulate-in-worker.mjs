// Runs scenarios given as data (hcisim/testing's simulate) inside a worker_thread and posts back each
// trace hash and event count: the determinism test compares them with the main thread's.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { simulate } = await import('../../sim/testing/index.ts');
parentPort.postMessage(workerData.scenarios.map((s) => {
  const { summary, trace } = simulate(s);
  return { traceHash: trace.traceHash, eventCount: summary.eventCount };
}));
