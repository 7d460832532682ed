// The fluid-network benchmark: N concurrent flows between random pairs of hosts on 10 Gb/s NICs,
// each replaced by a new random flow when it ends (a steady state), run through the real Engine
// and Network. Each case runs twice on the same seeded workload: with the component-local
// recompute (the default) and with a whole-network recompute per change ('full'), so the ratio
// shows what recomputing only the touched component buys. The two runs give bit-identical rates
// (test/property/network.property.test.ts), so they simulate the very same schedule.
//   npm run bench:network            readable table
//   npm run bench:network -- --json  one JSON line per case
// 'random' traffic is the stated workload: any host to any host, which joins every flow into one
// component. 'clustered' keeps each flow inside a group of 10 hosts (separate small clusters, or
// racks with rack-local traffic), which is where component-local recompute pays.
import { performance } from 'node:perf_hooks';
import { Engine } from '../sim/core/engine.ts';
import { createRng, type Rng } from '../sim/core/rng.ts';
import { Network, type NetworkOptions } from '../sim/model/network.ts';

type Traffic = 'random' | 'clustered';
interface Case { traffic: Traffic; flows: number; hosts: number }

const CASES: Case[] = [
  { traffic: 'random', flows: 1_000, hosts: 100 },
  { traffic: 'random', flows: 10_000, hosts: 1_000 },
  { traffic: 'clustered', flows: 1_000, hosts: 100 },
  { traffic: 'clustered', flows: 10_000, hosts: 1_000 },
];
const HOSTS_PER_CLUSTER = 10;
/** 10 Gb/s, decimal as NICs are sold. */
const NIC_BYTES_PER_SEC = 1.25e9;
const GiB = 2 ** 30;
/** Flow sizes: uniform over 1-16 GiB, the memory of typical VMs. */
const BYTES_MIN = GiB;
const BYTES_MAX = 16 * GiB;
const WARMUP_COMPLETIONS = 200;
/** Each of the two runs of a case stops at whichever comes first. */
const TIMED_COMPLETIONS_MAX = 50_000;
const TIMED_WALL_MS_MAX = 5_000;

interface RunResult {
  completions: number;
  completionsPerSecond: number;
  /** Flows in the components recomputed, per recompute. */
  meanComponentFlows: number;
  /** Wall time per recompute, including the events around it (the recompute dominates). */
  msPerRecompute: number;
  /** Flows whose rate a recompute changed (and whose completion it rescheduled). */
  meanRatesChanged: number;
  /** Simulated time covered by the timed window. */
  simulatedMs: number;
  /** Simulated time at the end of the warm-up: both runs of a case must agree on it. */
  warmupEndMs: number;
}

function pickPair(rng: Rng, c: Case): [string, string] {
  const span = c.traffic === 'random' ? c.hosts : HOSTS_PER_CLUSTER;
  const base = c.traffic === 'random' ? 0 : rng.int(c.hosts / HOSTS_PER_CLUSTER) * HOSTS_PER_CLUSTER;
  const src = rng.int(span);
  const dst = (src + 1 + rng.int(span - 1)) % span;
  return [`h${base + src}`, `h${base + dst}`];
}

function run(c: Case, options: NetworkOptions): RunResult {
  const engine = new Engine({ eventsMax: Number.MAX_SAFE_INTEGER, keepEvents: false });
  const network = new Network(engine, options);
  for (let h = 0; h < c.hosts; h++) network.addHost(`h${h}`, NIC_BYTES_PER_SEC);
  const rng = createRng(1, `bench/network/${c.traffic}/${c.flows}/${c.hosts}`);
  let completions = 0;
  const startFlow = (): void => {
    const [src, dst] = pickPair(rng, c);
    const bytes = BYTES_MIN + Math.floor(rng.next() * (BYTES_MAX - BYTES_MIN));
    network.start({ src, dst, bytes, onDone });
  };
  const onDone = (): void => {
    completions++;
    startFlow();
  };
  for (let i = 0; i < c.flows; i++) startFlow();
  while (completions < WARMUP_COMPLETIONS && engine.step());
  const warmupEndMs = engine.now;
  const before = network.stats;
  const startCompletions = completions;
  const start = performance.now();
  for (let steps = 1; engine.step(); steps++) {
    if (completions - startCompletions >= TIMED_COMPLETIONS_MAX) break;
    if ((steps & 15) === 0 && performance.now() - start >= TIMED_WALL_MS_MAX) break;
  }
  const wallMs = performance.now() - start;
  const after = network.stats;
  const recomputes = after.recomputes - before.recomputes;
  const done = completions - startCompletions;
  return {
    completions: done,
    completionsPerSecond: Math.round((done * 1000) / wallMs),
    meanComponentFlows: Math.round((after.flowsRecomputed - before.flowsRecomputed) / recomputes),
    msPerRecompute: round3(wallMs / recomputes),
    meanRatesChanged: Math.round((after.ratesChanged - before.ratesChanged) / recomputes),
    simulatedMs: engine.now - warmupEndMs,
    warmupEndMs,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function printTable(rows: { c: Case; local: RunResult; full: RunResult }[]): void {
  const fmt = (n: number): string => n.toLocaleString('en-US');
  console.log('steady state, 10 Gb/s NICs, 1-16 GiB flows; component = recompute touched components, full = everything');
  const head = ['traffic', 'flows', 'hosts', 'compl/s comp', 'compl/s full', 'speedup', 'comp flows', 'rates chg', 'ms/recompute'];
  const widths = [10, 8, 7, 14, 14, 9, 12, 11, 14];
  console.log(head.map((h, i) => h.padStart(widths[i])).join(''));
  for (const { c, local, full } of rows) {
    const cells = [c.traffic, fmt(c.flows), fmt(c.hosts), fmt(local.completionsPerSecond), fmt(full.completionsPerSecond),
      (local.completionsPerSecond / full.completionsPerSecond).toFixed(2), fmt(local.meanComponentFlows),
      fmt(local.meanRatesChanged), local.msPerRecompute.toFixed(3)];
    console.log(cells.map((s, i) => s.padStart(widths[i])).join(''));
  }
}

function main(): void {
  const json = process.argv.includes('--json');
  const rows: { c: Case; local: RunResult; full: RunResult }[] = [];
  for (const c of CASES) {
    const local = run(c, { recompute: 'component' });
    const full = run(c, { recompute: 'full' });
    // Same seed and bit-identical rates: a different clock means the two runs simulated different things.
    if (local.warmupEndMs !== full.warmupEndMs) {
      throw new Error(`${c.traffic} ${c.flows}: warm-up ended at ${local.warmupEndMs} ms vs ${full.warmupEndMs} ms (full)`);
    }
    rows.push({ c, local, full });
    if (!json) continue;
    console.log(JSON.stringify({
      model: 'network',
      ...c,
      ...local,
      baseline: 'full-recompute',
      baselineCompletionsPerSecond: full.completionsPerSecond,
      baselineMsPerRecompute: full.msPerRecompute,
      speedup: round3(local.completionsPerSecond / full.completionsPerSecond),
    }));
  }
  if (!json) printTable(rows);
}

main();
