// No balancing setting is accepted and then ignored (issue 9): a setting the run's balancer does not
// read is an error naming which balancer reads it; settings read by nothing because balancing is
// off or cannot move a VM are warned about; a rule that constrains nothing is warned about.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand, type Io } from '../../sim/cli/commands.ts';
import { reportError } from '../../sim/cli/errors.ts';
import { formatProblem, loadScenarioText } from '../../sim/scenario/load.ts';

const scenario = (platform: string, placement: string, extra = '') => `name: p
platform: ${platform}
hosts: [{ group: h, count: 3 }]
vms: [{ group: a, count: 4 }]
storage: { kind: none }
policies:
  placement: ${placement}
${extra}`;

function lines(text: string): { errors: string[]; warnings: string[] } {
  const r = loadScenarioText(text, 'p.yaml');
  return {
    errors: r.ok ? [] : r.problems.map((p) => formatProblem('p.yaml', p)),
    warnings: r.warnings.map((p) => formatProblem('p.yaml', p)),
  };
}

describe('policies.placement against the balancer that reads it', () => {
  it('refuses the low/high thresholds on vSphere, whose DRS reads only the threshold slider', () => {
    const { errors } = lines(scenario('vsphere', '{ enabled: true, highUtilizationPercent: 90, lowUtilizationPercent: 10 }'));
    expect(errors).toEqual([
      'p.yaml:7:55: policies.placement.highUtilizationPercent: highUtilizationPercent is read only by the low/high utilisation policy (balancer: lowNodeUtilization), but vsphere balances with drs, which reads threshold instead',
      'p.yaml:7:82: policies.placement.lowUtilizationPercent: lowUtilizationPercent is read only by the low/high utilisation policy (balancer: lowNodeUtilization), but vsphere balances with drs, which reads threshold instead',
    ]);
  });

  it('only warns when the file is loaded as another platform (compare, size, cost): the settings were written for its own', () => {
    const text = scenario('vsphere', '{ enabled: true, threshold: 5 }');
    const own = loadScenarioText(text, 'p.yaml');
    expect(own.ok).toBe(true);
    const asHarvester = loadScenarioText(text, 'p.yaml', [{ path: 'platform', value: 'harvester' }]);
    expect(asHarvester.ok).toBe(true);
    expect(asHarvester.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^threshold is read only by DRS .*: not read here$/));
    // The same setting written for Harvester itself is still refused.
    expect(loadScenarioText(scenario('harvester', '{ enabled: true, threshold: 5 }'), 'p.yaml').ok).toBe(false);
  });

  it('refuses the DRS threshold on Harvester, whose descheduler-like policy reads the low/high thresholds', () => {
    const { errors } = lines(scenario('harvester', '{ enabled: true, threshold: 5 }'));
    expect(errors).toEqual([
      'p.yaml:7:42: policies.placement.threshold: threshold is read only by DRS (balancer: drs), but harvester balances with lowNodeUtilization, which reads lowUtilizationPercent and highUtilizationPercent instead',
    ]);
    // Chosen explicitly, the balancer is named as the file's choice.
    expect(lines(scenario('vsphere', '{ balancer: lowNodeUtilization, threshold: 2 }')).errors).toEqual([
      'p.yaml:7:57: policies.placement.threshold: threshold is read only by DRS (balancer: drs), but balancer is lowNodeUtilization, which reads lowUtilizationPercent and highUtilizationPercent instead',
    ]);
    expect(lines(scenario('harvester', '{ enabled: true, balancer: drs, threshold: 5 }'))).toEqual({ errors: [], warnings: [] });
  });

  it('warns, not refuses, when the value written is the profile\'s default for the other balancer (a copy of the defaults)', () => {
    expect(lines(scenario('harvester', '{ enabled: true, threshold: 3 }'))).toEqual({
      errors: [],
      warnings: ['p.yaml:7:42: policies.placement.threshold: threshold is read only by DRS (balancer: drs), but harvester balances with lowNodeUtilization, which reads lowUtilizationPercent and highUtilizationPercent instead (3 is harvester\'s default, kept for overrides)'],
    });
  });

  it('refuses a low threshold above the high one, and accepts them equal', () => {
    const { errors } = lines(scenario('harvester', '{ enabled: true, lowUtilizationPercent: 60, highUtilizationPercent: 50 }'));
    expect(errors).toEqual([
      'p.yaml:7:54: policies.placement.lowUtilizationPercent: lowUtilizationPercent (60) is above highUtilizationPercent (50): hosts below the low threshold receive VMs from hosts above the high one, so low must be at most high',
    ]);
    // Against the profile's high of 50 when only the low one is written.
    expect(lines(scenario('harvester', '{ enabled: true, lowUtilizationPercent: 70 }')).errors).toHaveLength(1);
    expect(lines(scenario('harvester', '{ enabled: true, lowUtilizationPercent: 50, highUtilizationPercent: 50 }'))).toEqual({ errors: [], warnings: [] });
  });

  it('refuses balancing on bare metal, which has no live migration', () => {
    expect(lines(scenario('baremetal', '{ enabled: true }')).errors).toEqual([
      'p.yaml:7:25: policies.placement.enabled: balancing is on but nothing can balance: bare metal has no live migration to balance with (a workload moves only by reinstalling it)',
    ]);
  });

  it('warns when balancing is on but no VM can move (local storage, live migration off)', () => {
    const local = lines(scenario('vsphere', '{ threshold: 4 }').replace('kind: none', 'kind: local'));
    expect(local.errors).toEqual([]);
    expect(local.warnings).toEqual([
      'p.yaml:7:27: policies.placement.threshold: balancing is on but nothing can balance: with local storage a VM\'s disk lives on its host, so the balancer moves no VM (storage.kind local)',
    ]);
    const noLive = lines(scenario('harvester', '{ enabled: true }', '  migration: { live: false }\n'));
    expect(noLive.warnings).toEqual([
      'p.yaml:7:25: policies.placement.enabled: balancing is on but nothing can balance: live migration is off (policies.migration.live false), and a balancer moves VMs only by live migration',
    ]);
  });

  it('warns about balancing settings written while balancing is off', () => {
    expect(lines(scenario('harvester', '{ intervalSeconds: 60, highUtilizationPercent: 70 }'))).toEqual({
      errors: [],
      warnings: ['p.yaml:7:33: policies.placement.intervalSeconds: balancing is off (policies.placement.enabled is false on harvester): intervalSeconds, highUtilizationPercent are not read'],
    });
    // Placement settings are read by initial placement whatever the balancing.
    expect(lines(scenario('harvester', '{ vcpuOvercommit: 4, weights: { spread: 1 } }'))).toEqual({ errors: [], warnings: [] });
  });

  it('keeps the shipped defaults quiet: no placement section, no finding', () => {
    for (const platform of ['vsphere', 'harvester', 'openstack', 'baremetal', 'proxmox', 'openshift']) {
      expect(lines(scenario(platform, '{}'))).toEqual({ errors: [], warnings: [] });
    }
  });
});

