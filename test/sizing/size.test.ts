import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitsOn, fitsOnHosts, lowerBoundHosts, sizeScenario } from '../../sim/sizing/index.ts';
import { loadScenarioText, type Override } from '../../sim/scenario/load.ts';
import { scenarioFrom } from '../support/scenario.ts';

// Hand-worked cases on bare metal (no overhead, no overcommit): hosts of 16 cores and 64 GiB.
const cluster = (vms: string, extra = '', hosts = 2) => scenarioFrom(`name: t
platform: baremetal
${extra}
hosts: [{ group: h, count: ${hosts}, cores: 16, memoryGiB: 64, disks: { count: 1, sizeTiB: 1 } }]
vms: [${vms}]
`);
const none = { haHostFailures: 0, headroomPercent: 0 };

describe('sizing on hand-worked cases', () => {
  it('is memory-bound when three 20 GiB VMs fill a 64 GiB host: 10 VMs need 4 hosts', () => {
    const r = sizeScenario(cluster('{ group: m, count: 10, vcpus: 2, memoryGiB: 20, diskGiB: 0 }'), none);
    expect(r.hostsNeeded).toBe(4);
    expect(r.binding).toBe('memory');
    expect(r.vmsPlacedOnFileHosts).toBe(6);
  });

  it('is cpu-bound when two 8-vCPU VMs fill 16 cores: 10 VMs need 5 hosts', () => {
    const r = sizeScenario(cluster('{ group: c, count: 10, vcpus: 8, memoryGiB: 4, diskGiB: 0 }'), none);
    expect(r.hostsNeeded).toBe(5);
    expect(r.binding).toBe('cpu');
  });

  it('counts the CPU tax: at 50 % a host keeps 8 cores and takes one 8-vCPU VM', () => {
    const r = sizeScenario(cluster('{ group: c, count: 10, vcpus: 8, memoryGiB: 4, diskGiB: 0 }', 'overhead: { cpuTaxPercent: 50 }'), none);
    expect(r.hostsNeeded).toBe(10);
    expect(r.binding).toBe('cpu');
  });

  it('is HA-bound when the workload fits on 4 hosts but not on the 3 left after one failure', () => {
    const r = sizeScenario(cluster('{ group: m, count: 10, vcpus: 2, memoryGiB: 20, diskGiB: 0 }'), { haHostFailures: 1, headroomPercent: 0 });
    expect(r.hostsNeeded).toBe(5);
    expect(r.binding).toBe('HA');
    expect(fitsOn(cluster('{ group: m, count: 10, vcpus: 2, memoryGiB: 20, diskGiB: 0 }'), 4, { haHostFailures: 1, headroomPercent: 0 })).toMatchObject({ ok: false, vmsPlaced: 10, binding: 'HA' });
  });

  it('is anti-affinity-bound when five small VMs must each have a host of their own', () => {
    const r = sizeScenario(cluster('{ group: a, count: 5, vcpus: 1, memoryGiB: 4, diskGiB: 0, antiAffinity: spread }', '', 5), none);
    expect(r.hostsNeeded).toBe(5);
    expect(r.binding).toBe('anti-affinity');
  });

  it('keeps the headroom free: at 20 % a host keeps 51.2 GiB, two 20 GiB VMs, so 10 VMs need 5 hosts', () => {
    const r = sizeScenario(cluster('{ group: m, count: 10, vcpus: 2, memoryGiB: 20, diskGiB: 0 }'), { haHostFailures: 0, headroomPercent: 20 });
    expect(r.hostsNeeded).toBe(5);
    expect(r.binding).toBe('memory');
  });

  it('needs as many hosts as Longhorn has replicas (hard anti-affinity), and names the disk layer', () => {
    const s = scenarioFrom(`name: t
platform: harvester
hosts: [{ group: h, count: 3, cores: 16, memoryGiB: 256, disks: { count: 1, sizeTiB: 1 } }]
vms: [{ group: v, count: 1, vcpus: 1, memoryGiB: 4, diskGiB: 10 }]
`);
    expect(lowerBoundHosts(s, none)).toBe(3);
    expect(fitsOn(s, 2, none)).toMatchObject({ ok: false, binding: 'disk' });
    expect(sizeScenario(s, none).hostsNeeded).toBe(3);
  });
});

describe('sizing a file with two host types', () => {
  const mixed = scenarioFrom(`name: t
platform: baremetal
hosts: [{ group: small, count: 1, cores: 16, memoryGiB: 64 }, { group: big, count: 1, cores: 64, memoryGiB: 512 }]
vms: [{ group: v, count: 6, vcpus: 8, memoryGiB: 32, diskGiB: 0 }]
`);
  it("counts the VMs that fit on the file's own hosts, big and small, and sizes in hosts of the first type", () => {
    const r = sizeScenario(mixed, none);
    expect(r.vmsPlacedOnFileHosts).toBe(6);
    expect(r.hostsNeeded).toBe(3);
  });

  it('loses the largest host first when it checks the survivors of a failure', () => {
    expect(fitsOnHosts(mixed, mixed.hosts, { haHostFailures: 1, headroomPercent: 0 })).toMatchObject({ ok: false, binding: 'HA', vmsPlaced: 6 });
  });
});

describe("the course module's worked example: Kubernetes VMs on 3 Harvester nodes of 64 GB", () => {
  const file = 'scenarios/harvester-three-nodes-sizing.yaml';
  const load = (overrides: Override[] = []) => {
    const r = loadScenarioText(readFileSync(file, 'utf8'), file, overrides);
    if (!r.ok) throw new Error(r.problems[0].message);
    return r.scenario;
  };
  const module = { haHostFailures: 0, headroomPercent: 20 };

  it('fits 3 control planes and 15 workers on the 3 nodes (44 of 44.8 GiB per node) and needs a 4th for a 16th worker', () => {
    const r = sizeScenario(load(), module);
    expect(r.fileHosts).toBe(3);
    expect(r.vmsPlacedOnFileHosts).toBe(18);
    expect(r.hostsNeeded).toBe(4);
    expect(r.binding).toBe('memory');
    expect(sizeScenario(load([{ path: 'vms.1.count', value: 15 }]), module).hostsNeeded).toBe(3);
  });

  it("loses a worker per node to Harvester's default per-VM overhead (virt-launcher x 1.5), which the module leaves out", () => {
    expect(sizeScenario(load([{ path: 'overhead.perVmMemoryMiB', value: null }]), module).vmsPlacedOnFileHosts).toBe(15);
  });

  it('fits 5 workers per node without control planes, not the 16 that pooling 134.4 GiB would suggest', () => {
    expect(sizeScenario(load([{ path: 'vms.0.count', value: 0 }]), module).vmsPlacedOnFileHosts).toBe(15);
  });
});
