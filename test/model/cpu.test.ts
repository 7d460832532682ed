import { describe, expect, it } from 'vitest';
import { fairShare, type CpuConsumer } from '../../sim/model/cpu.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const consumer = (id: string, vcpus: number, demandMilli: number): CpuConsumer => ({ id, vcpus, host: 'h', demandMilli });

describe('CPU fair share', () => {
  // 4 cores for A (4 vCPU at 100 %), B (2 vCPU at 100 %) and C (1 vCPU at 50 %): 6.5 cores wanted.
  const vms = [consumer('a', 4, 4000), consumer('b', 2, 2000), consumer('c', 1, 500)];

  it('by shares: C keeps its 0.5 core, A and B split the other 3.5 cores 4:2', () => {
    const got = fairShare(vms, 4000, (c) => c.vcpus);
    expect(got[2]).toBe(500);
    expect(got[0]).toBeCloseTo((3500 * 4) / 6, 6);
    expect(got[1]).toBeCloseTo((3500 * 2) / 6, 6);
  });

  it('equal per VM: C keeps 0.5 core, B and A get 1.75 cores each', () => {
    const got = fairShare(vms, 4000, () => 1);
    expect(got).toEqual([1750, 1750, 500]);
  });

  it('gives every VM its demand when the host has room', () => {
    expect(fairShare(vms, 8000, (c) => c.vcpus)).toEqual([4000, 2000, 500]);
  });
});

const oneHost = (extra = '', schedule = '') => `
name: cpu
platform: vsphere
until: 2h
hosts: [{ group: h, count: 1, cores: 4, coreGHz: 2.5, memoryGiB: 256, nicGbps: 25 }]
overhead: { cpuTaxPercent: 0, cpuConsumedPercent: 0 }
policies: { ha: { enabled: false }, placement: { enabled: false } ${extra} }
vms: [{ group: v, count: 2, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.75 }]
schedule: [${schedule}]
`;

