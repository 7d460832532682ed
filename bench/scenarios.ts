// Whole-scenario benchmark: every shipped scenario plus the scaling series (the scale case's shape
// at 20, 200 and 2,000 OpenStack/Ceph hosts; vSAN and Longhorn at 16, 64 and 96 hosts, the platforms'
// real cluster sizes), each run end to end by the installed CLI (compiled lib/, writing summary.json
// and events.jsonl) in a process of its own, so wall time and peak RSS are those of one real run.
//   npm run bench:scenarios                       readable table
//   npm run bench:scenarios -- --json             one JSON line per scenario
//   npm run bench:scenarios -- --only vsan,ceph   only names containing one of these
//   npm run bench:scenarios -- --repeats 3        median wall time of 3 runs (default 1)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

interface Case {
  name: string;
  file: string;
}

interface Row {
  scenario: string;
  hosts: number;
  vms: number;
  events: number;
  wallSeconds: number;
  eventsPerSecond: number;
  peakRssMiB: number;
}

const work = mkdtempSync(join(tmpdir(), 'hcisim-bench-'));

/**
 * The scale case (scenarios/scale-2000-hosts.yaml) at another size, same shape: 20 VMs per host,
 * 100 racks, 1 % of the hosts (one rack) in maintenance at once and a cluster-wide migration limit of 10 % of the hosts
 * (20 and 200 at 2,000 hosts), so a smaller cluster is not simply drained all at once.
 */
function scaled(template: string, hosts: number): string {
  return template
    .replace(/count: 2000,/, `count: ${hosts},`)
    .replace(/count: 40000,/, `count: ${hosts * 20},`)
    .replace(/concurrency: 20,/, `concurrency: ${Math.max(1, hosts / 100)},`)
    .replace(/hostsPerRack: 20 }/, `hostsPerRack: ${Math.max(1, hosts / 100)} }`)
    .replace(/maxParallelPerCluster: 200,/, `maxParallelPerCluster: ${Math.max(5, hosts / 10)},`)
    .replace(/^name: .*$/m, `name: scale ${hosts} hosts`);
}

function rollout(platform: 'vsphere' | 'harvester', kind: 'vsan' | 'longhorn', hosts: number): string {
  const replicas = kind === 'vsan' ? 2 : 3;
  return `name: ${kind} ${hosts} hosts
platform: ${platform}
seed: 5
hosts: [{ group: h, count: ${hosts}, cores: 64, memoryGiB: 1024, nicGbps: 25, disks: { count: 8, sizeTiB: 4 } }]
storage: { kind: ${kind}, replicas: ${replicas} }
vms: [{ group: app, count: ${hosts * 20}, vcpus: 4, memoryGiB: 16, cpuUtilization: 0.4, dirtyRateMiBps: 40, workingSetGiB: 2, diskGiB: 100 }]
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 15m }
failures: { diskAfrPercent: 2, hostAfrPercent: 3, diskReplace: 1d, hostRepair: 2d }
until: 30d
`;
}

function cases(): Case[] {
  const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => ({ name: f, file: join('scenarios', f) }));
  const scale = readFileSync('scenarios/scale-2000-hosts.yaml', 'utf8');
  const generated: [string, string][] = [
    ['scale-20-hosts (ceph)', scaled(scale, 20)],
    ['scale-200-hosts (ceph)', scaled(scale, 200)],
    ...[16, 64, 96].map((n): [string, string] => [`vsan-${n}-hosts`, rollout('vsphere', 'vsan', n)]),
    ...[16, 64, 96].map((n): [string, string] => [`longhorn-${n}-hosts`, rollout('harvester', 'longhorn', n)]),
  ];
  return [
    ...shipped,
    ...generated.map(([name, text]) => {
      const file = join(work, `${name.replace(/[^a-z0-9-]/g, '')}.yaml`);
      writeFileSync(file, text);
      return { name, file };
    }),
  ];
}

/** One run of the CLI in a fresh process: wall time, and the summary and peak RSS it leaves. */
function runOnce(c: Case): { wallMs: number; summary: { eventCount: number; capacity: { hosts: number }; vms: { count: number } }; rssKiB: number } {
  const out = join(work, 'out');
  const rssFile = join(work, 'rss');
  const t0 = performance.now();
  execFileSync(process.execPath, ['--import', './bench/rss-hook.mjs', 'bin/hcisim.js', 'run', c.file, '--out', out, '--quiet'], {
    env: { ...process.env, HCISIM_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const wallMs = performance.now() - t0;
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  return { wallMs, summary, rssKiB: Number(readFileSync(rssFile, 'utf8')) };
}

function measure(c: Case, repeats: number): Row {
  const runs = Array.from({ length: repeats }, () => runOnce(c)).sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(repeats / 2)];
  const events = median.summary.eventCount;
  const wallSeconds = median.wallMs / 1000;
  return {
    scenario: c.name,
    hosts: median.summary.capacity.hosts,
    vms: median.summary.vms.count,
    events,
    wallSeconds: Math.round(wallSeconds * 100) / 100,
    eventsPerSecond: Math.round(events / wallSeconds),
    peakRssMiB: Math.round(Math.max(...runs.map((r) => r.rssKiB)) / 1024),
  };
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const json = process.argv.includes('--json');
const only = flag('--only')?.split(',');
const repeats = Number(flag('--repeats') ?? 1);
const selected = cases().filter((c) => only === undefined || only.some((o) => c.name.includes(o)));
if (!json) console.log(`${'scenario'.padEnd(40)} ${'hosts'.padStart(6)} ${'VMs'.padStart(7)} ${'events'.padStart(10)} ${'wall s'.padStart(8)} ${'events/s'.padStart(10)} ${'peak RSS MiB'.padStart(13)}`);
try {
  for (const c of selected) {
    const r = measure(c, repeats);
    if (json) console.log(JSON.stringify(r));
    else console.log(`${r.scenario.padEnd(40)} ${String(r.hosts).padStart(6)} ${String(r.vms).padStart(7)} ${String(r.events).padStart(10)} ${r.wallSeconds.toFixed(2).padStart(8)} ${String(r.eventsPerSecond).padStart(10)} ${String(r.peakRssMiB).padStart(13)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
