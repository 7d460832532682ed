import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const failing = (platform: string, extra = '') => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10 }]
vms: [{ group: v, count: 8, vcpus: 2, memoryGiB: 8 }]
${extra}
schedule:
  - { at: 1h, do: failHost, host: h-02, repairAfter: 1d }
`;

function downtimes(events: { type: string; t: number; vm?: unknown }[]) {
  const out = new Map<string, number>();
  for (const e of events.filter((x) => x.type === 'vm.down')) {
    const up = events.find((x) => x.type === 'vm.up' && x.vm === e.vm && x.t >= e.t)!;
    out.set(String(e.vm), up.t - e.t);
  }
  return out;
}

describe('host failure and HA', () => {
  it('vSphere HA restarts the failed host\'s VMs after 15 s detection plus boot', () => {
    const { summary, events } = runScenario(scenarioFrom(failing('vsphere')), { keepEvents: true, check: true });
    const failed = events.find((e) => e.type === 'host.fail')!;
    const victims = failed.vms as string[];
    expect(victims.length).toBeGreaterThan(0);
    const p = summary.parameters.policies;
    for (const ms of downtimes(events).values()) expect(ms).toBe((p.ha.detectionSeconds + p.vm.bootSeconds) * 1000);
    for (const vm of victims) {
      const up = events.find((e) => e.type === 'vm.up' && e.vm === vm)!;
      expect(up.host).not.toBe('h-02');
    }
    expect(summary.vms.restarts).toBe(victims.length);
  });

  it('vSphere HA restarts a VM beside another of its anti-affinity group; with the rule kept it stays down until the repair', () => {
    // 4 hosts, 4 VMs kept apart: one per host, so the failed host's VM has nowhere to go but beside another.
    const apart = (respect: boolean) => `
name: t
platform: vsphere
storage: { kind: none }
until: 6h
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10 }]
vms: [{ group: db, count: 4, vcpus: 2, memoryGiB: 8, antiAffinity: db }]
policies: { ha: { restartRespectsAntiAffinity: ${respect} } }
schedule:
  - { at: 1h, do: failHost, host: h-02, repairAfter: 2h }
`;
    const ignored = runScenario(scenarioFrom(apart(false)), { keepEvents: true, check: true });
    expect(ignored.violations).toEqual([]);
    const restart = ignored.events.find((e) => e.type === 'vm.place' && e.reason === 'HA restart')!;
    expect(restart.antiAffinityBroken).toBe('db');
    expect(ignored.summary.vms.restarts).toBe(1);
    const kept = runScenario(scenarioFrom(apart(true)), { keepEvents: true, check: true });
    expect(kept.events.some((e) => e.type === 'ha.restart.blocked' && /anti-affinity/.test(String(e.reason)))).toBe(true);
    expect(kept.summary.vms.downtimeSeconds.max).toBeGreaterThan(2 * 3600 - 60);
  });

  it('does not restart a VM whose volume is inaccessible: it waits until a copy holding its data is back', () => {
    // Two of five AHV nodes fail together: RF2 vDisks with both copies on them are unreadable until ahv-01 returns at 7 h.
    const text = `
name: t
platform: nutanix
until: 1d
hosts: [{ group: ahv, count: 5, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 2 } }]
vms: [{ group: app, count: 20, vcpus: 2, memoryGiB: 16, diskGiB: 100 }]
schedule:
  - { at: 2h, do: failHost, host: ahv-01, repairAfter: 5h }
  - { at: 2h, do: failHost, host: ahv-02, repairAfter: 10h }
`;
    const { events, violations } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    expect(violations).toEqual([]);
    const waiting = events.filter((e) => e.type === 'ha.restart.blocked' && /inaccessible/.test(String(e.reason))).map((e) => String(e.vm));
    expect(waiting.length).toBeGreaterThan(0);
    for (const vm of waiting) {
      const boot = events.find((e) => e.type === 'vm.boot' && e.vm === vm)!;
      expect(boot.t).toBeGreaterThanOrEqual(7 * 3_600_000);
    }
  });

  it('Harvester waits for NotReady, its 15 s period and the 180 s vmMigrationTimeout before restarting', () => {
    const { summary, events } = runScenario(scenarioFrom(failing('harvester')), { keepEvents: true, check: true });
    const p = summary.parameters.policies;
    const expected = (p.ha.detectionSeconds + p.ha.restartDelaySeconds + p.vm.bootSeconds) * 1000;
    expect(p.ha.restartDelaySeconds).toBe(15 + 180);
    for (const ms of downtimes(events).values()) expect(ms).toBe(expected);
  });

  it('without HA the VMs wait for the repair and boot on their own host', () => {
    const { summary, events } = runScenario(scenarioFrom(failing('openstack')), { keepEvents: true, check: true });
    expect(summary.parameters.policies.ha.enabled).toBe(false);
    const bootSeconds = summary.parameters.policies.vm.bootSeconds;
    for (const ms of downtimes(events).values()) expect(ms).toBe(86_400_000 + bootSeconds * 1000);
    for (const e of events.filter((x) => x.type === 'vm.up')) expect(e.host).toBe('h-02');
  });

  it('VMs on local storage are not restarted elsewhere even with HA on', () => {
    const { events } = runScenario(scenarioFrom(failing('vsphere', 'storage: { kind: local, replicas: 1 }')), { keepEvents: true, check: true });
    expect(events.some((e) => e.type === 'ha.skip')).toBe(true);
    for (const e of events.filter((x) => x.type === 'vm.up')) expect(e.host).toBe('h-02');
  });

  it('a host failure in the middle of an evacuation loses the VMs still on it and the rollout moves on', () => {
    const yaml = failing('harvester').replace(
      'schedule:',
      'schedule:\n  - { at: 59m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }',
    ).replace('host: h-02', 'host: h-01').replace('at: 1h', 'at: 3540001ms');
    const { events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(events.some((e) => e.type === 'host.maintenance.abort' && e.host === 'h-01')).toBe(true);
    expect(events.some((e) => e.type === 'vm.migration.fail' && e.reason === 'sourceFailed')).toBe(true);
    expect(events.some((e) => e.type === 'host.maintenance.enter' && e.host === 'h-02')).toBe(true);
  });
});
