import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/program.ts';

const dir = mkdtempSync(join(tmpdir(), 'hcisim-cost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Two hosts, one rollout: live migration on vSphere, a shutdown per host on bare metal.
const SCENARIO = join(dir, 'rollout.yaml');
writeFileSync(
  SCENARIO,
  `name: tiny rollout
platform: vsphere
until: 1d
hosts:
  - { group: node, count: 3, cores: 16, memoryGiB: 128, disks: { count: 2, sizeTiB: 1 } }
vms:
  - { group: app, count: 4, vcpus: 2, memoryGiB: 8, diskGiB: 20 }
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: "node-*", workDuration: 30m }
`,
);

async function hcisim(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string) => void (stdout += t), err: (t: string) => void (stderr += t), stderr: { isTTY: false } as NodeJS.WriteStream, pid: process.pid };
  const code = await main(args, io, { HCISIM_DEBUG: '' });
  return { code, stdout, stderr };
}

// The same rollout without until: each platform's runs end at their last event.
const NO_UNTIL = join(dir, 'no-until.yaml');
writeFileSync(
  NO_UNTIL,
  `name: rollout without until
platform: vsphere
hosts:
  - { group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }
vms:
  - { group: v, count: 8, vcpus: 2, memoryGiB: 8, diskGiB: 20 }
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 30m }
`,
);

describe('hcisim cost, the period of the risk sweep', () => {
  it('refuses to scale runs that represent no fixed period (no until), exit 2, before any run', async () => {
    const r = await hcisim(['cost', NO_UNTIL, '--downtime-cost-per-hour', '500', '--runs', '1', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/must say what period a run represents: set until/);
    expect((await hcisim(['cost', NO_UNTIL, '--json'])).code).toBe(0);
  });

  it('scales every platform by the same factor, the horizon over until, and says so', async () => {
    const r = await hcisim(['cost', SCENARIO, '--years', '1', '--platforms', 'vsphere,baremetal', '--downtime-cost-per-hour', '1', '--runs', '1', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/each run stands for the file's until \(1 day\), and the runs' means are scaled x365 to 1 year, as if that period and its schedule repeated/);
  });
});

describe('hcisim cost', () => {
  it('prints the module figures as JSON for the 20-host scenario', async () => {
    const r = await hcisim(['cost', 'scenarios/tco-20-hosts.yaml', '--years', '3', '--platforms', 'vsphere,openstack,harvester', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.years).toBe(3);
    expect(out.platforms.map((p: { platform: string; totalUsd: number }) => [p.platform, p.totalUsd])).toEqual([
      ['vsphere', 1_233_000], ['openstack', 1_610_000], ['harvester', 657_000],
    ]);
    expect(Object.keys(out.platforms[0])).toEqual(expect.arrayContaining(['platform', 'licenceUsd', 'staffUsd', 'supportUsd', 'trainingUsd', 'totalUsd']));
  });

  it('adds the downtime a sweep measured: bare metal pays for its rollout outages, vSphere barely', async () => {
    const r = await hcisim(['cost', SCENARIO, '--years', '1', '--platforms', 'vsphere,baremetal', '--json', '--downtime-cost-per-hour', '1000', '--runs', '2', '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [vsphere, baremetal] = JSON.parse(r.stdout).platforms;
    for (const p of [vsphere, baremetal]) {
      expect(p.risk.runs).toBe(2);
      expect(p.risk.scale).toBe(365);
      expect(p.riskAdjustedTotalUsd).toBeCloseTo(p.totalUsd + p.risk.downtimeUsd + p.risk.dataLossUsd, 6);
      expect(p.risk.downtimeUsd).toBeCloseTo(p.risk.expectedDowntimeVmHours * 1000, 6);
    }
    // Bare metal: every VM is down at least for its host's 30 minutes of work, each day of the year.
    expect(baremetal.risk.expectedDowntimeVmHours).toBeGreaterThan(4 * 0.5 * 365);
    expect(vsphere.risk.expectedDowntimeVmHours).toBeLessThan(baremetal.risk.expectedDowntimeVmHours / 100);
  });

  it('refuses a price without the sweep it prices and a bad horizon', async () => {
    expect((await hcisim(['cost', SCENARIO, '--data-loss-cost', '5'])).code).toBe(2);
    // The sweep's other flags changed nothing without --downtime-cost-per-hour and were taken silently.
    for (const flag of [['--runs', '5'], ['--seed', '3'], ['--workers', '2']]) {
      const r = await hcisim(['cost', SCENARIO, ...flag]);
      expect(r.code, flag[0]).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^hcisim: ${flag[0]} belongs to the risk sweep: give --downtime-cost-per-hour too`));
    }
    const bad = await hcisim(['cost', SCENARIO, '--years', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--years/);
  });
});
