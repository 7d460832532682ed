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
    expect(out).toMatch(/\nbaremetal\s+0\s+1\s+none\s+4 of 4\s/);
  });
});
