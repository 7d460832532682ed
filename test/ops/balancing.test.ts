import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { loadScenarioText, type Override } from '../../sim/scenario/load.ts';
import { scenarioFrom } from '../support/scenario.ts';

const SURGE = 'scenarios/vsphere-drs-surge.yaml';

function surge(overrides: Override[] = []) {
  const r = loadScenarioText(readFileSync(SURGE, 'utf8'), SURGE, overrides);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return runScenario(r.scenario, { keepEvents: true, check: true });
}

describe('DRS balancing', () => {
  it('a Black Friday surge ends with less contention with DRS than without', () => {
    const withDrs = surge();
    const without = surge([{ path: 'policies.placement.enabled', value: false }]);
    expect(withDrs.violations).toEqual([]);
    expect(without.summary.balancing.moves).toBe(0);
    expect(withDrs.summary.balancing.moves).toBeGreaterThan(0);
    expect(withDrs.summary.cpu.contendedVmHours).toBeLessThan(without.summary.cpu.contendedVmHours / 2);
  });

  it('each move lowers the imbalance in the pass model, removes more than its migration costs and goes to the best candidate', () => {
    const { events } = surge();
    const moves = events.filter((e) => e.type === 'balance.move');
    for (const m of moves) {
      expect(m.imbalanceAfter as number).toBeLessThan(m.imbalanceBefore as number);
      expect(m.benefitGHzSeconds as number).toBeGreaterThan(m.costGHzSeconds as number);
      expect((m.candidates as { host: string }[])[0].host).toBe(m.to);
    }
  });

  it('a higher threshold balances harder: threshold 5 leaves less contention than 3, and 1 moves nothing here', () => {
    const t1 = surge([{ path: 'policies.placement.threshold', value: 1 }]);
    const t3 = surge();
    const t5 = surge([{ path: 'policies.placement.threshold', value: 5 }]);
    expect(t1.summary.balancing.moves).toBe(0);
    expect(t5.summary.cpu.contendedVmHours).toBeLessThan(t3.summary.cpu.contendedVmHours);
  });

  it('applies the priority formula: 6 - ceil(imbalance / 0.1 x sqrt(N)) against the threshold', () => {
    const { events } = surge();
    for (const p of events.filter((e) => e.type === 'balance.pass' && (e.moves as number) > (e.mandatory as number))) {
      const expected = Math.min(5, Math.max(2, 6 - Math.ceil(((p.imbalance as number) / 0.1) * Math.sqrt(8))));
      expect(p.priority).toBe(expected);
      expect(p.priority as number).toBeLessThanOrEqual(3);
    }
  });

  it('starts no pass while the management plane is down, and balances once it is back', () => {
    const { events } = surge([{ path: 'schedule', value: [{ at: '5h', do: 'managementOutage', duration: '3h' }] }]);
    const passes = events.filter((e) => e.type === 'balance.pass').map((e) => e.t);
    expect(passes.some((t) => t > 5 * 3_600_000 && t < 8 * 3_600_000)).toBe(false);
    expect(passes.some((t) => t >= 8 * 3_600_000)).toBe(true);
    const held = events.filter((e) => e.type === 'management.operation.delay' && e.kind === 'balance');
    expect(held.map((e) => e.t)).toEqual([6 * 3_600_000 + 300_000]);
  });
});

// h-01 is the should-rule host of the app VMs; it fails, HA restarts them elsewhere (breaking the
// should rule), and when it returns empty the cluster is both out of balance and out of rule.
const ruled = (threshold: number) => `
name: rules
platform: vsphere
until: 6h
hosts: [{ group: h, count: 4, cores: 16, memoryGiB: 256, nicGbps: 25 }]
vms:
  - { group: app, count: 2, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.5 }
  - { group: web, count: 16, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.5 }
rules:
  - { name: app-home, kind: vmHost, vms: "app-*", hosts: [h-01], mode: should }
policies: { placement: { enabled: true, threshold: ${threshold}, intervalSeconds: 300 }, ha: { admissionControl: false } }
schedule:
  - { at: 10m, do: failHost, host: h-01, repairAfter: 1h }
`;

