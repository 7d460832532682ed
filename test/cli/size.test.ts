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
    expect(out).toMatch(/\nharvester\s+5\s+HA\s+18 of 19\s/);
    for (const p of ['vsphere', 'openstack', 'baremetal']) expect(out).toMatch(new RegExp(`\\n${p}\\s+\\d+\\s`));
  });

  it.each([
    [['--ha', '-1'], /--ha/],
    [['--ha', '11'], /--ha/],
    [['--headroom', '100'], /--headroom/],
    [['--headroom', 'lots'], /--headroom/],
    [['--platforms', 'vsphere,proxmox'], /unknown platform 'proxmox'/],
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
