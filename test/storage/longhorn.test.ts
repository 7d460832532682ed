import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../sim/core/trace.ts';
import { runScenario } from '../../sim/run.ts';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { scenarioFrom } from '../support/scenario.ts';

const MiB = 2 ** 20;

const harvester = (nodes: number, schedule: string, extra = '') => `
name: t
platform: harvester
hosts: [{ group: n, count: ${nodes}, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 2 } }]
vms: [{ group: v, count: 6, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 50, diskWriteMiBps: 2 }]
${extra}
schedule:
${schedule}
`;

const of = (events: TraceEvent[], type: string) => events.filter((e) => e.type === type);

describe('Longhorn', () => {
  it('places 3 replicas of every volume on 3 different nodes', () => {
    const { events } = runScenario(scenarioFrom(harvester(4, '  []')), { keepEvents: true, check: true });
    const places = of(events, 'storage.place');
    expect(places.length).toBe(6);
    for (const p of places) {
      const hosts = (p.copies as { host: string }[]).map((c) => c.host);
      expect(new Set(hosts).size).toBe(3);
    }
  });

  it('with fewer nodes than replicas the volume is degraded from the start and validation warns', () => {
    const yaml = harvester(2, '  []');
    const loaded = loadScenarioText(yaml, 't.yaml');
    expect(loaded.ok && loaded.warnings.some((w) => /only 2 hosts: volumes stay degraded/.test(w.message))).toBe(true);
    const { summary, events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true, untilMs: 3_600_000 });
    expect(of(events, 'storage.unplaced').length).toBe(6);
    expect(summary.storage.degradedVolumeHours).toBeCloseTo(6, 6);
  });

  it('waits replica-replenishment-wait-interval after a node failure, then rebuilds from one source at the stream rate', () => {
    const { summary, events } = runScenario(scenarioFrom(harvester(4, '  - { at: 1h, do: failHost, host: n-01, repairAfter: 3d }')), { keepEvents: true, check: true });
    const fail = of(events, 'host.fail')[0];
    const starts = of(events, 'replica.rebuild.start').filter((e) => e.kind === 'rebuild');
    expect(starts.length).toBeGreaterThan(0);
    for (const s of starts) {
      expect(s.t - fail.t).toBeGreaterThanOrEqual(600_000);
      expect((s.from as string[]).length).toBe(1);
    }
    // Nothing else competes on the storage path: each full rebuild takes its data over 58 MiB/s.
    const ends = of(events, 'replica.rebuild.end').filter((e) => e.kind === 'rebuild');
    const rate = summary.parameters.policies.storage.rebuildStreamMiBps * MiB;
    for (const e of ends) expect(e.durationMs as number).toBeCloseTo(((e.bytes as number) / rate) * 1000, -1);
    expect(summary.storage.volumesLost).toBe(0);
  });

  it('reuses a replica whose node returns within the wait: only the writes it missed are copied', () => {
    const { events } = runScenario(scenarioFrom(harvester(4, '  - { at: 1h, do: failHost, host: n-01, repairAfter: 5m }')), { keepEvents: true, check: true });
    expect(of(events, 'replica.rebuild.start').filter((e) => e.kind === 'rebuild').length).toBe(0);
    const resyncs = of(events, 'replica.rebuild.end').filter((e) => e.kind === 'resync');
    expect(resyncs.length).toBeGreaterThan(0);
    // 5 minutes away at 2 MiB/s of writes: 600 MiB each.
    for (const r of resyncs) expect(r.bytes as number).toBeCloseTo(300 * 2 * MiB, -3);
  });

  it('a reused replica is hashed whole on both sides before its missed writes are sent (delta rebuild)', () => {
    const run = (longhorn: string) => {
      const yaml = harvester(4, '  - { at: 1h, do: failHost, host: n-01, repairAfter: 5m }', `policies: { storage: { longhorn: { ${longhorn} } } }`);
      return of(runScenario(scenarioFrom(yaml), { keepEvents: true, check: true }).events, 'replica.rebuild.end').filter((e) => e.kind === 'resync');
    };
    // 50 GiB read and SHA-512-compared at 100 MiB/s: 512 s; then 300 s x 2 MiB/s = 600 MiB at 58 MiB/s: 10.34 s.
    const delta = run('reuseHashMiBps: 100');
    expect(delta.length).toBeGreaterThan(0);
    for (const r of delta) {
      expect(r.bytes as number).toBeCloseTo(600 * MiB, -3);
      expect(r.durationMs as number).toBeCloseTo(512_000 + (600 / 58) * 1000, -2);
    }
    // Snapshots whose checksums match are skipped (fast-replica-rebuild-enabled): only the transfer is left.
    for (const r of run('checksummedSnapshotPercent: 100')) expect(r.durationMs as number).toBeCloseTo((600 / 58) * 1000, -2);
    // A quarter of the data in checksummed snapshots: 37.5 GiB compared, 384 s.
    for (const r of run('checksummedSnapshotPercent: 25')) expect(r.durationMs as number).toBeCloseTo(384_000 + (600 / 58) * 1000, -2);
    // With fast-replica-rebuild-enabled false every snapshot is compared, checksums or not.
    for (const r of run('checksummedSnapshotPercent: 100, fastReplicaRebuild: false')) expect(r.durationMs as number).toBeCloseTo(512_000 + (600 / 58) * 1000, -2);
  });

  it('a reused replica that missed no write is still compared before it serves again', () => {
    const yaml = harvester(4, '  - { at: 1h, do: failHost, host: n-01, repairAfter: 5m }').replace('diskWriteMiBps: 2', 'diskWriteMiBps: 0');
    const { events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    const resyncs = of(events, 'replica.rebuild.end').filter((e) => e.kind === 'resync');
    expect(resyncs.length).toBeGreaterThan(0);
    // The default reuseHashMiBps (100 MiB/s): 50 GiB in 512 s, nothing to send.
    for (const r of resyncs) {
      expect(r.bytes).toBe(0);
      expect(r.durationMs).toBe(512_000);
    }
  });

  it('never runs more than concurrent-replica-rebuild-per-node-limit rebuilds into one node', () => {
    const yaml = harvester(4, '  - { at: 1h, do: failHost, host: n-01, repairAfter: 3d }').replace('count: 6, vcpus: 2', 'count: 40, vcpus: 1').replace('memoryGiB: 8, workingSetGiB', 'memoryGiB: 2, workingSetGiB');
    const { events, violations } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
    expect(violations).toEqual([]);
    const running = new Map<string, number>();
    let peak = 0;
    for (const e of events) {
      if (e.type === 'replica.rebuild.start') running.set(e.to as string, (running.get(e.to as string) ?? 0) + 1);
      if (e.type === 'replica.rebuild.end' || e.type === 'replica.rebuild.fail') running.set(e.to as string, running.get(e.to as string)! - 1);
      peak = Math.max(peak, ...running.values());
    }
    expect(peak).toBe(5);
  });

  it('blocks a drain that would take the last healthy replica (node-drain-policy)', () => {
    const yaml = harvester(3, '  - { at: 1h, do: rollingMaintenance, hosts: "n-*", concurrency: 1, workDuration: 15m }', 'storage: { replicas: 1 }');
    const { summary } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true, untilMs: 86_400_000 });
    expect(summary.maintenance.stalled).toBe(true);
    expect(summary.maintenance.stalls[0].reason).toMatch(/last healthy replica/);
  });

  it('rebuild traffic shares the NIC with live migrations and slows them', () => {
    const base = (fail: string) =>
      harvester(4, `${fail}  - { at: 2h, do: rollingMaintenance, hosts: "n-04", concurrency: 1, workDuration: 15m }`, 'policies: { storage: { rebuildStreamMiBps: 0 } }');
    const quiet = runScenario(scenarioFrom(base('')), { keepEvents: true });
    const busy = runScenario(scenarioFrom(base('  - { at: 6540s, do: failHost, host: n-01, repairAfter: 3d }\n')), { keepEvents: true });
    const mean = (r: typeof quiet) => r.summary.migrations.durationSeconds.mean;
    expect(of(busy.events, 'replica.rebuild.start').some((e) => e.t < of(busy.events, 'vm.migration.start')[0].t + 1000)).toBe(true);
    expect(mean(busy)).toBeGreaterThan(mean(quiet) * 1.1);
  });

  it('Harvester\'s own upgrade raises the replica wait to 1800 s, so 15-minute node work resyncs instead of rebuilding', () => {
    const rollout = (mode: string) => harvester(4, `  - { at: 1h, do: rollingMaintenance, hosts: "n-*", workDuration: 15m, mode: ${mode} }`) + 'until: 1d\n';
    const manual = runScenario(scenarioFrom(rollout('manual')), { check: true }).summary;
    const upgrade = runScenario(scenarioFrom(rollout('upgrade')), { check: true }).summary;
    expect(manual.maintenance.hostsCompleted).toBe(4);
    expect(upgrade.maintenance.hostsCompleted).toBe(4);
    // Manual maintenance keeps the 600 s wait: each node's replicas are rebuilt in full elsewhere.
    expect(manual.storage.copies.rebuilds).toBeGreaterThan(0);
    // The upgrade's 1800 s wait outlasts the 15 minutes: returning replicas only resync.
    expect(upgrade.storage.copies.rebuilds).toBe(0);
    expect(upgrade.storage.copies.resyncs).toBeGreaterThan(0);
    expect(upgrade.storage.rebuiltGiB).toBeLessThan(manual.storage.rebuiltGiB);
  });
});