describe('mandatory moves', () => {
  it('with threshold 1 only rule fixes happen: the app VMs return to h-01, nothing else moves', () => {
    const { events, summary } = runScenario(scenarioFrom(ruled(1)), { keepEvents: true, check: true });
    const moves = events.filter((e) => e.type === 'balance.move');
    expect(moves.map((m) => [m.vm, m.to, m.reason])).toEqual([['app-001', 'h-01', 'rule'], ['app-002', 'h-01', 'rule']]);
    expect(summary.balancing.ruleMoves).toBe(2);
  });

  it('with threshold 3 the returned host also receives load-balancing moves', () => {
    const { events } = runScenario(scenarioFrom(ruled(3)), { keepEvents: true, check: true });
    const reasons = events.filter((e) => e.type === 'balance.move').map((m) => m.reason);
    expect(reasons.filter((r) => r === 'rule')).toHaveLength(2);
    expect(reasons.filter((r) => r === 'imbalance').length).toBeGreaterThan(0);
  });

  it('a must rule keeps its VMs off other hosts, even when its host fails', () => {
    const text = ruled(5).replace('mode: should', 'mode: must');
    const { events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    for (const e of events) {
      if ((e.type === 'vm.place' || e.type === 'vm.boot') && String(e.vm).startsWith('app')) expect(e.host).toBe('h-01');
      if (e.type === 'vm.migration.start' && String(e.vm).startsWith('app')) expect(e.to).toBe('h-01');
    }
  });
});

// Four hosts of 16 cores; h-03 and h-04 fail early and return empty, so every VM runs on h-01 and
// h-02 when the hot VMs surge to 24 cores there (75 % of each host), while h-03 and h-04 idle.
const deschedule = (platform: string, enabled: boolean) => `
name: lnu
platform: ${platform}
until: 4h
hosts: [{ group: h, count: 4, cores: 16, memoryGiB: 256, nicGbps: 25 }]
overhead: { cpuTaxPercent: 0, cpuConsumedPercent: 0 }
vms:
  - { group: hot, count: 6, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.1 }
  - { group: idle, count: 4, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.01 }
policies: { placement: { enabled: ${enabled}, intervalSeconds: 300 } }
schedule:
  - { at: 1m, do: failHost, host: h-03, repairAfter: 30m }
  - { at: 1m, do: failHost, host: h-04, repairAfter: 30m }
  - { at: 1h, do: setLoad, vms: "hot-*", cpuUtilization: 1 }
`;

describe('descheduler-like balancing (Harvester, OpenStack Watcher)', () => {
  it('is off by default on Harvester and OpenStack: the surge stays where it landed', () => {
    for (const platform of ['harvester', 'openstack']) {
      const { summary } = runScenario(scenarioFrom(deschedule(platform, false)));
      expect(summary.balancing).toEqual({ passes: 0, moves: 0, ruleMoves: 0 });
    }
  });

  it('switched on, it moves VMs from hosts above the high threshold to hosts below the low one', () => {
    const { events } = runScenario(scenarioFrom(deschedule('harvester', true)), { keepEvents: true, check: true });
    const moves = events.filter((e) => e.type === 'balance.move' && e.reason === 'imbalance');
    expect(moves.length).toBeGreaterThan(0);
    const loadAt = new Map<string, number>();
    for (const e of events) {
      if (e.type === 'host.cpu') loadAt.set(e.host as string, (e.demandGHz as number) / (e.usableGHz as number));
      if (e.type === 'balance.move' && e.reason === 'imbalance') {
        expect(loadAt.get(e.from as string)!).toBeGreaterThan(0.5);
        expect(loadAt.get(e.to as string)!).toBeLessThan(0.2);
      }
    }
  });
});

describe('DRS around maintenance and its cost-benefit check', () => {
  const rollout = `
name: back
platform: vsphere
hosts: [{ group: h, count: 4, cores: 16, memoryGiB: 256, nicGbps: 25 }]
vms: [{ group: v, count: 16, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.5 }]
policies: { ha: { admissionControl: false } }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-01", workDuration: 20m }
`;

  it('moves VMs back onto a host that returns from maintenance', () => {
    const { events } = runScenario(scenarioFrom(rollout), { keepEvents: true, check: true });
    const back = events.find((e) => e.type === 'host.maintenance.end')!;
    const moves = events.filter((e) => e.type === 'balance.move' && e.t >= back.t);
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) expect(m.to).toBe('h-01');
  });

  it('makes no move whose benefit does not exceed its migration cost (benefitSeconds 0)', () => {
    const text = rollout.replace('ha: { admissionControl: false }', 'ha: { admissionControl: false }, placement: { benefitSeconds: 0 }');
    const { events } = runScenario(scenarioFrom(text), { keepEvents: true });
    expect(events.filter((e) => e.type === 'balance.move')).toEqual([]);
    const pass = events.find((e) => e.type === 'balance.pass')!;
    expect(pass.stopReason).toBe('no move passes the filters and the cost-benefit check');
  });
});
