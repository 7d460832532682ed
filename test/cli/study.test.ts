import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../sim/cli/program.ts';

const dir = mkdtempSync(join(tmpdir(), 'hcisim-study-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Hand-worked: 4 nodes of 16 cores and 64 GiB (Harvester keeps 8), 12 VMs of 4 vCPUs on dedicated
// cores. A node takes floor(16 x (1 - tax) / 4) VMs: 4 at 0 %, 3 at 10 %, 2 at 30 % and 50 %.
// Bare metal (same file, no tax) needs 12 / 4 = 3 servers.
const FILE = join(dir, 'tax.yaml');
writeFileSync(FILE, `name: tax
platform: harvester
overhead: { perVmMemoryMiB: 0 }
policies: { placement: { vcpuOvercommit: 1, memoryOvercommit: 1 } }
hosts: [{ group: n, count: 4, cores: 16, memoryGiB: 64, disks: { count: 1, sizeTiB: 1 } }]
vms: [{ group: v, count: 12, vcpus: 4, memoryGiB: 4, workingSetGiB: 1, diskGiB: 10 }]
`);

async function hcisim(args: string[]) {
  let out = '', err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), stderr: process.stderr, pid: 1 }, {});
  return { code, out, err };
}

describe('hcisim study overhead', () => {
  it('reports per tax the usable cores, the VMs that fit and the hosts beyond bare metal, monotone in the tax', async () => {
    const svg = join(dir, 'tax.svg');
    const { code, out } = await hcisim(['study', 'overhead', FILE, '--tax', '0,10,30,50', '--workers', '1', '--json', '--svg', svg]);
    expect(code).toBe(0);
    const { rows, bareMetal } = JSON.parse(out);
    expect(rows.map((r: { cpuTaxPercent: number }) => r.cpuTaxPercent)).toEqual([0, 10, 30, 50]);
    expect(rows.map((r: { usableCores: number }) => r.usableCores)).toEqual([64, 57.6, 44.8, 32]);
    expect(rows.map((r: { allocatableMemoryGiB: number }) => r.allocatableMemoryGiB)).toEqual([224, 224, 224, 224]);
    expect(rows.map((r: { vmsPlaced: number }) => r.vmsPlaced)).toEqual([12, 12, 8, 8]);
    expect(rows.map((r: { extraHostsVsBareMetal: number }) => r.extraHostsVsBareMetal)).toEqual([0, 1, 3, 3]);
    expect(bareMetal.hostsNeeded).toBe(3);
    for (const r of rows) expect(Object.keys(r)).toEqual(expect.arrayContaining(['cpuTaxPercent', 'usableCores', 'allocatableMemoryGiB', 'vmsPlaced', 'contendedVmHours', 'extraHostsVsBareMetal']));
    const chart = readFileSync(svg, 'utf8');
    expect(chart).toMatch(/^<svg /);
    expect(chart).toContain('usable cores');
    expect(chart.match(/<circle /g)).toHaveLength(8);
  });

  it('takes --memory-overhead as a share of each host: 25 % of 64 GiB leaves 48 GiB per node', async () => {
    const { code, out } = await hcisim(['study', 'overhead', FILE, '--tax', '0,10', '--memory-overhead', '25', '--workers', '1', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).rows.map((r: { allocatableMemoryGiB: number }) => r.allocatableMemoryGiB)).toEqual([192, 192]);
  });

  it('prints a table with a bare-metal row', async () => {
    const { code, out } = await hcisim(['study', 'overhead', FILE, '--tax', '0,30', '--workers', '1']);
    expect(code).toBe(0);
    expect(out).toMatch(/\n30%\s+44\.8\s+224 GiB\s+8\s/);
    expect(out).toMatch(/\nbare metal\s+64\s+12\s+3\s/);
  });

  it.each([
    [['--tax', '0,100'], /--tax/],
    [['--tax', 'five'], /--tax/],
    [['--tax', '0,5', '--memory-overhead', '-2'], /--memory-overhead/],
    [['--tax', '0,5', '--workers', '0'], /--workers/],
    [[], /--tax/],
  ])('exits 2 with one line on a bad flag %j', async (flags, message) => {
    const { code, out, err } = await hcisim(['study', 'overhead', FILE, ...flags]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when --memory-overhead has neither one value nor one per tax value', async () => {
    const { code, err } = await hcisim(['study', 'overhead', FILE, '--tax', '0,5,10', '--memory-overhead', '2,5']);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});

describe('the study reads contended VM-hours from the run figures', () => {
  it('takes cpu.contendedVmHours when the summary has it, and null when it has not', async () => {
    const { byCombination } = await import('../../sim/cli/study-command.ts');
    const withCpu = byCombination(['capacity.usableCores', 'cpu.contendedVmHours'], [{ combination: 0, values: [64, 2.5] }], 1);
    expect(withCpu[0]['cpu.contendedVmHours']).toBe(2.5);
    expect(withCpu[0]['capacity.usableCores']).toBe(64);
    const without = byCombination(['capacity.usableCores'], [{ combination: 0, values: [64] }], 1);
    expect(without[0]['cpu.contendedVmHours']).toBeNull();
  });
});
