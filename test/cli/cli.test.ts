import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, it, expect } from 'vitest';

const BIN = resolve('bin/hcisim.js');
const dir = mkdtempSync(join(tmpdir(), 'hcisim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `name: tiny rollout
platform: vsphere
hosts:
  - { group: esx, count: 4 }
vms:
  - { group: app, count: 6, memoryGiB: 8 }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "esx-*", workDuration: 5m }
`;
const BAD = `name: bad
platform: vsphere
hosts:
  - { group: esx, count: 4 }
schedule:
  - { at: 1h, do: failHost, host: esx-09 }
`;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function hcisim(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, HCISIM_DEBUG: '' } });
  const stderrLines = r.stderr.split('\n').filter((l) => l !== '');
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, stderrLines };
}

describe('hcisim validate', () => {
  it('prints FILE: ok with the counts and exits 0 on a good file', () => {
    const path = file('good.yaml', GOOD);
    const r = hcisim(['validate', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${path}: ok (4 hosts, 6 VMs, 1 schedule entry)\n`);
  });

  it('exits 2 with one FILE:LINE:COL line and no stack trace on a bad file', () => {
    const path = file('bad.yaml', BAD);
    const r = hcisim(['validate', path]);
    expect(r.code).toBe(2);
    expect(r.stderrLines).toEqual([`${path}:6:35: schedule.0.host: unknown host 'esx-09' (hosts: esx-01..esx-04)`]);
    expect(r.stdout).toBe('');
  });

  it('exits 2 with one line when the file does not exist', () => {
    const r = hcisim(['validate', join(dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderrLines).toEqual([`hcisim: cannot read ${join(dir, 'nope.yaml')}: no such file`]);
  });
});

