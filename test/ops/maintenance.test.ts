import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const cluster = (platform: string, extra = '') => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 3, cores: 16, memoryGiB: 128, nicGbps: 10 }]
vms: [{ group: v, count: 6, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 10, workingSetGiB: 1 }]
${extra}
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }
`;

describe('rolling maintenance', () => {
  it('drains every host in name order, one at a time, with live migration on shared storage', () => {
    const { summary, events } = runScenario(scenarioFrom(cluster('vsphere')), { keepEvents: true, check: true });
    const starts = events.filter((e) => e.type === 'host.maintenance.start').map((e) => e.host);
    expect(starts).toEqual(['h-01', 'h-02', 'h-03']);
    expect(summary.maintenance.hostsCompleted).toBe(3);
    expect(summary.maintenance.stalled).toBe(false);
    expect(summary.migrations.failed).toBe(0);
    expect(summary.migrations.completed).toBe(summary.migrations.started);
    // Only sub-second stop-and-copy pauses: no VM is ever down.
    expect(events.some((e) => e.type === 'vm.down')).toBe(false);
    expect(summary.vms.downtimeSeconds.max).toBeLessThan(1);
    // Each host is away for its work; with concurrency 1 the windows never overlap.
    const windows = events.filter((e) => e.type.startsWith('host.maintenance.'));
    let inWork = 0;
    for (const e of windows) {
      if (e.type === 'host.maintenance.start') inWork++;
      if (e.type === 'host.maintenance.end') inWork--;
      expect(inWork).toBeLessThanOrEqual(1);
    }
  });

  it('makespan is the sum of each host evacuation plus its work when hosts go one at a time', () => {
    const { summary, events } = runScenario(scenarioFrom(cluster('vsphere')), { keepEvents: true });
    const start = events.find((e) => e.type === 'maintenance.start')!.t;
    const lastEnd = events.filter((e) => e.type === 'host.maintenance.end').at(-1)!.t;
    expect(summary.maintenance.makespanSeconds).toBeCloseTo((lastEnd - start) / 1000, 3);
    const work = events.filter((e) => e.type === 'host.maintenance.start').length * 20 * 60;
    expect(summary.maintenance.makespanSeconds).toBeGreaterThan(work);
  });

  it('powers VMs on local storage off for the work and boots them on the same host afterwards', () => {
    const yaml = cluster('vsphere', 'storage: { kind: local, replicas: 1 }');
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(summary.migrations.started).toBe(0);
    const downs = events.filter((e) => e.type === 'vm.down');
    expect(downs.length).toBe(6);
    for (const d of downs) {
      const up = events.find((e) => e.type === 'vm.up' && e.vm === d.vm)!;
      expect(up.host).toBe(d.host);
    }
    // shutdown + work + boot for every VM (profile: 30 s + 20 min + 60 s)
    const p = summary.parameters.policies.vm;
    expect(summary.vms.downtimeSeconds.max).toBeCloseTo(p.shutdownSeconds + 20 * 60 + p.bootSeconds, 0);
    expect(summary.vms.restarts).toBe(6);
  });

  it('cold-migrates on a platform without live migration when storage is shared', () => {
    const yaml = cluster('baremetal', 'storage: { kind: none, replicas: 1 }');
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(summary.migrations.started).toBe(0);
    const places = events.filter((e) => e.type === 'vm.place' && e.reason === 'cold migration');
    expect(places.length).toBe(summary.vms.restarts);
    // Each move is one shutdown and one boot; a VM may move twice (its new host's turn comes later).
    const p = summary.parameters.policies.vm;
    for (const down of events.filter((e) => e.type === 'vm.down')) {
      const up = events.find((e) => e.type === 'vm.up' && e.vm === down.vm && e.t > down.t)!;
      expect(up.t - down.t).toBe((p.shutdownSeconds + p.bootSeconds) * 1000);
      expect(up.host).not.toBe(down.host);
    }
  });

  it('stalls with a reason when the other hosts cannot take the VMs', () => {
    const yaml = `
name: t
platform: vsphere
hosts: [{ group: h, count: 2, cores: 16, memoryGiB: 128, nicGbps: 10 }]
vms: [{ group: v, count: 20, vcpus: 2, memoryGiB: 8 }]
storage: { kind: none }
policies: { ha: { enabled: false } }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }
`;
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true, untilMs: 86_400_000 });
    expect(summary.maintenance.stalled).toBe(true);
    expect(summary.maintenance.hostsCompleted).toBe(0);
    const stall = events.find((e) => e.type === 'maintenance.stall')!;
    expect(stall.host).toBe('h-01');
    expect(String(stall.reason)).toMatch(/memory/);
    expect(summary.maintenance.stalls[0].reason).toMatch(/memory/);
  });

  it('keeps anti-affinity while evacuating: the rollout stalls rather than co-locate the group', () => {
    const yaml = `
