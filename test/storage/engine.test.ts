import { describe, expect, it } from 'vitest';
import { volumeHealth } from '../support/volume-health.ts';
import { runScenario } from '../../sim/run.ts';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { scenarioFrom } from '../support/scenario.ts';

const cluster = (platform: string, storage: string, schedule: string, vmExtra = '') => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 3, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 1, sizeTiB: 2 } }]
vms: [{ group: v, count: 3, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 20${vmExtra} }]
storage: ${storage}
schedule:
${schedule}
`;

describe('storage engine', () => {
  it('a host that fails for good with its disks loses what only it held, and the summary says the host is still out', () => {
    const schedule = '  - { at: 1h, do: failHost, host: h-01, repairAfter: never, disks: lost }';
    const local = runScenario(scenarioFrom(cluster('vsphere', '{ kind: local, replicas: 1 }', schedule) + 'until: 1d\n'), { keepEvents: true, check: true });
    const onHost = (local.events.find((e) => e.type === 'host.fail')!.vms as string[]).length;
    expect(onHost).toBeGreaterThan(0);
    expect(local.summary.storage.volumesLost).toBe(onHost);
    expect(local.summary.endOfRun).toMatchObject({ volumesLost: onHost, hostsOut: ['h-01'] });
    expect(local.events.filter((e) => e.type === 'disk.fail')).toHaveLength(1);
    // Kept disks: the same failure loses nothing, the volumes wait inaccessible for the host.
    const kept = runScenario(scenarioFrom(cluster('vsphere', '{ kind: local, replicas: 1 }', schedule.replace('lost', 'kept')) + 'until: 1d\n'));
    expect(kept.summary.storage.volumesLost).toBe(0);
    expect(kept.summary.endOfRun).toMatchObject({ volumesInaccessible: onHost, volumesLost: 0, hostsOut: ['h-01'] });
  });

  it('a volume larger than every disk is never placed: inaccessible, its VM out of service, but not lost', () => {
    const yaml = cluster('baremetal', '{ kind: local, replicas: 1 }', '  []').replace('diskGiB: 20', 'diskGiB: 4000') + 'until: 1h\n';
    const loaded = loadScenarioText(yaml, 't.yaml');
    expect(loaded.ok && loaded.warnings.map((w) => w.path)).toEqual(['vms.0.diskGiB']);
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(events.filter((e) => e.type === 'storage.unplaced')).toHaveLength(3);
    expect(summary.storage.volumesLost).toBe(0);
    expect(summary.endOfRun).toMatchObject({ vmsOut: 3, volumesInaccessible: 3, volumesLost: 0 });
  });

  it('a VM whose only volume is lost is not booted again when its host comes back, nor restarted by HA', () => {
    const schedule = [
      '  - { at: 1h, do: failDisk, host: h-01, disk: 0, replaceAfter: 1h }',
      '  - { at: 2h, do: failHost, host: h-01, repairAfter: 1h }',
    ].join('\n');
    const yaml = cluster('vsphere', '{ kind: local, replicas: 1 }', schedule) + 'until: 10h\n';
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    const lostVm = volumeHealth(events).find((e) => e.health === 'lost')!.volume;
    const boots = events.filter((e) => e.vm === lostVm && (e.type === 'vm.boot' || e.type === 'vm.up'));
    expect(boots).toEqual([]);
    const refused = events.filter((e) => e.type === 'vm.boot.refused');
    expect(refused.map((e) => [e.vm, e.t, e.reason])).toEqual([[lostVm, 3 * 3_600_000, 'its volume is lost']]);
    // Down from the disk failure to the end of the run, and the summary says it is left so.
    expect(summary.vms.downtimeSeconds.max).toBeCloseTo(9 * 3600, 3);
    expect(summary.endOfRun).toEqual({ vmsOut: 1, volumesDegraded: 0, volumesInaccessible: 0, volumesLost: 1, hostsOut: [] });
  });

  it('says at the end of the run which hosts are still out and which volumes are not redundant', () => {
    const yaml = cluster('harvester', '{ kind: longhorn, replicas: 3 }', '  - { at: 1h, do: failHost, host: h-01, repairAfter: 30d }') + 'until: 2h\n';
    const { summary } = runScenario(scenarioFrom(yaml), { check: true });
    expect(summary.endOfRun.hostsOut).toEqual(['h-01']);
    // Three hosts and three replicas: the failed host's replicas have nowhere to go.
    expect(summary.endOfRun.volumesDegraded).toBe(3);
    expect(summary.endOfRun.vmsOut).toBe(0);
  });

  it('local storage: a failed disk loses its volume for good and the VM counts as down to the end', () => {
    const yaml = cluster('vsphere', '{ kind: local, replicas: 1 }', '  - { at: 1h, do: failDisk, host: h-01, disk: 0, replaceAfter: 4h }') + 'until: 10h\n';
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(summary.storage.volumesLost).toBe(1);
    const lost = volumeHealth(events).find((e) => e.health === 'lost')!;
    expect(lost.t).toBe(3_600_000);
    expect(summary.vms.downtimeSeconds.max).toBeCloseTo(9 * 3600, 3);
    expect(summary.storage.inaccessibleVolumeHours).toBeCloseTo(9, 6);
  });

  it('local storage: a failed host makes its volume inaccessible until the repair', () => {
    const yaml = cluster('vsphere', '{ kind: local, replicas: 1 }', '  - { at: 1h, do: failHost, host: h-02, repairAfter: 2h }') + 'until: 10h\n';
    const { summary } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(summary.storage.volumesLost).toBe(0);
    expect(summary.storage.inaccessibleVolumeHours).toBeCloseTo(2, 6);
    // Down while the host is away, plus the boot after the repair.
    expect(summary.vms.downtimeSeconds.max).toBeCloseTo(2 * 3600 + summary.parameters.policies.vm.bootSeconds, 3);
  });

  it('a copy that was away while writes landed is stale: losing the last current copy then loses the volume', () => {
    const schedule = [
      '  - { at: 1h, do: rollingMaintenance, hosts: "h-01", concurrency: 1, workDuration: 5m }',
      '  - { at: 3660s, do: failDisk, host: h-02, disk: 0, replaceAfter: 1d }',
    ].join('\n');
    const longhorn2 = '{ kind: longhorn, replicas: 2 }';
    const withWrites = runScenario(scenarioFrom(cluster('harvester', longhorn2, schedule)), { keepEvents: true, check: true });
    expect(withWrites.summary.storage.volumesLost).toBeGreaterThan(0);
    // Without writes the copy that was away still holds the newest data: inaccessible, then back.
    const noWrites = runScenario(scenarioFrom(cluster('harvester', longhorn2, schedule, ', diskWriteMiBps: 0')), { keepEvents: true, check: true });
    expect(noWrites.summary.storage.volumesLost).toBe(0);
    expect(noWrites.summary.storage.inaccessibleVolumeHours).toBeGreaterThan(0);
  });

  it('reports time to compliance per maintenance window: a reuse compares after the return, a new replica is built during the window', () => {
    const rollout = (work: string) => `  - { at: 1h, do: rollingMaintenance, hosts: "h-01", concurrency: 1, workDuration: ${work} }`;
    const short = runScenario(scenarioFrom(cluster('harvester', '{ kind: longhorn, replicas: 2 }', rollout('5m'))), { keepEvents: true });
    const long = runScenario(scenarioFrom(cluster('harvester', '{ kind: longhorn, replicas: 2 }', rollout('15m'))), { keepEvents: true });
    const [s] = short.summary.storage.timeToCompliance;
    const [l] = long.summary.storage.timeToCompliance;
    expect(s.host).toBe('h-01');
    // Back within 600 s: the replicas are reused, each compared whole (20 GiB at 100 MiB/s, 205 s)
    // before its 5 minutes of missed writes are sent.
    expect(s.compliantAfterSeconds!).toBeGreaterThan(204.8);
    expect(s.compliantAfterSeconds!).toBeLessThan(240);
    expect(short.summary.storage.copies.resyncs).toBeGreaterThan(0);
    // Away 15 minutes: new replicas were started at 600 s, while the node was still away (20 GiB at
    // 58 MiB/s, 353 s): compliance comes sooner after the return, at the cost of full copies.
    expect(long.summary.storage.copies.rebuilds).toBeGreaterThan(0);
    expect(l.compliantAfterSeconds!).toBeLessThan(s.compliantAfterSeconds!);
    expect(long.summary.storage.rebuiltGiB).toBeGreaterThan(10 * short.summary.storage.rebuiltGiB);
  });
});