describe('rules that constrain nothing', () => {
  it('warns about an anti-affinity rule that matches one VM', () => {
    const { errors, warnings } = lines(scenario('vsphere', '{}', 'rules: [{ name: r1, kind: vmAntiAffinity, vms: "a-001" }]\n'));
    expect(errors).toEqual([]);
    expect(warnings).toEqual(['p.yaml:8:48: rules.0.vms: the rule matches one VM (a-001): anti-affinity keeps at least 2 VMs apart, so it constrains nothing']);
    expect(lines(scenario('vsphere', '{}', 'rules: [{ name: r1, kind: vmAntiAffinity, vms: "a-00[12]" }]\n')).warnings).toEqual([]);
  });
});

describe('hcisim validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hcisim-placement-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const io = (err: string[], out: string[]): Io => ({ out: (t) => out.push(t), err: (t) => err.push(t), stderr: { isTTY: false } as NodeJS.WriteStream, pid: 1 });
  const validate = (text: string) => {
    const file = join(dir, 'p.yaml');
    writeFileSync(file, text);
    const err: string[] = [], out: string[] = [];
    let code: number;
    try {
      code = validateCommand(file, io(err, out));
    } catch (error) {
      code = reportError(error, (t) => err.push(t), {});
    }
    return { code, err: err.join('').replaceAll(file, 'p.yaml'), out: out.join('') };
  };

  it('exits 2 with one line for a setting the balancer does not read', () => {
    const r = validate(scenario('harvester', '{ enabled: true, threshold: 5 }'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^p\.yaml:7:42: policies\.placement\.threshold: threshold is read only by DRS/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 0 and prints the warning for a one-VM anti-affinity rule', () => {
    const r = validate(scenario('vsphere', '{}', 'rules: [{ name: r1, kind: vmAntiAffinity, vms: "a-001" }]\n'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/rules\.0\.vms: warning: the rule matches one VM \(a-001\)/);
  });
});

describe('settings this run cannot read', () => {
  it("warns about another storage kind's block, an SSH rate without the tunnel and a migration network no host has", () => {
    const text = `name: x
platform: vsphere
hosts: [{ group: esx, count: 3 }]
vms: [{ group: app, count: 3, memoryGiB: 8 }]
policies:
  storage: { dsf: { dataLocality: false } }
  migration: { sshTunnelMiBps: 100, network: storage }
`;
    const { errors, warnings } = lines(text);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      'p.yaml:6:19: policies.storage.dsf: storage is vsan, so the dsf settings are not read',
      'p.yaml:7:32: policies.migration.sshTunnelMiBps: migrations use no SSH tunnel here (tunnel: none), so sshTunnelMiBps is not read',
      'p.yaml:7:46: policies.migration.network: no host has a storage NIC (storageNicGbps): migrations stay on the main NIC',
    ]);
    // Where they act, nothing is said.
    const proxmox = text.replace('platform: vsphere', 'platform: proxmox').replace('dsf: { dataLocality: false }', 'ceph: { osdMaxBackfills: 2 }')
      .replace('{ group: esx, count: 3 }', '{ group: esx, count: 3, storageNicGbps: 25 }');
    expect(lines(proxmox).warnings.filter((w) => /not read|storage NIC/.test(w))).toEqual([]);
  });
});
