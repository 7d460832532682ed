import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/core/trace.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';
import { loadScenarioText } from '../../sim/scenario/load.ts';

const MIN = 60_000;

const cluster = (platform: string, schedule: string) => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 4, cores: 16, memoryGiB: 128, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }]
vms: [{ group: v, count: 12, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 10, workingSetGiB: 1, diskGiB: 20 }]
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }
${schedule}`;

function run(platform: string, schedule = '') {
  return runScenario(scenarioFrom(cluster(platform, schedule)), { keepEvents: true, check: true });
}

/**
 * From `startMs` until the steps running at that moment in the run without the outage would have
 * finished: live migrations, a host's work and storage copy jobs (the storage layer runs those
 * itself), progress an outage starting then cannot stop.
 */
function inFlightMs(base: readonly TraceEvent[], startMs: number): number {
  const started = new Map<string, number>();
  let last = startMs;
  for (const e of base) {
    if (e.type === 'vm.migration.start') started.set(`m ${e.vm}`, e.t);
    if (e.type === 'host.maintenance.start') started.set(`h ${e.host}`, e.t);
    if (e.type === 'replica.rebuild.start') started.set(`r ${e.set} ${e.to}`, e.t);
    const key =
      e.type === 'vm.migration.end' || e.type === 'vm.migration.fail' ? `m ${e.vm}`
      : e.type === 'host.maintenance.end' ? `h ${e.host}`
      : e.type === 'replica.rebuild.end' || e.type === 'replica.rebuild.fail' ? `r ${e.set} ${e.to}`
      : undefined;
    if (key === undefined) continue;
    const since = started.get(key);
    if (since !== undefined && since < startMs && e.t > startMs) last = Math.max(last, e.t);
    started.delete(key);
  }
  return last - startMs;
}

describe('a management-plane outage', () => {
  it('that covers the start of a rollout delays its end by at least the overlap', () => {
    const base = run('vsphere').summary;
    // Down from 5m to 35m: the rollout (due at 10m) cannot put a host in maintenance for 25 minutes.
    const { summary } = run('vsphere', '  - { at: 5m, do: managementOutage, duration: 30m }\n');
    expect(summary.maintenance.makespanSeconds - base.maintenance.makespanSeconds).toBeGreaterThanOrEqual(25 * 60);
    expect(summary.management.outageSeconds).toBe(30 * 60);
    expect(summary.management.delayedOperations.byKind.maintenanceEnter).toEqual({ count: 1, delaySeconds: 25 * 60 });
  });

  // Not Harvester: Longhorn's rebuilds go on during the outage, so the drain after it finds less
  // rebuild traffic on the NIC and runs faster than in the run without the outage (by 10 s of a
  // 440 s delay for the outage at 44m); the rollout is still delayed, by less than this bound.
  for (const platform of ['vsphere', 'openstack']) {
    it(`in the middle of a ${platform} rollout delays it by the overlap, less the steps already running when it began`, () => {
      const { summary: base, events: baseEvents } = run(platform);
      const endMs = 10 * MIN + base.maintenance.makespanSeconds * 1000;
      for (const atMin of [11, 17, 31, 44, 52]) {
        const startMs = atMin * MIN;
        if (startMs >= endMs) continue;
        const { summary } = run(platform, `  - { at: ${atMin}m, do: managementOutage, duration: 15m }\n`);
        const overlapMs = Math.min(startMs + 15 * MIN, endMs) - startMs;
        const delayMs = (summary.maintenance.makespanSeconds - base.maintenance.makespanSeconds) * 1000;
        expect(delayMs, `outage at ${atMin}m`).toBeGreaterThanOrEqual(overlapMs - inFlightMs(baseEvents, startMs) - 1);
        expect(summary.maintenance.hostsCompleted).toBe(base.maintenance.hostsCompleted);
      }
    });
  }

  it('starts no migration, drain or maintenance step while it lasts', () => {
    const { events } = run('harvester', '  - { at: 12m, do: managementOutage, duration: 30m }\n');
    const starts = ['vm.migration.start', 'host.maintenance.enter', 'host.maintenance.start', 'host.maintenance.end'];
    const during = events.filter((e) => e.t > 12 * MIN && e.t < 42 * MIN && starts.includes(e.type));
    expect(during).toEqual([]);
    const resumed = events.filter((e) => e.type === 'management.operation.resume');
    expect(resumed.length).toBeGreaterThan(0);
    for (const e of resumed) expect(e.t).toBe(42 * MIN);
  });

  it('keeps a host whose work ended in maintenance until the plane is back', () => {
    // h-01's 20 minutes of work end around 30m; the plane is down from 25m to 50m.
    const { events, summary } = run('vsphere', '  - { at: 25m, do: managementOutage, duration: 25m }\n');
    const end = events.find((e) => e.type === 'host.maintenance.end' && e.host === 'h-01')!;
    expect(end.t).toBe(50 * MIN);
    expect(summary.management.delayedOperations.byKind.maintenanceExit.count).toBe(1);
    expect(summary.management.delayedOperations.byKind.maintenanceExit.delaySeconds).toBeGreaterThan(0);
  });

  it('does not stop vSphere HA (FDM needs no vCenter) but holds Harvester restarts until the API returns', () => {
    const fail = '  - { at: 1m, do: managementOutage, duration: 2h }\n  - { at: 5m, do: failHost, host: h-04 }\n';
    const vsphere = run('vsphere', fail);
    const vBoots = vsphere.events.filter((e) => e.type === 'vm.boot' && e.reason === 'HA restart');
    expect(vBoots.length).toBeGreaterThan(0);
    for (const e of vBoots) expect(e.t).toBeLessThan(2 * 3_600_000);
    expect(vsphere.summary.management.delayedOperations.byKind.haRestart.count).toBe(0);

    const harvester = run('harvester', fail);
    const hBoots = harvester.events.filter((e) => e.type === 'vm.boot' && e.reason === 'HA restart');
    expect(hBoots.length).toBeGreaterThan(0);
    for (const e of hBoots) expect(e.t).toBeGreaterThanOrEqual(MIN + 2 * 3_600_000);
    expect(harvester.summary.management.delayedOperations.byKind.haRestart.count).toBe(hBoots.length);
  });

  it('counts overlapping outages once and stays down until the last one ends', () => {
    const { events, summary } = run('vsphere', '  - { at: 5m, do: managementOutage, duration: 30m }\n  - { at: 20m, do: managementOutage, duration: 30m }\n');
    expect(summary.management).toMatchObject({ outages: 2, outageSeconds: 45 * 60 });
    expect(events.find((e) => e.type === 'host.maintenance.enter')!.t).toBe(50 * MIN);
  });

  it('counts an operation still waiting at the end of the run until the end', () => {
    const { summary } = runScenario(scenarioFrom(cluster('vsphere', '  - { at: 5m, do: managementOutage, duration: 10h }\n')), { untilMs: 3_600_000 });
    expect(summary.management.outageSeconds).toBe(55 * 60);
    expect(summary.management.delayedOperations.byKind.maintenanceEnter).toEqual({ count: 1, delaySeconds: 50 * 60 });
  });

  it('on bare metal, which has none, is accepted with a warning saying what it stands for', () => {
    const loaded = loadScenarioText(cluster('baremetal', '  - { at: 5m, do: managementOutage, duration: 30m }\n'), 't.yaml');
    expect(loaded.ok).toBe(true);
    expect(loaded.warnings).toEqual([expect.objectContaining({ path: 'schedule.1.do', message: expect.stringMatching(/no management plane/) })]);
    expect(loadScenarioText(cluster('vsphere', '  - { at: 5m, do: managementOutage, duration: 30m }\n'), 't.yaml').warnings).toEqual([]);
  });
});
