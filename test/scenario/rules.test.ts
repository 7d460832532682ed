import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../sim/scenario/load.ts';

const base = (rules: string, extra = '') => `name: r
platform: vsphere
hosts: [{ group: h, count: 3 }]
vms:
  - { group: db, count: 2 }
  - { group: web, count: 4 }
${extra}
rules:
${rules}
`;

function problems(text: string) {
  const r = loadScenarioText(text, 'r.yaml');
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

describe('scenario rules', () => {
  it('puts the VMs of an anti-affinity rule under one label and a VM-host rule on its VMs', () => {
    const r = loadScenarioText(base('  - { name: apart, kind: vmAntiAffinity, vms: "db-*" }\n  - { name: home, kind: vmHost, vms: web-001, hosts: [h-02, h-01], mode: should }'), 'r.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const vm = (id: string) => r.scenario.vms.find((v) => v.id === id)!;
    expect(vm('db-001').antiAffinity).toBe('rule:apart');
    expect(vm('db-002').antiAffinity).toBe('rule:apart');
    expect(vm('web-001').shouldHosts).toEqual(['h-01', 'h-02']);
    expect(vm('web-002').shouldHosts).toBeUndefined();
  });

  it('reports a glob that matches nothing and an unknown host at their line and column', () => {
    expect(problems(base('  - { name: a, kind: vmHost, vms: "app-*", hosts: [h-09], mode: must }'))).toEqual([
      "9:35 rules.0.vms: 'app-*' matches no VM (VMs: db-001..db-002, web-001..web-004)",
      "9:52 rules.0.hosts.0: 'h-09' matches no host (hosts: h-01..h-03)",
    ]);
  });

  it('refuses duplicate names, a VM in two must rules and an anti-affinity group larger than the cluster', () => {
    const found = problems(base([
      '  - { name: a, kind: vmHost, vms: "web-*", hosts: [h-01] }',
      '  - { name: a, kind: vmHost, vms: web-001, hosts: [h-02] }',
      '  - { name: c, kind: vmAntiAffinity, vms: "web-*" }',
    ].join('\n')));
    expect(found).toEqual([
      "10:13 rules.1.name: duplicate rule name 'a' (also rules.0)",
      '10:35 rules.1.vms: web-001 is already in another VM-host must rule (a VM follows one of each)',
      '11:43 rules.2.vms: 4 VMs kept apart need 4 hosts; the cluster has 3',
    ]);
  });

  it('needs until for a daily load curve, and its times of day increasing below 24h', () => {
    const curve = (points: string, until = '') => `name: c\nplatform: vsphere\n${until}hosts: [{ group: h }]\nvms:\n  - group: v\n    loadCurve: [${points}]\n`;
    expect(problems(curve('{ at: 0, cpuUtilization: 0.5 }'))).toEqual(['6:16 vms.0.loadCurve: a daily load curve repeats every day: set until to end the run']);
    expect(problems(curve('{ at: 2h, cpuUtilization: 0.5 }, { at: 1h, cpuUtilization: 0.2 }', 'until: 1d\n'))).toEqual(['7:56 vms.0.loadCurve.1.at: times of day must increase']);
  });
});
