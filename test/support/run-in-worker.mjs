// Runs one scenario file inside a worker_thread and posts back its trace hash: the determinism test
// compares it with the main thread's. Registers tsx first, as bin/hcisim.js does.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { loadScenarioText } = await import('../../sim/scenario/load.ts');
const { runScenario } = await import('../../sim/run.ts');
const loaded = loadScenarioText(readFileSync(workerData.file, 'utf8'), workerData.file);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const result = runScenario(loaded.scenario, { seed: workerData.seed });
parentPort.postMessage({ traceHash: result.traceHash, eventCount: result.summary.eventCount });
