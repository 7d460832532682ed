// Whole-scenario benchmark: every shipped scenario, plus a 30-host, 1,200-VM vSphere rollout (the
// mission's "rolling firmware update across 30 hosts"), run end to end through the loader and
// runScenario. Reports wall time (median of 3), events, events per second and the heap the run
// retains (the trace is kept in memory for summary.json and events.jsonl).
//   npm run bench:scenarios            readable table
//   npm run bench:scenarios -- --json  one JSON line per scenario
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runScenario } from '../sim/run.ts';
import { loadScenarioText } from '../sim/scenario/load.ts';
import type { Scenario } from '../sim/scenario/types.ts';

const REPEATS = 3;

function load(text: string, name: string): Scenario {
  const r = loadScenarioText(text, name);
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

const LARGE = `
name: 30-host rollout
platform: vsphere
hosts: [{ group: esx, count: 30, cores: 48, memoryGiB: 768, nicGbps: 25, disks: { count: 6, sizeTiB: 3.84 } }]
vms:
  - { group: app, count: 1200, vcpus: 4, memoryGiB: 16, dirtyRateMiBps: 40, workingSetGiB: 2, diskGiB: 100 }
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: "esx-*", concurrency: 1, workDuration: 20m }
`;

function measure(name: string, scenario: Scenario) {
  const walls: number[] = [];
  let events = 0, heapMiB = 0;
  for (let i = 0; i < REPEATS; i++) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const result = runScenario(scenario);
    walls.push(performance.now() - t0);
    events = result.events.length;
    heapMiB = Math.max(heapMiB, (process.memoryUsage().heapUsed - before) / 2 ** 20);
  }
  walls.sort((a, b) => a - b);
  const wallMs = walls[Math.floor(REPEATS / 2)];
  return { model: 'scenario', scenario: name, events, wallMs: Math.round(wallMs), eventsPerSecond: Math.round(events / (wallMs / 1000)), heapMiB: Math.round(heapMiB) };
}

const json = process.argv.includes('--json');
const cases: [string, Scenario][] = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => [f, load(readFileSync(`scenarios/${f}`, 'utf8'), f)]);
cases.push(['30-host-rollout (generated)', load(LARGE, '30-host-rollout')]);
if (!json) console.log(`${'scenario'.padEnd(36)} ${'events'.padStart(9)} ${'wall ms'.padStart(9)} ${'events/s'.padStart(10)} ${'heap MiB'.padStart(9)}`);
for (const [name, scenario] of cases) {
  const r = measure(name, scenario);
  if (json) console.log(JSON.stringify(r));
  else console.log(`${name.padEnd(36)} ${String(r.events).padStart(9)} ${String(r.wallMs).padStart(9)} ${String(r.eventsPerSecond).padStart(10)} ${String(r.heapMiB).padStart(9)}`);
}
