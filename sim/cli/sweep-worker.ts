// A `hcisim sweep` worker: loads each grid combination's scenario once (on its first run), then
// runs the batches it is sent and posts each run's summary figures. Everything a run computes
// comes from (combination, seed), so which worker runs it cannot change its result.
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenarioText } from '../scenario/load.ts';
import type { Scenario } from '../scenario/types.ts';
import { runScenario } from '../run.ts';
import { summaryMetrics } from '../sweep/metrics.ts';
import type { FromWorker, Task, ToWorker, WorkerSetup } from './sweep-protocol.ts';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('sweep-worker.ts runs only as a worker thread');
const scenarios = new Map<number, Scenario>();
let names: string[] | undefined;

function scenarioOf(combination: number): Scenario {
  let scenario = scenarios.get(combination);
  if (scenario === undefined) {
    const loaded = loadScenarioText(setup.text, setup.fileName, setup.combinations[combination]);
    // The main thread loaded every combination before starting the workers.
    if (!loaded.ok) throw new Error(`combination ${combination} does not load: ${loaded.problems[0]?.message}`);
    scenario = loaded.scenario;
    scenarios.set(combination, scenario);
  }
  return scenario;
}

function run(task: Task): FromWorker {
  const { summary } = runScenario(scenarioOf(task.combination), { seed: task.seed });
  const figures = summaryMetrics(summary);
  const bad = figures.find(([, v]) => !Number.isFinite(v));
  if (bad) throw new Error(`summary figure ${bad[0]} is ${bad[1]}`);
  const runNames = figures.map(([name]) => name);
  const values = figures.map(([, v]) => v);
  if (names === undefined) {
    names = runNames;
    return { type: 'result', combination: task.combination, run: task.run, names, values };
  }
  if (runNames.join('\n') !== names.join('\n')) throw new Error('this run reports different summary figures than the first run');
  return { type: 'result', combination: task.combination, run: task.run, values };
}

port.on('message', (message: ToWorker) => {
  for (const task of message.tasks) {
    let reply: FromWorker;
    try {
      reply = run(task);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ type: 'error', task, message: e.message, stack: e.stack } satisfies FromWorker);
      return;
    }
    port.postMessage(reply);
  }
  port.postMessage({ type: 'idle' } satisfies FromWorker);
});
