import { describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/program.ts';

const FILE = 'scenarios/harvester-three-nodes-sizing.yaml';

async function hcisim(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), stderr: process.stderr, pid: 1 }, {});
  return { code, out, err };
}

describe('hcisim size', () => {
  it("prints the module's answer as JSON: 4 Harvester nodes for 19 VMs, memory-bound, 18 of them on the file's 3", async () => {
    const { code, out } = await hcisim(['size', FILE, '--headroom', '20', '--platforms', 'harvester,baremetal', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.headroomPercent).toBe(20);
    expect(json.platforms.map((p: { platform: string }) => p.platform)).toEqual(['harvester', 'baremetal']);
    expect(json.platforms[0]).toMatchObject({ hostsNeeded: 4, binding: 'memory', vmsPlacedOnFileHosts: 18, vms: 19 });
  });

  it('prints a table with one row per platform, every platform by default', async () => {
    const { code, out } = await hcisim(['size', FILE, '--headroom', '20', '--ha', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/tolerating 1 host failure/);
    expect(out).toMatch(/\nharvester\s+1\s+5\s+HA\s+18 of 19\s/);
    for (const p of ['vsphere', 'openstack', 'baremetal']) expect(out).toMatch(new RegExp(`\\n${p}\\s+\\d+\\s`));
  });

  it("sizes each platform for its own HA setting without --ha: vSphere's admission control tolerates 1 failure", async () => {
    const { code, out } = await hcisim(['size', FILE, '--headroom', '20', '--platforms', 'vsphere,harvester', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.haHostFailures).toBeNull();
    expect(json.platforms.map((p: { haHostFailures: number }) => p.haHostFailures)).toEqual([1, 0]);
    expect(json.platforms[0]).toMatchObject({ hostsNeeded: 5, binding: 'HA' });
  });

  it.each([
    [['--ha', '-1'], /--ha/],
    [['--ha', '11'], /--ha/],
    [['--headroom', '100'], /--headroom/],
    [['--headroom', 'lots'], /--headroom/],
    [['--platforms', 'vsphere,hyperv'], /unknown platform 'hyperv'/],
  ])('exits 2 with one line on a bad flag %j', async (flags, message) => {
    const { code, out, err } = await hcisim(['size', FILE, ...flags]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 on a missing file', async () => {
    const { code, err } = await hcisim(['size', 'no-such.yaml']);
    expect(code).toBe(2);
    expect(err).toMatch(/cannot read no-such\.yaml/);
  });
});

describe('hcisim size on a file with two host groups', () => {
  it('sizes with the first group and says so', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'hcisim-size-'));
    const file = join(dir, 'two.yaml');
    writeFileSync(file, `name: two
platform: baremetal
hosts: [{ group: big, count: 1, cores: 64, memoryGiB: 512 }, { group: small, count: 2, cores: 8, memoryGiB: 32 }]
vms: [{ group: v, count: 4, vcpus: 16, memoryGiB: 64, diskGiB: 0 }]
`);
    const { code, out } = await hcisim(['size', file, '--platforms', 'baremetal']);
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(out).toMatch(/hosts like group big \(the first of 2 host groups\) of 64 cores/);
    expect(out).toMatch(/\nbaremetal\s+0 \(HA off\)\s+1\s+none\s+4 of 4\s/);
  });
});

describe('hcisim size on the files of issue 9', () => {
  const withFile = async (yaml: string, args: string[]) => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'hcisim-size-'));
    const file = join(dir, 'f.yaml');
    writeFileSync(file, yaml);
    try {
      return await hcisim(['size', file, ...args]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('sizes the shipped DRS surge, whose VM-host must rule used to be an internal error', async () => {
    const { code, out, err } = await hcisim(['size', 'scenarios/vsphere-drs-surge.yaml', '--platforms', 'vsphere', '--json']);
    expect(err).not.toMatch(/internal error/);
    expect(code).toBe(0);
    expect(JSON.parse(out).platforms[0].hostsNeeded).toBeGreaterThan(0);
  });

  it('says plainly, exit 0, when no host count fits a must rule', async () => {
    const { code, out } = await withFile(`name: t
platform: vsphere
hosts: [{group: h, count: 3, cores: 8, memoryGiB: 64}]
vms: [{group: a, count: 6, vcpus: 2, memoryGiB: 16}]
rules: [{ name: r1, kind: vmHost, vms: "a-*", hosts: [h-01], mode: must }]
`, ['--platforms', 'vsphere']);
    expect(code).toBe(0);
    expect(out).toMatch(/\nvsphere\s+1\s+none fits\s+VM-host rule\s/);
    expect(out).toMatch(/\nvsphere: no number of hosts of this type fits: a VM-host must rule pins VMs/);
  });

  it('plans for no failure where the file turns admission control off, and says why; --ha still forces N', async () => {
    const yaml = `name: t
platform: vsphere
hosts: [{group: h, count: 6, cores: 16, memoryGiB: 128}]
vms: [{group: v, count: 20, vcpus: 2, memoryGiB: 16}]
policies: { ha: { admissionControl: false } }
`;
    const table = await withFile(yaml, ['--platforms', 'vsphere,harvester']);
    expect(table.out).toMatch(/\nvsphere\s+0 \(admission control off\)\s+4\s+memory\s/);
    expect(table.out).not.toMatch(/no automatic restart/);
    const json = JSON.parse((await withFile(yaml, ['--platforms', 'vsphere', '--json'])).out);
    expect(json.platforms[0]).toMatchObject({ haHostFailures: 0, haHostFailuresFrom: 'admission control off', hostsNeeded: 4 });
    const forced = JSON.parse((await withFile(yaml, ['--platforms', 'vsphere', '--ha', '1', '--json'])).out);
    expect(forced.platforms[0]).toMatchObject({ haHostFailures: 1, haHostFailuresFrom: '--ha', hostsNeeded: 5, binding: 'HA' });
  });
});
