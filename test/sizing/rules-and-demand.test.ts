import { describe, expect, it } from 'vitest';
import { fitsOn, lowerBoundHosts, policyHaFailures, sizeScenario } from '../../sim/sizing/index.ts';
import { scenarioFrom } from '../support/scenario.ts';

const none = { haHostFailures: 0, headroomPercent: 0 };

describe('sizing with a VM-host must rule', () => {
  const ruled = (vms: string, ruleHosts: string, hosts = 3) => scenarioFrom(`name: t
platform: baremetal
hosts: [{ group: h, count: ${hosts}, cores: 16, memoryGiB: 64, disks: { count: 1, sizeTiB: 1 } }]
vms: [${vms}]
rules: [{ name: r1, kind: vmHost, vms: "a-*", hosts: [${ruleHosts}], mode: must }]
`);

  it("answers (no internal error) when the rule's host holds its VMs: the issue's minimal file", () => {
    const s = scenarioFrom(`name: t
platform: vsphere
hosts: [{group: h, count: 3, cores: 8, memoryGiB: 64}]
vms: [{group: a, count: 2, vcpus: 2, memoryGiB: 4}]
rules: [{ name: r1, kind: vmHost, vms: "a-*", hosts: [h-01], mode: must }]
`);
    const r = sizeScenario(s, none);
    expect(r.neverFits).toBe(false);
    expect(r.hostsNeeded).not.toBeNull();
  });

  it("keeps the file's host names apart from the sized ones: the k-th sized host is the file's k-th", () => {
    // Pinned to h-02: one host cannot do, two can (the sized cluster's 2nd host stands for h-02).
    const s = ruled('{ group: a, count: 1, vcpus: 1, memoryGiB: 4, diskGiB: 0 }', 'h-02');
    expect(lowerBoundHosts(s, none)).toBe(2);
    expect(fitsOn(s, 1, none)).toMatchObject({ ok: false, binding: 'VM-host rule' });
    expect(sizeScenario(s, none)).toMatchObject({ hostsNeeded: 2, binding: 'VM-host rule', neverFits: false });
  });

  it("says no host count fits when the rule's hosts cannot hold its VMs even alone, without searching every count", () => {
    const s = ruled('{ group: a, count: 4, vcpus: 2, memoryGiB: 20, diskGiB: 0 }, { group: b, count: 2, vcpus: 2, memoryGiB: 4, diskGiB: 0 }', 'h-01');
    const r = sizeScenario(s, none);
    expect(r).toMatchObject({ hostsNeeded: null, neverFits: true, binding: 'VM-host rule' });
    expect(r.detail).toMatch(/^no host count fits: .*a-004 finds no host/);
  });

  it('says no host count fits when a VM may run only on as many hosts as HA must survive losing', () => {
    // Pinned to h-02 alone: with one host failure to tolerate, h-02 may be the one lost, however many hosts there are.
    const s = ruled('{ group: a, count: 1, vcpus: 1, memoryGiB: 4, diskGiB: 0 }, { group: b, count: 3, vcpus: 1, memoryGiB: 4, diskGiB: 0 }', 'h-02', 6);
    const r = sizeScenario(s, { haHostFailures: 1, headroomPercent: 0 });
    expect(r).toMatchObject({ hostsNeeded: null, neverFits: true, binding: 'VM-host rule' });
    expect(r.detail).toMatch(/a-001 may run only on h-02, and 1 host failure\(s\) can take them all/);
    // Two rule hosts survive one failure.
    expect(sizeScenario(ruled('{ group: a, count: 1, vcpus: 1, memoryGiB: 4, diskGiB: 0 }', 'h-01, h-02', 6), { haHostFailures: 1, headroomPercent: 0 }).neverFits).toBe(false);
  });
});

describe('sizing counts CPU demand, not only vCPU allocation', () => {
  // vSphere overcommits vCPUs 32:1; 16 VMs of 4 vCPUs at 90 % demand 57.6 cores.
  const loaded = (tax: number, headroom = '') => scenarioFrom(`name: t
platform: vsphere
hosts: [{ group: h, count: 4, cores: 16, coreGHz: 2.5, memoryGiB: 256, nicGbps: 10 }]
vms: [{ group: v, count: 16, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.9 }]
overhead: { cpuTaxPercent: ${tax}, cpuConsumedPercent: ${tax} }
${headroom}`);

  it('needs 4 hosts at no tax (4 x 3.6 = 14.4 of 16 cores each) and 6 at 15 % (13.6 cores: 3 VMs each), binding on cpu demand', () => {
    expect(sizeScenario(loaded(0), none)).toMatchObject({ hostsNeeded: 4, binding: 'cpu demand' });
    expect(sizeScenario(loaded(10), none)).toMatchObject({ hostsNeeded: 4 });
    expect(sizeScenario(loaded(15), none)).toMatchObject({ hostsNeeded: 6, binding: 'cpu demand' });
    expect(lowerBoundHosts(loaded(15), none)).toBe(5);
  });

  it('keeps the headroom of the usable CPU free too: at 20 % a 16-core host gives 12.8 cores, 3 VMs', () => {
    expect(sizeScenario(loaded(0), { haHostFailures: 0, headroomPercent: 20 }).hostsNeeded).toBe(6);
  });

  it('never needs fewer hosts than bare metal when the VMs are CPU-bound (bare metal gives whole cores)', () => {
    const bare = sizeScenario(scenarioFrom(`name: t
platform: baremetal
hosts: [{ group: h, count: 4, cores: 16, coreGHz: 2.5, memoryGiB: 256, nicGbps: 10 }]
vms: [{ group: v, count: 16, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.9 }]
`), none).hostsNeeded!;
    for (const tax of [0, 5, 10, 15, 30]) expect(sizeScenario(loaded(tax), none).hostsNeeded).toBeGreaterThanOrEqual(bare);
  });
});

describe('the host failures a sizing plans for without --ha', () => {
  const p = (ha: string) => scenarioFrom(`name: t
platform: vsphere
hosts: [{ group: h, count: 6, cores: 16, memoryGiB: 128 }]
vms: [{ group: v, count: 20, vcpus: 2, memoryGiB: 16 }]
policies: { ha: ${ha} }
`).parameters;

  it("are vSphere's hostFailuresToTolerate while HA and admission control are on, and 0 when either is off", () => {
    expect(policyHaFailures(p('{}'))).toEqual({ failures: 1, source: 'policies.ha.hostFailuresToTolerate' });
    expect(policyHaFailures(p('{ admissionControl: false }'))).toEqual({ failures: 0, source: 'admission control off' });
    expect(policyHaFailures(p('{ enabled: false }'))).toEqual({ failures: 0, source: 'HA off' });
  });
});
