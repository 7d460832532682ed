import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../sim/cli/format.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

// Four nodes with one disk each and one Longhorn replica per volume: a failed disk loses the
// volumes it held, while their VMs run on the same node.
const harvester = (schedule: string) => `
name: t
platform: harvester
until: 3h
hosts: [{ group: node, count: 4, cores: 32, memoryGiB: 384, nicGbps: 10, disks: { count: 1, sizeTiB: 3.84 } }]
vms: [{ group: app, count: 8, vcpus: 4, memoryGiB: 16, diskGiB: 100 }]
storage: { kind: longhorn, replicas: 1 }
schedule:
${schedule}
`;

type Event = { type: string; t: number; vm?: unknown; [k: string]: unknown };

const lostVolumes = (events: readonly Event[]) =>
  events.filter((e) => e.type === 'volume.health' && e.health === 'lost').flatMap((e) => e.volumes as string[]).sort();

/** Runs the Harvester cluster with these schedule lines under the checkers; some volume must be lost. */
function runLosing(lines: string[]) {
  const result = runScenario(scenarioFrom(harvester(lines.join('\n'))), { keepEvents: true, check: true });
  expect(result.violations).toEqual([]);
  const lost = lostVolumes(result.events);
  expect(lost.length).toBeGreaterThan(0);
  return { ...result, lost };
}

describe('a VM whose volume is lost', () => {
  it('goes down when its volume is lost while it runs, is not live-migrated by a later drain, and stays down', () => {
    const { summary, events, lost } = runLosing([
      '  - { at: 20m, do: failDisk, host: node-02, disk: 0, replaceAfter: 30m }',
      '  - { at: 1h, do: rollingMaintenance, hosts: node-02, workDuration: 10m }',
    ]);
    for (const vm of lost) {
      const mine = events.filter((e) => e.vm === vm && e.type !== 'vm.place');
      // Down at the loss, saying why; never moved; refused its boot when the node comes back.
      expect(mine.map((e) => [e.type, e.t])).toEqual([['vm.down', 1_200_000], ['vm.boot.refused', 4_200_000]]);
      expect(mine[0]).toMatchObject({ host: 'node-02', reason: 'its volume is lost', volume: 'lost' });
    }
    expect(events.filter((e) => e.type === 'host.maintenance.end' && e.host === 'node-02')).toHaveLength(1);
    // The summary and the trace agree: out of service from the loss to the end, no migration pause on top.
    expect(summary.vms.vmsWithOutage).toBe(lost.length);
    expect(summary.vms.downtimeSeconds.max).toBe(3 * 3600 - 1200);
    expect(summary.vms.downtimeSeconds.total).toBe(lost.length * (3 * 3600 - 1200));
    expect(summary.endOfRun.vmsOut).toBe(lost.length);
  });

  it('that is being live-migrated has its migration cancelled, and the drain goes on without it', () => {
    const { summary, events, lost } = runLosing([
      '  - { at: 20m, do: rollingMaintenance, hosts: node-02, workDuration: 10m }',
      '  - { at: 1210s, do: failDisk, host: node-02, disk: 0, replaceAfter: 30m }',
    ]);
    for (const vm of lost) {
      const fail = events.find((e) => e.type === 'vm.migration.fail' && e.vm === vm)!;
      expect(fail).toMatchObject({ t: 1_210_000, reason: 'vmDown' });
      expect(events.find((e) => e.type === 'vm.down' && e.vm === vm)).toMatchObject({ t: 1_210_000, volume: 'lost' });
      expect(events.some((e) => e.type === 'vm.migration.end' && e.vm === vm)).toBe(false);
    }
    // The drain neither stalls on the VMs nor waits for Longhorn's last replica, which is gone.
    expect(events.find((e) => e.type === 'host.maintenance.start')!.t).toBe(1_210_000);
    expect(summary.maintenance.hostsCompleted).toBe(1);
    expect(summary.endOfRun.vmsOut).toBe(lost.length);
  });

  it('is not restarted by HA when its host then fails, nor counted as crashed by that failure', () => {
    const { summary, events, lost } = runLosing([
      '  - { at: 20m, do: failDisk, host: node-02, disk: 0 }',
      '  - { at: 40m, do: failHost, host: node-02, repairAfter: 1h }',
    ]);
    expect(events.some((e) => e.type === 'ha.restart.start')).toBe(true);
    for (const vm of lost) {
      expect(events.some((e) => e.vm === vm && (e.type === 'vm.boot' || e.type === 'vm.up'))).toBe(false);
      const refused = events.filter((e) => e.type === 'vm.boot.refused' && e.vm === vm);
      expect(refused.length).toBeGreaterThan(0);
    }
    // Down since the disk failed: the host's failure crashed only the VMs still serving on it.
    const failed = events.find((e) => e.type === 'host.fail')!;
    const serving = (failed.vms as string[]).filter((vm) => !lost.includes(vm));
    expect((failed.vms as string[]).length).toBeGreaterThan(serving.length);
    expect(summary.vms.afterHostFailure.crashed).toBe(serving.length);
    expect(summary.vms.afterHostFailure.stillDown).toBe(0);
  });
});

describe('a VM whose volume could not be placed', () => {
  const yaml = `
name: t
platform: vsphere
until: 3h
hosts: [{ group: esx, count: 3, cores: 32, memoryGiB: 384, nicGbps: 10, disks: { count: 1, sizeTiB: 3.84 } }]
vms: [{ group: big, count: 1, vcpus: 4, memoryGiB: 16, diskGiB: 5000 }, { group: small, count: 2, vcpus: 2, memoryGiB: 8, diskGiB: 50 }]
`;

  it('never serves: it goes down at the start saying why, never boots, and the summary counts it', () => {
    const { summary, events, violations } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(violations).toEqual([]);
    const mine = events.filter((e) => e.vm === 'big-001').map((e) => [e.type, e.t]);
    expect(mine).toEqual([['vm.place', 0], ['vm.down', 0]]);
    expect(events.find((e) => e.type === 'vm.down')).toMatchObject({ vm: 'big-001', reason: 'its volume could not be placed', volume: 'unplaced' });
    expect(summary.vms).toMatchObject({ unplaced: 0, volumeUnplaced: 1, vmsWithOutage: 1 });
    expect(summary.vms.downtimeSeconds.max).toBe(3 * 3600);
    expect(summary.endOfRun.vmsOut).toBe(1);
    // The run's text says that these VMs are out of service, beside the VMs no host took.
    expect(formatSummary(summary)).toMatch(/unplaced \(no host \/ no room for the volume\)\s+0 \/ 1 \(placed, but out of service all run\)/);
  });

  it('storage.ready counts a set with no copy at no redundancy, and lists it', () => {
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true });
    const ready = events.find((e) => e.type === 'storage.ready')!;
    expect(ready).toMatchObject({ volumes: 3, redundancy: [{ redundancy: 1, volumes: 2 }], unplaced: ['big-001'] });
    // Two volumes at redundancy 1 for 3 hours, and the unplaced one at none.
    expect(summary.storage.exposure.byRedundancy).toEqual([{ redundancy: 1, volumeHours: 6 }]);
  });
});
