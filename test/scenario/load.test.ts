import { readdirSync, readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { formatProblem, loadScenarioText, type LoadResult, type Problem } from '../../sim/scenario/load.ts';
import { profileFor } from '../../sim/platforms/index.ts';

const HEAD = 'name: test\nplatform: vsphere\n';
const CLUSTER = `${HEAD}hosts:\n  - group: esx\n    count: 4\n`;

function problems(text: string): Problem[] {
  const result = loadScenarioText(text, 'test.yaml');
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.problems;
}

function loaded(text: string): Extract<LoadResult, { ok: true }> {
  const result = loadScenarioText(text, 'test.yaml');
  if (!result.ok) throw new Error(result.problems.map((p) => formatProblem('test.yaml', p)).join('\n'));
  return result;
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string, nth = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function expectOne(text: string, path: string, needle: string, message: RegExp, nth = 1): void {
  const found = problems(text).filter((p) => p.path === path);
  expect(found, JSON.stringify(problems(text))).toHaveLength(1);
  expect(found[0].message).toMatch(message);
  expect({ line: found[0].line, column: found[0].column }).toEqual(positionOf(text, needle, nth));
}

describe('loadScenarioText rejects bad input with the path and line:col of the offending node', () => {
  it('points at a schedule entry naming an unknown host', () => {
    const text = `${CLUSTER}schedule:\n  - { at: 1h, do: failHost, host: esx-09 }\n`;
    expectOne(text, 'schedule.0.host', 'esx-09', /unknown host 'esx-09' \(hosts: esx-01\.\.esx-04\)/);
  });

  it('points at a glob that matches no host', () => {
    const text = `${CLUSTER}schedule:\n  - { do: rollingMaintenance, hosts: [esx-01, "gpu-*"] }\n`;
    expectOne(text, 'schedule.0.hosts.1', '"gpu-*"', /'gpu-\*' matches no host/);
  });

  it('points at a failDisk disk index the host does not have', () => {
    const text = `${CLUSTER}schedule:\n  - { do: failDisk, host: esx-02, disk: 4 }\n`;
    expectOne(text, 'schedule.0.disk', '4 }', /disk 4 is out of range for esx-02 \(it has 4: 0\.\.3\)/);
  });

  it('points at an anti-affinity group with more VMs than hosts', () => {
    const text = `${CLUSTER}vms:\n  - group: db\n    count: 5\n    antiAffinity: db\n`;
    expectOne(text, 'vms.0.antiAffinity', 'db\n', /anti-affinity 'db' has 5 VMs but there are only 4 hosts/, 2);
  });

  it('points at the memory of a VM larger than every host', () => {
    const text = `${CLUSTER}vms:\n  - group: big\n    memoryGiB: 600\n`;
    expectOne(text, 'vms.0.memoryGiB', '600', /needs 600 GiB but the largest host offers 494 GiB/);
  });

  it('points at the vCPUs of a VM wider than the overcommitted usable cores of every host', () => {
    const text = `${CLUSTER}policies:\n  placement: { vcpuOvercommit: 1 }\nvms:\n  - group: wide\n    vcpus: 30\n`;
    expectOne(text, 'vms.0.vcpus', '30', /needs 30 vCPUs but the largest host allows 28\.8/);
  });

  it('lists the allowed actions for an unknown action', () => {
    const text = `${CLUSTER}schedule:\n  - { at: 1h, do: reboot }\n`;
    expectOne(text, 'schedule.0.do', 'reboot', /unknown action 'reboot'; allowed actions: rollingMaintenance, failDisk, failHost, managementOutage, setLoad/);
  });

  it('rejects a malformed duration', () => {
    const text = `${CLUSTER}schedule:\n  - { at: 5x, do: managementOutage }\n`;
    expectOne(text, 'schedule.0.at', '5x', /malformed duration '5x'/);
  });

  it("names 'never' beside the duration forms where a field also takes it", () => {
    const text = `${CLUSTER}schedule:\n  - { at: 1h, do: failHost, host: esx-01, repairAfter: nevr }\n`;
    expectOne(text, 'schedule.0.repairAfter', 'nevr', /malformed duration 'nevr': use 'never', seconds or a number with/);
  });

  it('rejects an until beyond 400 days', () => {
    expectOne(`${HEAD}until: 401d\n`, 'until', '401d', /at most 400d/);
  });

  it('points at an unknown key and suggests the near miss', () => {
    const text = `${CLUSTER}    memoryGB: 256\n`;
    expectOne(text, 'hosts.0.memoryGB', 'memoryGB', /unknown field 'memoryGB' \(did you mean 'memoryGiB'\?\)/);
  });

  it('points at an unknown key deep in the policies', () => {
    const text = `${HEAD}policies:\n  migration:\n    maxDowntime: 300\n`;
    expectOne(text, 'policies.migration.maxDowntime', 'maxDowntime', /did you mean 'maxDowntimeMs'/);
  });

  it('points at a value of the wrong type', () => {
    const text = `${CLUSTER}    cores: many\n`;
    expectOne(text, 'hosts.0.cores', 'many', /expected an integer|expected a number/);
  });

  it('reports a YAML syntax error with its line and column', () => {
    const text = `${HEAD}hosts: [ { group: esx }\nvms: []\n`;
    const [p] = problems(text);
    expect(p.message).toMatch(/^YAML syntax: /);
    expect(p.line).toBe(4);
    expect(p.column).toBeGreaterThanOrEqual(1);
  });

  it('reports a duplicate key as a syntax error on its line', () => {
    const [p] = problems(`${HEAD}seed: 1\nseed: 2\n`);
    expect(p.line).toBe(4);
  });

  it('reports a missing name and a missing platform, at the start of the file', () => {
    const found = problems('seed: 3\n');
    expect(found.map((p) => [p.path, p.message, p.line, p.column])).toEqual([
      ['name', 'required field is missing', 1, 1],
      ['platform', 'required field is missing', 1, 1],
    ]);
  });

  it('points a missing field at its nearest existing parent', () => {
    const text = `${CLUSTER}schedule:\n  - { at: 1h, do: failHost }\n`;
    expectOne(text, 'schedule.0.host', '{ at: 1h', /required field is missing/);
  });

  it('explains an unknown platform and an empty file', () => {
    expectOne('name: x\nplatform: hyperv\n', 'platform', 'hyperv', /expected one of vsphere, harvester, openstack, baremetal, proxmox, nutanix, openshift/);
    expect(problems('')[0].message).toMatch(/empty/);
  });

  it('rejects a storage kind the platform cannot use', () => {
    expectOne(`${CLUSTER}storage: { kind: ceph }\n`, 'storage.kind', 'ceph', /storage 'ceph' is not available on vsphere \(allowed: vsan, local, none\)/);
    expect(problems('name: x\nplatform: baremetal\nstorage:\n  kind: vsan\n')[0].path).toBe('storage.kind');
    expect(problems('name: x\nplatform: harvester\nstorage:\n  kind: ceph\n')[0].path).toBe('storage.kind');
    expect(loadScenarioText('name: x\nplatform: openstack\nstorage: { kind: local }\n', 'x').ok).toBe(true);
  });

  it('rejects a rollingMaintenance concurrency below 1', () => {
    const text = `${CLUSTER}schedule:\n  - { do: rollingMaintenance, concurrency: 0 }\n`;
    expectOne(text, 'schedule.0.concurrency', '0 }', /at least 1/);
  });

  it('rejects a duplicate group name', () => {
    const text = `${CLUSTER}  - group: esx\n`;
    expectOne(text, 'hosts.1.group', 'esx', /duplicate group 'esx' \(also hosts\.0\)/, 2);
  });

  it('rejects a host group with both a rack and hostsPerRack', () => {
    const text = `${CLUSTER}    rack: r1\n    hostsPerRack: 2\n`;
    expectOne(text, 'hosts.0.hostsPerRack', '2\n', /give rack or hostsPerRack, not both/);
  });

  it('collects every problem of the file at once, in file order', () => {
    const text = `name: x\nplatform: vsphere\nseed: one\nhosts:\n  - cores: 0\nvms:\n  - vcpus: 2\n    colour: red\n`;
    expect(problems(text).map((p) => p.path)).toEqual(['seed', 'hosts.0.cores', 'vms.0.colour']);
  });

  it('gives JSON files positions too', () => {
    const text = '{\n  "name": "x",\n  "platform": "vsphere",\n  "until": "3 days"\n}\n';
    expectOne(text, 'until', '"3 days"', /malformed duration/);
  });
});

describe('formatProblem', () => {
  it('prints FILE:LINE:COL: path: message', () => {
    expect(formatProblem('a.yaml', { path: 'vms.0.memoryGiB', message: 'too big', line: 7, column: 16 })).toBe('a.yaml:7:16: vms.0.memoryGiB: too big');
    expect(formatProblem('a.yaml', { path: '', message: 'YAML syntax: bad', line: 2, column: 1 })).toBe('a.yaml:2:1: YAML syntax: bad');
  });
});

describe('loaded scenarios', () => {
  it('convert durations to integer milliseconds', () => {
    const { scenario } = loaded(
      `${CLUSTER}until: 3d\nschedule:\n  - { at: 1.5h, do: rollingMaintenance, workDuration: 20m }\n  - { at: 90, do: failDisk, host: esx-01, replaceAfter: 4h }\n  - { at: 500ms, do: managementOutage }\nfailures: { diskReplace: 1d }\n`,
    );
    expect(scenario.untilMs).toBe(259_200_000);
    expect(scenario.schedule.map((e) => e.atMs)).toEqual([5_400_000, 90_000, 500]);
    expect(scenario.schedule[0]).toMatchObject({ workDurationMs: 1_200_000, hosts: ['esx-01', 'esx-02', 'esx-03', 'esx-04'], pattern: '*' });
    expect(scenario.schedule[1]).toMatchObject({ replaceAfterMs: 14_400_000 });
    expect(scenario.schedule[2]).toMatchObject({ durationMs: 7_200_000 });
    expect(scenario.failures).toEqual({ diskAfrPercent: 1.5, hostAfrPercent: 2, diskReplaceMs: 86_400_000, hostRepairMs: 259_200_000 });
  });

  it('keep the rest of the profile when a file overrides one leaf', () => {
    const defaults = profileFor('harvester').defaults;
    const { scenario } = loaded('name: x\nplatform: harvester\npolicies:\n  migration: { maxDowntimeMs: 900 }\n  storage: { repairDelay: 20m }\n');
    expect(scenario.parameters.policies.migration.maxDowntimeMs).toBe(900);
    expect(scenario.parameters.policies.storage.repairDelay).toBe(1200);
    const restored = structuredClone(scenario.parameters);
    restored.policies.migration.maxDowntimeMs = defaults.policies.migration.maxDowntimeMs;
    restored.policies.storage.repairDelay = defaults.policies.storage.repairDelay;
    expect(restored).toEqual(defaults);
  });

  it('never change the profile they start from', () => {
    const before = structuredClone(profileFor('vsphere').defaults);
    const { scenario } = loaded(`${HEAD}overhead: { cpuTaxPercent: 50 }\npolicies: { placement: { weights: { spread: 3 } } }\n`);
    expect(scenario.parameters.policies.placement.weights).toEqual({ ...before.policies.placement.weights, spread: 3 });
    expect(profileFor('vsphere').defaults).toEqual(before);
  });

  it('default the storage kind by platform', () => {
    const kinds = ['vsphere', 'harvester', 'openstack', 'baremetal', 'proxmox', 'nutanix', 'openshift'].map((p) => loaded(`name: x\nplatform: ${p}\n`).scenario.parameters.storage.kind);
    expect(kinds).toEqual(['vsan', 'longhorn', 'ceph', 'local', 'ceph', 'dsf', 'ceph']);
  });

  it('accept every profile default written back into the file', () => {
    for (const platform of ['vsphere', 'harvester', 'openstack', 'baremetal'] as const) {
      const d = profileFor(platform).defaults;
      const text = JSON.stringify({ name: 'x', platform, storage: d.storage, overhead: d.overhead, policies: d.policies });
      expect(loaded(text).scenario.parameters, platform).toEqual(d);
    }
  });

  it('warn when replicated storage has fewer hosts than copies', () => {
    const { warnings } = loaded('name: x\nplatform: harvester\nhosts: [{ count: 2 }]\n');
    expect(warnings.map((w) => w.path)).toEqual(['storage.replicas']);
    expect(warnings[0].message).toMatch(/longhorn keeps 3 copies .* only 2 hosts/);
  });

  it('warn when Longhorn node work outlasts the replica wait (full rebuilds), not when it does not', () => {
    const harvester = (work: string, extra = '') =>
      `name: x\nplatform: harvester\nhosts: [{ group: n, count: 4 }]\n${extra}schedule: [{ at: 1h, do: rollingMaintenance, hosts: "n-*", workDuration: ${work} }]\n`;
    const long = loaded(harvester('15m')).warnings;
    expect(long.map((w) => w.path)).toEqual(['schedule.0.workDuration']);
    expect(long[0].message).toMatch(/node work \(15m\) outlasts Longhorn's replica-replenishment-wait-interval \(10m\)/);
    expect(loaded(harvester('5m')).warnings).toEqual([]);
    expect(loaded(harvester('15m', 'policies: { storage: { repairDelay: 30m } }\n')).warnings).toEqual([]);
  });

  it('warn when a Ceph rollout takes more hosts at once than size - min_size allows without blocking PGs', () => {
    const ceph = (concurrency: number, rack = '') =>
      `name: x\nplatform: openstack\nhosts: [{ group: c, count: 6${rack} }]\nschedule: [{ at: 1h, do: rollingMaintenance, hosts: "c-*", concurrency: ${concurrency} }]\n`;
    const two = loaded(ceph(2)).warnings;
    expect(two.map((w) => w.path)).toEqual(['schedule.0.concurrency']);
    expect(two[0].message).toMatch(/^2 hosts in maintenance at once with Ceph size 3 \/ min_size 2 and hosts as failure domains: ceph osd ok-to-stop lets a host stop only while/);
    const unchecked = loaded(`${ceph(2)}policies: { storage: { ceph: { okToStop: false } } }\n`).warnings;
    expect(unchecked[0].message).toMatch(/^2 hosts in maintenance at once with Ceph size 3 \/ min_size 2: PGs with copies on 2 of them block I\/O .*ok-to-stop is off/);
    expect(loaded(ceph(1)).warnings).toEqual([]);
    // Racks of hosts are failure domains: a rack's hosts share no PG, so ok-to-stop holds nothing back.
    expect(loaded(ceph(2, ', hostsPerRack: 2')).warnings).toEqual([]);
  });

  it('include every shipped scenario', () => {
    for (const f of readdirSync('scenarios').filter((name) => /\.(ya?ml|json)$/.test(name) && name !== 'schema.json')) {
      const result = loadScenarioText(readFileSync(`scenarios/${f}`, 'utf8'), f);
      expect(result.ok ? [] : result.problems, f).toEqual([]);
    }
  });
});
