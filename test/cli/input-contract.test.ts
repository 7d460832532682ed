// The one-line contract of the CLI on bad input: exit 2, one line per problem that starts with
// the file name, at most PROBLEM_LINES_MAX lines and a count of the rest, no Node or library
// warning, no output written. And interrupted runs: SIGINT or SIGTERM while events are written
// leaves no temporary file, and stale temporaries of dead processes are swept by the next run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepStaleTemps } from '../../sim/cli/cleanup.ts';
import { RunOutput } from '../../sim/cli/output.ts';
import type { Summary } from '../../sim/summary.ts';
import { PROBLEM_LINES_MAX } from '../../sim/scenario/limits.ts';

const BIN = resolve('bin/hcisim.js');
const dir = mkdtempSync(join(tmpdir(), 'hcisim-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function hcisim(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, HCISIM_DEBUG: '' } });
  return { code: r.status, stdout: r.stdout, lines: r.stderr.split('\n').filter((l) => l !== '') };
}

const HEAD = 'name: t\nplatform: openstack\n';

describe('a bad file gets one line per problem', () => {
  it.each([
    ['trailing.json', '{"name": "t", "platform": "openstack", "hosts": [{"count": 3},]}\n', 'trailing.json:1:62: JSON: trailing comma before \']\''],
    ['comment.json', '{"name": "t", // what\n "platform": "openstack"}\n', 'comment.json:1:15: JSON: comments are not allowed in JSON'],
    ['duplicate.json', '{"name": "t",\n "name": "u", "platform": "openstack"}\n', 'duplicate.json:2:2: JSON: duplicate key "name"'],
    ['complex.yaml', `${HEAD}? [a, b]\n: 1\n`, 'complex.yaml:3:3: complex keys (a mapping or a list as a key) are not allowed'],
    ['tag.yaml', `${HEAD}hosts: !!binary aGk=\n`, 'tag.yaml:3:17: YAML tags are not allowed (!!binary)'],
    ['count.yaml', `${HEAD}hosts: [ { count: 12345678901234567890123 } ]\n`, 'count.yaml:3:19: hosts.0.count: must be at most 10000, got 1.2345678901234568e+22'],
    ['indent.yaml', 'name: t\n  platform: harvester\n', 'indent.yaml:1:7: YAML syntax: a key on an indented line inside a value: indent the keys of one mapping alike'],
    ['documents.yaml', `${HEAD}---\nname: u\n`, "documents.yaml:3:1: YAML syntax: more than one YAML document ('---'): a scenario file holds one"],
    ['binary.yaml', `${HEAD}description: "a\u0000b"\n`, 'binary.yaml:3:16: not a text file: control character U+0000'],
    ['newline-key.json', '{"name": "t", "platform": "openstack", "a\\nb": 1}\n', "newline-key.json:1:40: a\\nb: unknown field 'a\\nb' (allowed: $schema, name, description, platform, seed, until, hosts, storage, overhead, vms, policies, rules, schedule, failures, cost)"],
  ])('%s exits 2 with exactly one line and no warning', (name, text, line) => {
    const r = hcisim(['validate', file(name, text)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.lines).toEqual([join(dir, line.split(':')[0]) + line.slice(line.indexOf(':'))]);
  });

  it('says 20,000 unknown keys in 20 lines and a count of the rest', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n');
    const path = file('keys.yaml', `${HEAD}${keys}\n`);
    const r = hcisim(['validate', path]);
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(PROBLEM_LINES_MAX + 1);
    expect(r.lines[0]).toBe(`${path}:3:1: k0: unknown field 'k0' (allowed: $schema, name, description, platform, seed, until, hosts, storage, overhead, vms, policies, rules, schedule, failures, cost)`);
    expect(r.lines.at(-1)).toBe(`${path}: ... and 19,980 more`);
  });

  it('refuses a --until that brings more random failures than the budget, writing nothing', () => {
    const path = file('failures.yaml', `${HEAD}hosts: [ { count: 2000, disks: { count: 8 } } ]\nstorage: { kind: local }\nfailures: { diskAfrPercent: 1000, hostAfrPercent: 0, diskReplace: 0 }\nuntil: 1d\n`);
    const r = hcisim(['run', path, '--until', '400d', '--out', join(dir, 'failures-out')]);
    expect(r.code).toBe(2);
    expect(r.lines).toEqual(["hcisim: --until 400d: 175,223 random failures expected over --until, at most 100,000 (hcisim's work limit for one run)"]);
    expect(existsSync(join(dir, 'failures-out'))).toBe(false);
  });
});

// Long enough that events.jsonl's first 1 MiB flush comes seconds before the end: 5.6 MB of events.
const LONG = `name: long
platform: openstack
hosts:
  - { group: h, count: 200, disks: { count: 4 } }
storage: { kind: local }
vms:
  - { group: app, count: 4000, memoryGiB: 8 }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", workDuration: 20m, concurrency: 2 }
failures: { diskAfrPercent: 50, hostAfrPercent: 50 }
until: 200d
`;

/** Starts a run, waits for the first bytes of its temporary events file, sends `signal`, and returns how it ended. */
async function interrupt(signal: NodeJS.Signals, out: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; sawTemp: boolean }> {
  const child = spawn(process.execPath, [BIN, 'run', file('long.yaml', LONG), '--out', out, '--quiet'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, sig) => done({ code, signal: sig })));
  let sawTemp = false;
  for (let i = 0; i < 1500 && child.exitCode === null; i++) {
    const temp = existsSync(out) ? readdirSync(out).find((n) => n.endsWith('.tmp')) : undefined;
    if (temp !== undefined && statSync(join(out, temp)).size > 0) {
      sawTemp = true;
      child.kill(signal);
      break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return { ...(await ended), stderr, sawTemp };
}

describe('an interrupted run', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`removes its temporary files on ${signal} sent mid-write and dies of the signal`, async () => {
      const out = join(dir, `interrupted-${signal}`);
      const r = await interrupt(signal, out);
      expect(r.sawTemp).toBe(true);
      expect(r.signal).toBe(signal);
      expect(r.stderr).toBe('');
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it("leaves a live process's temporaries and sweeps a dead one's at the next run", () => {
    const out = join(dir, 'stale');
    mkdirSync(out, { recursive: true });
    let dead = 4_000_000;
    while (isAlive(dead)) dead++;
    const names = [`.events.jsonl.${dead}.tmp`, `.summary.json.${dead}.tmp`, `.sweep.csv.${dead}.tmp`, `.events.jsonl.${process.pid}.tmp`, `notes.${dead}.tmp`];
    for (const n of names) writeFileSync(join(out, n), 'partial');
    const r = hcisim(['run', file('tiny.yaml', `${HEAD}hosts: [ { count: 3 } ]\nvms: [ { count: 2 } ]\nuntil: 1h\n`), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`.events.jsonl.${process.pid}.tmp`, 'events.jsonl', `notes.${dead}.tmp`, 'summary.json']);
  });

  it('listens for signals only while a temporary file exists', () => {
    const before = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((sig) => process.listenerCount(sig));
    const output = new RunOutput(join(dir, 'listeners'), process.pid);
    expect(process.listenerCount('SIGINT')).toBe(before[0] + 1);
    output.event('{"t":0}');
    output.commit({} as Summary);
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((sig) => process.listenerCount(sig))).toEqual(before);
    expect(readdirSync(join(dir, 'listeners')).sort()).toEqual(['events.jsonl', 'summary.json']);
  });

  it('sweeps only names hcisim writes, whose PID is not alive', () => {
    const out = join(dir, 'sweep-unit');
    mkdirSync(out, { recursive: true });
    for (const n of ['.sweep-part-2-of-4.json.17.tmp', '.sweep.json.18.tmp', '.events.jsonl.x.tmp', 'events.jsonl.17.tmp']) writeFileSync(join(out, n), '');
    expect(sweepStaleTemps(out, (pid) => pid === 18)).toEqual(['.sweep-part-2-of-4.json.17.tmp']);
    expect(readdirSync(out).sort()).toEqual(['.events.jsonl.x.tmp', '.sweep.json.18.tmp', 'events.jsonl.17.tmp']);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