describe('CPU contention in a run', () => {
  it('reports usable CPU as cores x GHz x (1 - tax) and demand as vcpus x utilisation x GHz', () => {
    const { events } = runScenario(scenarioFrom(oneHost().replace('cpuTaxPercent: 0, cpuConsumedPercent: 0', 'cpuTaxPercent: 10, cpuConsumedPercent: 10')), { keepEvents: true });
    const cpu = events.find((e) => e.type === 'host.cpu')!;
    expect(cpu.usableGHz).toBeCloseTo(4 * 2.5 * 0.9, 9);
    expect(cpu.demandGHz).toBeCloseTo(2 * 4 * 0.75 * 2.5, 9);
  });

  it('leaves guests the CPU a reservation does not burn: Harvester reserves 15 % but its services use 4.6 %', () => {
    const harvester = oneHost().replace('platform: vsphere', 'platform: harvester').replace('overhead: { cpuTaxPercent: 0, cpuConsumedPercent: 0 }', '');
    const { events } = runScenario(scenarioFrom(harvester), { keepEvents: true });
    const cpu = events.find((e) => e.type === 'host.cpu')!;
    expect(cpu.usableGHz).toBeCloseTo(4 * 2.5 * (1 - 0.046), 4);
  });

  it('a file that sets only the tax moves consumed CPU with it where the profile burns what it reserves, not on Harvester', () => {
    const only = (platform: string, tax: number) => oneHost().replace('platform: vsphere', `platform: ${platform}`).replace('cpuTaxPercent: 0, cpuConsumedPercent: 0', `cpuTaxPercent: ${tax}`);
    const vsphere = runScenario(scenarioFrom(only('vsphere', 50)), { keepEvents: true });
    expect(vsphere.summary.capacity.cpuConsumedPercent).toBe(50);
    expect(vsphere.events.find((e) => e.type === 'host.cpu')!.usableGHz).toBeCloseTo(4 * 2.5 * 0.5, 9);
    const zero = runScenario(scenarioFrom(only('vsphere', 0)));
    expect(vsphere.summary.cpu.peakReadyPercent).toBeGreaterThan(zero.summary.cpu.peakReadyPercent);
    expect(runScenario(scenarioFrom(only('harvester', 30))).summary.capacity.cpuConsumedPercent).toBe(4.6);
  });

  it('two VMs wanting 6 cores of 4 are both contended: 2 VMs x 2 h, each 25 % ready', () => {
    const { summary } = runScenario(scenarioFrom(oneHost()), { check: true });
    expect(summary.cpu.contendedVmHours).toBe(4);
    expect(summary.cpu.peakReadyPercent).toBe(25);
    expect(summary.cpu.peakHostUtilization).toBe(1);
    expect(summary.cpu.meanHostUtilization).toBe(1);
  });

  it('setLoad ends the contention: at 50 % the two VMs want exactly the 4 cores', () => {
    const { summary } = runScenario(scenarioFrom(oneHost('', '{ at: 1h, do: setLoad, vms: "v-*", cpuUtilization: 0.5 }')));
    expect(summary.cpu.contendedVmHours).toBe(2);
    expect(summary.cpu.meanHostUtilization).toBe(1);
  });

  it('a daily load curve changes the load at its times of day', () => {
    const text = oneHost().replace('cpuUtilization: 0.75 }', 'cpuUtilization: 0.75, loadCurve: [{ at: 0, cpuUtilization: 0.25 }, { at: 30m, cpuUtilization: 0.75 }] }');
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true });
    // 0.5 h idle-ish (2 cores of 4 used), then 1.5 h contended for both VMs.
    expect(summary.cpu.contendedVmHours).toBe(3);
    expect(summary.cpu.meanHostUtilization).toBeCloseTo((0.5 * 0.5 + 1.5 * 1) / 2, 4);
    expect(events.filter((e) => e.type === 'vm.load').map((e) => e.t)).toEqual([0, 1_800_000]);
  });

  it('a live migration costs CPU on both hosts while it runs', () => {
    const text = oneHost().replace('count: 1, cores: 4', 'count: 2, cores: 4').replace('cpuUtilization: 0.75 }', 'cpuUtilization: 0.1 }')
      .replace('schedule: []', 'schedule: [{ at: 10m, do: rollingMaintenance, hosts: "h-01", workDuration: 5m }]');
    const { events } = runScenario(scenarioFrom(text), { keepEvents: true });
    const during = events.filter((e) => e.type === 'host.cpu' && (e.migrationGHz as number) > 0);
    // vSphere: one core per host while vMotions touch it (shared by the host's vMotions): 2.5 GHz.
    expect(new Set(during.map((e) => e.host))).toEqual(new Set(['h-01', 'h-02']));
    for (const e of during) expect(e.migrationGHz).toBe(2.5);
  });
});

describe('fair share per platform', () => {
  // 4 cores; big wants 4 (4 vCPUs at 100 %), small wants 2 (2 vCPUs at 100 %).
  const mixed = (fairShare: string) => `
name: share
platform: vsphere
until: 2h
hosts: [{ group: h, count: 1, cores: 4, memoryGiB: 256 }]
overhead: { cpuTaxPercent: 0, cpuConsumedPercent: 0 }
policies: { ha: { enabled: false }, placement: { enabled: false }, cpu: { fairShare: ${fairShare} } }
vms:
  - { group: big, count: 1, vcpus: 4, memoryGiB: 8, cpuUtilization: 1 }
  - { group: small, count: 1, vcpus: 2, memoryGiB: 8, cpuUtilization: 1 }
`;

  it('by shares both VMs wait a third of their vCPU time; equal shares starve only the big one, by half', () => {
    const shares = runScenario(scenarioFrom(mixed('shares'))).summary.cpu;
    const equal = runScenario(scenarioFrom(mixed('equal'))).summary.cpu;
    expect(shares.peakReadyPercent).toBeCloseTo(100 / 3, 3);
    expect(shares.contendedVmHours).toBe(4);
    expect(equal.peakReadyPercent).toBe(50);
    expect(equal.contendedVmHours).toBe(2);
  });
});
