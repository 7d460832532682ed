// The sweep benchmark: runs per second of `hcisim sweep`'s worker pool on one scenario with 1, 2,
// ... workers. Two rates: `runsPerSecond` over the whole sweep (worker start-up included: each
// worker registers tsx and loads the simulator, about a second), and `steadyRunsPerSecond` from
// the first finished run to the last, which is what a long sweep approaches.
//   node --import tsx bench/sweep.ts [FILE] [--runs N] [--workers 1,2,4] [--json]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runPool } from '../sim/cli/sweep-pool.ts';
import type { Task } from '../sim/cli/sweep-protocol.ts';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const file = process.argv[2] !== undefined && !process.argv[2].startsWith('--') ? process.argv[2] : 'scenarios/random-failures-year.yaml';
const runs = Number(flag('--runs', '200'));
const workerCounts = flag('--workers', '1,2').split(',').map(Number);
const asJson = process.argv.includes('--json');
const text = readFileSync(file, 'utf8');
const tasks: Task[] = Array.from({ length: runs }, (_, run) => ({ combination: 0, run, seed: 1 + run }));

for (const workers of workerCounts) {
  const started = performance.now();
  let firstMs = 0;
  let lastMs = 0;
  await runPool({
    setup: { text, fileName: file, combinations: [[]] },
    tasks,
    workers,
    onRun: (done) => {
      lastMs = performance.now();
      if (done === 1) firstMs = lastMs;
    },
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const result = {
    bench: 'sweep',
    file,
    runs,
    workers,
    wallSeconds: Number(wallSeconds.toFixed(3)),
    runsPerSecond: Number((runs / wallSeconds).toFixed(1)),
    steadyRunsPerSecond: Number(((runs - 1) / ((lastMs - firstMs) / 1000)).toFixed(1)),
  };
  if (asJson) console.log(JSON.stringify(result));
  else console.log(`${workers} worker(s): ${runs} runs in ${result.wallSeconds}s, ${result.runsPerSecond} runs/s (${result.steadyRunsPerSecond} runs/s after start-up)`);
}
