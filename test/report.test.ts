import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/run.ts';
import { scenarioFrom } from './support/scenario.ts';

const hotVm = (platform: string, policies = '') => `name: hot
platform: ${platform}
hosts: [{ group: h, count: 3, cores: 32, memoryGiB: 256, nicGbps: 10 }]
storage: { kind: none }
vms: [{ group: db, count: 1, vcpus: 8, memoryGiB: 64, dirtyRateMiBps: 2000, workingSetGiB: 48 }]
${policies}
schedule: [{ at: 1m, do: rollingMaintenance, hosts: "h-01", workDuration: 5m }]
until: 2h
`;

describe('the summary of migrations', () => {
  it('counts the time a throttled guest runs slowed, from the first throttle to the end of its migration', () => {
    const { summary, events } = runScenario(scenarioFrom(hotVm('vsphere')), { keepEvents: true, check: true });
    const throttle = events.find((e) => e.type === 'vm.migration.throttle');
    expect(throttle).toBeDefined();
    const end = events.find((e) => (e.type === 'vm.migration.end' || e.type === 'vm.migration.fail') && e.t >= throttle!.t)!;
    expect(summary.migrations.degradedSeconds.total).toBeCloseTo((end.t - throttle!.t) / 1000, 3);
    expect(summary.migrations.degradedSeconds.maxPerVm).toBe(summary.migrations.degradedSeconds.total);
    expect(summary.migrations.degradedSeconds.perVm).toEqual([{ vm: 'db-001', seconds: summary.migrations.degradedSeconds.total }]);
  });

  it('lists every slowed VM, most affected first, and no VM that was not slowed', () => {
    const two = hotVm('vsphere').replace('count: 1, vcpus: 8', 'count: 2, vcpus: 8').replace('memoryGiB: 64, dirtyRateMiBps: 2000', 'memoryGiB: 64, dirtyRateMiBps: 2000')
      .replace('vms: [', 'vms: [{ group: idle, count: 1, vcpus: 2, memoryGiB: 4 }, ');
    const { summary } = runScenario(scenarioFrom(two), { check: true });
    const { perVm, total, maxPerVm } = summary.migrations.degradedSeconds;
    expect(perVm.map((v) => v.vm).sort()).toEqual(['db-001', 'db-002'].filter((id) => perVm.some((v) => v.vm === id)));
    expect(perVm.length).toBeGreaterThan(0);
    expect(perVm[0].seconds).toBe(maxPerVm);
    for (let i = 1; i < perVm.length; i++) expect(perVm[i].seconds).toBeLessThanOrEqual(perVm[i - 1].seconds);
    expect(perVm.reduce((n, v) => n + v.seconds, 0)).toBeCloseTo(total, 2);
  });

  it('counts post-copy as slowed time, not as downtime', () => {
    const { summary, events } = runScenario(scenarioFrom(hotVm('harvester', 'policies: { migration: { allowPostCopy: true, allowAutoConverge: false, completionTimeoutPerGiBSeconds: 2 } }')), { keepEvents: true, check: true });
    const switchover = events.find((e) => e.type === 'vm.migration.switchover' && e.mode === 'postcopy');
    expect(switchover).toBeDefined();
    const end = events.find((e) => e.type === 'vm.migration.end')!;
    expect(summary.migrations.degradedSeconds.total).toBeCloseTo((end.t - switchover!.t) / 1000, 3);
    expect(summary.migrations.downtimeMs.max).toBe(0);
  });
});

describe('the summary of outages', () => {
  it('counts no outage for a volume out and back at one instant, so "only stunned" is never negative', () => {
    // Two disks fail at once: one volume loses both its replicas (lost), and one whose witness and a
    // replica were there is inaccessible for no time (a new witness at the same instant).
    const text = `
name: t
platform: vsphere
until: 4h
hosts: [{ group: esx, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 1, sizeTiB: 1 } }]
vms: [{ group: app, count: 4, vcpus: 2, memoryGiB: 8, diskGiB: 50 }]
policies: { storage: { repairDelay: 10h } }
schedule:
  - { at: 1h, do: failDisk, host: esx-03, disk: 0, replaceAfter: 1h }
  - { at: 1h, do: failDisk, host: esx-04, disk: 0, replaceAfter: 1h }
`;
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    expect(summary.vms.vmsWithOutage).toBeLessThanOrEqual(summary.vms.vmsWithDowntime);
    const outOfService = new Set(events.filter((e) => e.type === 'vm.down').map((e) => String(e.vm)));
    expect(summary.vms.vmsWithOutage).toBe(outOfService.size);
  });
});