describe('hcisim run', () => {
  it('writes no output directory for a bad file', () => {
    const path = file('bad-run.yaml', BAD);
    const r = hcisim(['run', path, '--out', join(dir, 'bad-out')]);
    expect(r.code).toBe(2);
    expect(r.stderrLines).toHaveLength(1);
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 2 with one line for a flag value that is not a seed or a duration', () => {
    const path = file('good-flags.yaml', GOOD);
    for (const args of [['--seed', 'abc'], ['--until', '5x'], ['--until', '401d']]) {
      const r = hcisim(['run', path, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderrLines, args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('says on stderr, in the table and in summary.json which schedule entries never ran, and why', () => {
    const path = file('never-ran.yaml', `name: never ran
platform: vsphere
hosts: [{ group: esx, count: 5 }]
vms: [{ group: app, count: 10, memoryGiB: 8 }]
until: 10h
schedule:
  - { at: 1h, do: failHost, host: esx-02, repairAfter: 1h }
  - { at: { after: host.fail, host: esx-02, plus: 20h }, do: failHost, host: esx-01 }
`);
    const r = hcisim(['run', path, '--out', join(dir, 'never-ran-out')]);
    expect(r.code).toBe(0);
    expect(r.stderrLines).toEqual([
      `${path}:8:51: schedule.1.at.plus: warning: happens after until: it never runs (at 21h at the earliest)`,
      'hcisim: warning: schedule.1 (failHost) never ran: fires after until',
    ]);
    expect(r.stdout).toMatch(/schedule entries never run +schedule\.1 failHost: fires after until\n/);
    const summary = JSON.parse(readFileSync(join(dir, 'never-ran-out/summary.json'), 'utf8'));
    expect(summary.schedule).toEqual({ neverRan: [{ entry: 1, do: 'failHost', reason: 'fires after until' }] });
  });

  it('refuses with exit 2 an anchor that can never happen, at validate and at run', () => {
    const path = file('never-anchor.yaml', `name: never
platform: vsphere
hosts: [{ group: esx, count: 5 }]
schedule:
  - { at: { after: maintenance.end, plus: 1h }, do: failHost, host: esx-01 }
`);
    for (const args of [['validate'], ['run', '--out', join(dir, 'never-anchor-out')]]) {
      const command = args[0];
      const r = hcisim([args[0], path, ...args.slice(1)]);
      expect(r.code, command).toBe(2);
      expect(r.stderrLines, command).toEqual([`${path}:5:20: schedule.0.at.after: maintenance.end never happens: the schedule has no rollingMaintenance entry, so this entry never runs`]);
    }
    expect(existsSync(join(dir, 'never-anchor-out'))).toBe(false);
  });

  it('writes summary.json and events.jsonl to out/<name>/ and prints the table', () => {
    file('tiny.yaml', GOOD);
    const r = hcisim(['run', 'tiny.yaml', '--seed', '7']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out/tiny/summary.json'), 'utf8'));
    expect(summary).toMatchObject({ schema: 'hcisim.summary/v1', scenario: 'tiny rollout', seed: 7 });
    const events = readFileSync(join(dir, 'out/tiny/events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(events).toHaveLength(summary.eventCount);
    expect(JSON.parse(events[0])).toMatchObject({ t: 0 });
    expect(readdirSync(join(dir, 'out/tiny')).sort()).toEqual(['events.jsonl', 'summary.json']);
    expect(r.stdout).toMatch(/^tiny rollout \(vsphere, seed 7\)\n/);
    expect(r.stdout).toMatch(/summary\s+out\/tiny\/summary\.json/);
  });

  it('judges "never runs" against --until, the horizon the run really has', () => {
    const path = file('late.yaml', `name: late
platform: vsphere
hosts: [{ group: esx, count: 4 }]
vms: [{ group: app, count: 8, memoryGiB: 8 }]
until: 6h
schedule:
  - { at: 1h, do: failHost, host: esx-01, repairAfter: 1h }
  - { at: { after: host.fail, host: esx-01, plus: 10h }, do: failHost, host: esx-02, repairAfter: 1h }
`);
    const longer = hcisim(['run', path, '--until', '12h', '--out', join(dir, 'late-12h')]);
    expect(longer.code).toBe(0);
    expect(longer.stderr).not.toMatch(/never/);
    const own = hcisim(['run', path, '--out', join(dir, 'late-6h')]);
    expect(own.stderr).toMatch(/schedule\.1\.at\.plus: warning: happens after until/);
  });

  it('says on stderr and in the table when the rollout did not finish because a drain never ended', () => {
    // A guest dirtying 3,000 MiB/s on 10 GbE with neither auto-converge nor a downtime ramp: QEMU's
    // pre-copy never converges and sets no timeout, so pve-01 drains until the run ends.
    const path = file('endless-drain.yaml', `name: endless drain
platform: proxmox
until: 6h
storage: { kind: none }
hosts: [{ group: pve, count: 3, cores: 32, memoryGiB: 256, nicGbps: 10 }]
vms: [{ group: db, count: 3, vcpus: 4, memoryGiB: 32, dirtyRateMiBps: 3000, workingSetGiB: 16, ha: true }]
policies: { migration: { allowAutoConverge: false, downtimeEscalationRises: 0 } }
schedule: [{ at: 10m, do: rollingMaintenance, hosts: "pve-01", workDuration: 20m }]
`);
    const r = hcisim(['run', path, '--out', join(dir, 'endless-drain')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/hcisim: warning: the rollout did not finish: 1 host was still draining at the end \(pve-01;/);
    expect(r.stdout).toMatch(/drains unfinished at the end\s+1 \(pve-01 draining for 5h 50m\)/);
  });

  it('says on stderr when VMs could not be placed and what the run leaves out of service', () => {
    const crowded = `name: crowded
platform: vsphere
hosts: [{ group: esx, count: 2, memoryGiB: 64 }]
storage: { kind: none }
vms: [{ group: app, count: 12, memoryGiB: 16 }]
schedule: [{ at: 10m, do: failHost, host: esx-01 }]
until: 1h
`;
    const r = hcisim(['run', file('crowded.yaml', crowded), '--out', join(dir, 'crowded')]);
    expect(r.code).toBe(0);
    expect(r.stderrLines[0]).toMatch(/^hcisim: warning: \d+ of 12 VMs could not be placed and never ran/);
    expect(r.stderrLines[1]).toMatch(/^hcisim: warning: the run ends with [1-9]\d* VMs out of service/);
  });

  it('prints nothing with --quiet and honours --out', () => {
    const path = file('quiet.yaml', GOOD);
    const r = hcisim(['run', path, '--quiet', '--out', join(dir, 'q')]);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
    expect(existsSync(join(dir, 'q/summary.json'))).toBe(true);
  });
});

describe('hcisim itself', () => {
  it('shows help with examples and exits 0', () => {
    const r = hcisim(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: hcisim/);
    expect(r.stdout).toMatch(/Examples:\n\s+\$ hcisim run /);
  });

  it('prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    const r = hcisim(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('exits 2 with one line on an unknown command or option', () => {
    for (const args of [['runn'], ['validate', '--bogus', 'x.yaml']]) {
      const r = hcisim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderrLines, args.join(' ')).toHaveLength(1);
      expect(r.stderrLines[0]).toMatch(/^hcisim: unknown (command|option)/);
    }
  });

  it('prints the JSON Schema, or writes it with --out', () => {
    const printed = hcisim(['schema']);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout).required).toEqual(['name', 'platform']);
    const out = join(dir, 'schema.json');
    expect(hcisim(['schema', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
  });
});
