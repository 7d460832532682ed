import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/program.ts';
import { makePart } from '../../sim/sweep/part.ts';

const BIN = resolve('bin/hcisim.js');
const dir = mkdtempSync(join(tmpdir(), 'hcisim-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Random disk and host failures at raised rates, so runs differ; one replica loses data often.
const SCENARIO = join(dir, 'random.yaml');
writeFileSync(
  SCENARIO,
  `name: tiny random failures
platform: harvester
until: 30d
hosts:
  - { group: node, count: 4, disks: { count: 2, sizeTiB: 1 } }
storage: { replicas: 2 }
vms:
  - { group: app, count: 6, memoryGiB: 8, diskGiB: 50 }
failures: { diskAfrPercent: 400, hostAfrPercent: 200, diskReplace: 24h, hostRepair: 2d }
`,
);

/** Runs the CLI in this process (the worker pool still uses real threads) and captures its output. */
async function hcisim(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = {
    out: (t: string) => void (stdout += t),
    err: (t: string) => void (stderr += t),
    stderr: { isTTY: false } as NodeJS.WriteStream,
    pid: process.pid,
  };
  const code = await main(args, io, { HCISIM_DEBUG: '' });
  return { code, stdout, stderr, stderrLines: stderr.split('\n').filter((l) => l !== '') };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const withoutTiming = (report: Record<string, unknown>) => ({ ...report, timing: undefined });

describe('hcisim sweep', () => {
  it('writes sweep.json with runs, metrics and dataLossProbability, and sweep.csv with one row per run', () => {
    const out = join(dir, 'twenty');
    const r = spawnSync(process.execPath, [BIN, 'sweep', SCENARIO, '--runs', '20', '--seed', '5', '--out', out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = json(join(out, 'sweep.json'));
    expect(report).toMatchObject({ schema: 'hcisim.sweep/v1', runs: 20, seed: 5, scenario: 'tiny random failures' });
    for (const name of ['storage.volumesLost', 'vms.downtimeSeconds.total', 'storage.degradedVolumeHours']) {
      expect(Object.keys(report.metrics[name]), name).toEqual(expect.arrayContaining(['mean', 'p50', 'p95', 'p99']));
    }
    const { estimate, ci95, runsWithLoss } = report.dataLossProbability;
    expect(estimate).toBe(runsWithLoss / 20);
    expect(ci95[0]).toBeLessThanOrEqual(estimate);
    expect(ci95[1]).toBeGreaterThanOrEqual(estimate);
    const lines = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    const header = lines[0].split(',');
    const seeds = lines.slice(1).map((l) => Number(l.split(',')[header.indexOf('seed')]));
    expect(seeds).toEqual(Array.from({ length: 20 }, (_, i) => 5 + i));
    const lost = lines.slice(1).filter((l) => Number(l.split(',')[header.indexOf('storage.volumesLost')]) > 0).length;
    expect(lost).toBe(runsWithLoss);
    // The runs differ: the failures are random.
    expect(report.metrics['eventCount'].min).toBeLessThan(report.metrics['eventCount'].max);
    expect(r.stdout).toMatch(/of 20 runs lost data: .*\(95% CI /);
    const risk = report.riskEstimate;
    expect(risk.lossProbability).toBeCloseTo(report.metrics['storage.risk.lossProbability'].mean, 15);
    expect(risk.ci95[0]).toBeLessThanOrEqual(risk.lossProbability);
    expect(risk.ci95[1]).toBeGreaterThan(risk.lossProbability);
    expect(report.combinations[0].riskEstimate).toEqual(risk);
    expect(r.stdout).toMatch(/estimated from the runs' short windows: .*\(95% CI /);
  });

  it('gives the same sweep.json and sweep.csv split into 2 shards and merged as in one sweep', async () => {
    const grid = ['--set', 'storage.replicas=1,2', '--set', 'policies.storage.repairDelay=30m,60m'];
    const whole = join(dir, 'whole');
    const parts = join(dir, 'parts');
    expect((await hcisim(['sweep', SCENARIO, '--runs', '6', '--workers', '2', '--out', whole, ...grid])).code).toBe(0);
    for (const shard of ['2/2', '1/2']) {
      const r = await hcisim(['sweep', SCENARIO, '--runs', '6', '--workers', '1', '--shard', shard, '--out', parts, '--quiet', ...grid]);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(readdirSync(parts).sort()).toEqual(['sweep-part-1-of-2.json', 'sweep-part-2-of-2.json']);
    const merged = await hcisim(['merge', join(parts, 'sweep-part-1-of-2.json'), join(parts, 'sweep-part-2-of-2.json')]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(join(parts, 'sweep.csv'), 'utf8')).toBe(readFileSync(join(whole, 'sweep.csv'), 'utf8'));
    const a = json(join(whole, 'sweep.json'));
    const b = json(join(parts, 'sweep.json'));
    expect(JSON.stringify(withoutTiming(b))).toBe(JSON.stringify(withoutTiming(a)));
    expect(a.combinations.map((c: { set: object }) => c.set)).toEqual([
      { 'storage.replicas': 1, 'policies.storage.repairDelay': '30m' },
      { 'storage.replicas': 1, 'policies.storage.repairDelay': '60m' },
      { 'storage.replicas': 2, 'policies.storage.repairDelay': '30m' },
      { 'storage.replicas': 2, 'policies.storage.repairDelay': '60m' },
    ]);
    expect(a.metrics).toEqual(a.combinations[0].metrics);
  });

  it('merge refuses a missing shard or a file that is not JSON with one line, and writes nothing', async () => {
    const parts = join(dir, 'lonely');
    mkdirSync(parts);
    const definition = { scenario: 't', scenarioHash: 'sha256:0', seed: 1, runs: 2, grid: [] };
    const part = makePart(definition, { index: 1, count: 2 }, { metricNames: ['storage.volumesLost'], rows: [{ combination: 0, run: 0, values: [0] }] });
    writeFileSync(join(parts, 'sweep-part-1-of-2.json'), JSON.stringify(part));
    writeFileSync(join(parts, 'cut.json'), '{"schema": "hcisim.sweep-part/v1", "rows": [');
    const r = await hcisim(['merge', join(parts, 'sweep-part-1-of-2.json')]);
    expect(r.code).toBe(2);
    expect(r.stderrLines).toEqual(['hcisim: shard 2/2 is missing']);
    const cut = await hcisim(['merge', join(parts, 'sweep-part-1-of-2.json'), join(parts, 'cut.json')]);
    expect(cut.code).toBe(2);
    expect(cut.stderrLines).toEqual([`hcisim: ${join(parts, 'cut.json')}: not a sweep part (not JSON; was it cut short?)`]);
    expect(readdirSync(parts).sort()).toEqual(['cut.json', 'sweep-part-1-of-2.json']);
  });

  it('exits 2 with one line and writes nothing for a bad --set path or value, a bad shard or no runs', async () => {
    const cases: [string[], RegExp][] = [
      [['--set', 'storage.replica=2,3'], /^hcisim: --set storage\.replica=2: unknown field 'replica' \(did you mean 'replicas'\?\)$/],
      [['--set', 'policies.storage.repairDelay=30m,soon'], /^hcisim: --set policies\.storage\.repairDelay=soon: malformed duration 'soon'/],
      [['--set', 'storage.replicas'], /expected path=value/],
      [['--shard', '3/2'], /I must be between 1 and N \(2\), got 3/],
      [['--runs', '0'], /must be at least 1/],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, 'bad');
      const r = await hcisim(['sweep', SCENARIO, '--runs', '3', '--out', out, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderrLines, args.join(' ')).toHaveLength(1);
      expect(r.stderrLines[0], args.join(' ')).toMatch(message);
      expect(existsSync(out), args.join(' ')).toBe(false);
    }
  });
});
