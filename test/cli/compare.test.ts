import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/program.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const dir = mkdtempSync(join(tmpdir(), 'hcisim-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = join(dir, 'rollout.yaml');
const TEXT = `name: small rollout
platform: vsphere
hosts: [{ group: h, count: 4, memoryGiB: 256, disks: { count: 2, sizeTiB: 2 } }]
storage: { kind: vsan, replicas: 2 }
vms: [{ group: app, count: 12, memoryGiB: 8, diskGiB: 20 }]
schedule: [{ at: 10m, do: rollingMaintenance, hosts: "h-*", workDuration: 5m }]
`;
writeFileSync(FILE, TEXT);

async function compare(args: string[]) {
  let out = '', err = '';
  const code = await main(['compare', FILE, ...args], { out: (t) => (out += t), err: (t) => (err += t), stderr: process.stderr, pid: 1 }, {});
  return { code, out, err };
}

describe('hcisim compare', () => {
  it('runs the file on each platform with its native storage and the same seed, as a run with platform changed would', async () => {
    const { code, out } = await compare(['--platforms', 'vsphere,harvester', '--json']);
    expect(code).toBe(0);
    const { platforms } = JSON.parse(out);
    expect(platforms.map((p: { platform: string }) => p.platform)).toEqual(['vsphere', 'harvester']);
    const harvester = runScenario(scenarioFrom(TEXT.replace('platform: vsphere', 'platform: harvester').replace('kind: vsan, replicas: 2', 'kind: longhorn, replicas: 3')));
    expect(platforms[1].summary).toEqual(harvester.summary);
    expect(platforms[1].summary.storage.kind).toBe('longhorn');
  });

  it('keeps the file storage with --keep-storage, and says where a platform cannot have it', async () => {
    const { code, err } = await compare(['--platforms', 'vsphere,openstack', '--keep-storage', '--json']);
    expect(code).toBe(2);
    expect(err).toMatch(/rollout\.yaml:4:\d+: storage\.kind: \(as openstack\) storage 'vsan' is not available on openstack/);
  });

  it('prints one column per platform and marks values that differ from the first', async () => {
    const { out } = await compare(['--platforms', 'vsphere,baremetal']);
    const storage = out.split('\n').find((l) => l.startsWith('storage'))!;
    expect(storage).toMatch(/vsan x2\s+local x1 \*/);
    expect(out).toContain('* differs from vsphere');
    // Out of service for the whole run without being "unplaced": its own row, as in the run summary.
    expect(out).toMatch(/\nVMs whose volume could not be placed\s+0\s+0\n/);
  });

  it('refuses an unknown platform or a single one with one line and exit 2', async () => {
    for (const list of ['vsphere,hyperv', 'vsphere']) {
      const { code, err } = await compare(['--platforms', list]);
      expect(code).toBe(2);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^hcisim: --platforms: /);
    }
  });
});