name: t
platform: vsphere
hosts: [{ group: h, count: 3, cores: 16, memoryGiB: 128, nicGbps: 10 }]
vms: [{ group: db, count: 3, vcpus: 2, memoryGiB: 8, antiAffinity: db }]
policies: { ha: { enabled: false } }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }
`;
    const { summary } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true, untilMs: 86_400_000 });
    expect(summary.maintenance.stalled).toBe(true);
    expect(summary.maintenance.stalls[0].reason).toMatch(/anti-affinity/);
  });

  it('holds new drains during a management outage and resumes when it ends', () => {
    const yaml = cluster('vsphere').replace('schedule:', 'schedule:\n  - { at: 5m, do: managementOutage, duration: 2h }');
    const { events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    const firstDrain = events.find((e) => e.type === 'host.maintenance.enter')!;
    expect(firstDrain.t).toBe(5 * 60_000 + 2 * 3_600_000);
  });
});

describe('maintenance waits in the summary', () => {
  it('keeps every wait of a drain, back to back, and totals them per drain by storage and other', () => {
    const file = 'scenarios/harvester-firmware-rollout.yaml';
    const { summary } = runScenario(scenarioFrom(readFileSync(file, 'utf8'), file));
    const { stalls, drains } = summary.maintenance;
    const waits = stalls.filter((s) => s.host === 'node-04');
    expect(waits.length).toBeGreaterThan(1);
    for (let i = 1; i < waits.length; i++) expect(waits[i - 1].resolvedAtSeconds).toBe(waits[i].atSeconds);
    const drain = drains.find((d) => d.host === 'node-04')!;
    const waited = waits.reduce((a, s) => a + (s.resolvedAtSeconds! - s.atSeconds), 0);
    expect(drain.outcome).toBe('entered');
    expect(drain.storageWaitSeconds).toBeCloseTo(waited, 3);
    expect(drain.storageWaitSeconds).toBeGreaterThan(3600);
    expect(drain.otherWaitSeconds).toBe(0);
    expect(drain.drainSeconds).toBeGreaterThanOrEqual(drain.storageWaitSeconds);
    expect(drains.filter((d) => d.outcome === 'entered')).toHaveLength(summary.maintenance.hostsCompleted);
  });

  it('ends a storage wait when the storage is ready and blames a management outage that then holds the drain on the plane', () => {
    // esx-02 enters at 4,895.7 s behind vSAN resyncs; vCenter goes down at 4,950 s for an hour, and
    // the migrations still to start off esx-02 wait for it from 4,957.5 s until 8,550 s.
    const file = 'scenarios/vcenter-outage-during-rollout.yaml';
    const { summary, events } = runScenario(scenarioFrom(readFileSync(file, 'utf8'), file), { keepEvents: true, check: true });
    const waits = summary.maintenance.stalls.filter((s) => s.host === 'esx-02');
    expect(waits.map((w) => w.reason.split(':')[0])).toEqual(['storage', 'management']);
    const [storage, management] = waits;
    expect(storage.resolvedAtSeconds! - storage.atSeconds).toBeLessThan(60);
    expect(management.atSeconds).toBeCloseTo(4957.518, 3);
    expect(management.resolvedAtSeconds).toBe(8550);
    const ended = events.filter((e) => e.type === 'maintenance.stall.end' && e.host === 'esx-02').map((e) => e.t / 1000);
    expect(ended).toEqual([storage.resolvedAtSeconds, 8550]);
    const drain = summary.maintenance.drains.find((d) => d.host === 'esx-02')!;
    expect(drain.storageWaitSeconds).toBeCloseTo(storage.resolvedAtSeconds! - storage.atSeconds, 3);
    expect(drain.managementWaitSeconds).toBeCloseTo(8550 - 4957.518, 3);
    expect(drain.otherWaitSeconds).toBe(0);
    expect(drain.drainSeconds).toBeGreaterThan(drain.storageWaitSeconds + drain.managementWaitSeconds);
    // Without an outage no drain waits on the plane.
    for (const d of summary.maintenance.drains) if (d.host !== 'esx-02') expect(d.managementWaitSeconds).toBe(0);
  });
});

describe('a rollout of several hosts at once', () => {
  it('never evacuates a VM onto another host of the same batch', () => {
    const text = `
name: t
platform: vsphere
storage: { kind: none }
until: 6h
hosts: [{ group: esx, count: 5, cores: 32, memoryGiB: 256, nicGbps: 10 }]
vms: [{ group: web, count: 20, vcpus: 2, memoryGiB: 8 }]
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: "esx-*", concurrency: 2, workDuration: 20m }
`;
    const { events, violations } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    expect(violations).toEqual([]);
    const batch = new Set(['esx-01', 'esx-02']);
    const firstWave = events.filter((e) => e.type === 'vm.migration.start' && batch.has(String(e.from)) && e.t < 2 * 3_600_000);
    expect(firstWave.length).toBeGreaterThan(0);
    for (const m of firstWave) expect(batch.has(String(m.to)), `${m.vm} ${m.from} -> ${m.to}`).toBe(false);
  });
});
