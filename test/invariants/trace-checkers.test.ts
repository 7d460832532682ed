// Each trace checker, the summary check and liveness: silent on a real run's trace, and firing on
// the same trace broken by hand (or on a hand-written one).
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../sim/events/catalogue.ts';
import { checkLiveness, checkSummary, checkTrace, clock, livenessBound, lostVolumes, migrationLimits, vmConservation, type TraceChecker } from '../../sim/invariants/index.ts';
import { runScenario } from '../../sim/run.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { scenarioFrom } from '../support/scenario.ts';

const yaml = (schedule: string, extra = '') => `
name: t
platform: vsphere
hosts: [{ group: h, count: 4, cores: 16, memoryGiB: 128, nicGbps: 10, disks: { count: 1, sizeTiB: 1 } }]
vms: [{ group: v, count: 6, vcpus: 2, memoryGiB: 8, workingSetGiB: 1, diskGiB: 20 }]
storage: { kind: vsan, replicas: 2 }
${extra}
schedule:
${schedule}
`;

function run(text: string): { scenario: Scenario; events: SimEvent[]; result: ReturnType<typeof runScenario> } {
  const scenario = scenarioFrom(text);
  const result = runScenario(scenario, { keepEvents: true, check: true });
  expect(result.violations).toEqual([]);
  return { scenario, events: result.events as unknown as SimEvent[], result };
}

const rollout = run(yaml('  - { at: 10m, do: rollingMaintenance, hosts: "*", workDuration: 30m }'));
const failure = run(yaml('  - { at: 10m, do: failHost, host: h-01, repairAfter: 2h }'));

function firstFinding(checker: TraceChecker, events: readonly SimEvent[], scenario: Scenario) {
  const observer = checker.start(scenario.parameters);
  for (const e of events) {
    const f = observer.observe(e);
    if (f !== undefined) return f.message;
  }
  return undefined;
}

const at = (t: number, type: string, fields: object = {}) => ({ t, type, ...fields }) as unknown as SimEvent;

describe('trace checkers fire on a broken trace', () => {
  it('a real run passes every trace check, the summary check and liveness', () => {
    expect(checkTrace({ scenario: rollout.scenario, events: rollout.events, summary: rollout.result.summary })).toEqual([]);
    expect(checkTrace({ scenario: failure.scenario, events: failure.events, summary: failure.result.summary })).toEqual([]);
  });

  it('clock: an event earlier than the one before it', () => {
    const events = [...rollout.events];
    const i = events.findIndex((e) => e.type === 'vm.migration.end');
    events.splice(i + 1, 0, { ...events[i], t: events[i].t - 1 } as SimEvent);
    expect(firstFinding(clock, events, rollout.scenario)).toMatch(/^vm.migration.end at \d+ ms comes after an event at \d+ ms$/);
  });

  it('migrationLimits: one migration more out of a host than maxParallelOutboundPerHost allows', () => {
    const limit = rollout.scenario.parameters.policies.migration.maxParallelOutboundPerHost;
    expect(limit).toBeGreaterThan(0);
    const start = rollout.events[0];
    const starts = Array.from({ length: limit + 1 }, (_, i) => at(1000, 'vm.migration.start', { vm: `v-00${i + 1}`, from: 'h-01', to: `h-0${2 + (i % 3)}` }));
    expect(firstFinding(migrationLimits, [start, ...starts.slice(0, limit)], rollout.scenario)).toBeUndefined();
    expect(firstFinding(migrationLimits, [start, ...starts], rollout.scenario)).toMatch(new RegExp(`^(${limit + 1} migrations out of h-01, limit ${limit}|\\d+ migrations at once, limit \\d+ per cluster|\\d+ migrations touch h-01, limit \\d+)$`));
  });

  it('lostVolumes: a lost volume that reports another health, and a VM booting from a lost volume', () => {
    const start = rollout.events[0];
    const lost = at(5000, 'volume.health', { health: 'lost', from: 'inaccessible', volumes: ['v-001'] });
    expect(firstFinding(lostVolumes, [start, lost, at(6000, 'volume.health', { health: 'degraded', from: 'lost', volumes: ['v-001'] })], rollout.scenario)).toBe('volume v-001 came back from lost to degraded');
    expect(firstFinding(lostVolumes, [start, lost, at(6000, 'vm.boot', { vm: 'v-001', host: 'h-02', reason: 'HA restart' })], rollout.scenario)).toBe('v-001 boots on h-02 from its lost volume');
    expect(firstFinding(lostVolumes, [start, lost, at(6000, 'vm.boot', { vm: 'v-002', host: 'h-02', reason: 'HA restart' })], rollout.scenario)).toBeUndefined();
  });

  it('lostVolumes: a VM that serves on after its volume is lost, and one live-migrated with its volume lost', () => {
    const start = rollout.events[0];
    const place = at(0, 'vm.place', { vm: 'v-001', host: 'h-01', reason: 'initial' });
    const lost = at(5000, 'volume.health', { health: 'lost', from: 'healthy', volumes: ['v-001'] });
    const down = at(5000, 'vm.down', { vm: 'v-001', host: 'h-01', reason: 'its volume is lost', volume: 'lost' });
    const later = at(6000, 'host.cpu', { host: 'h-02' });
    expect(firstFinding(lostVolumes, [start, place, lost, later], rollout.scenario)).toBe('v-001 still serves at 6 s, its volume lost at 5 s (no vm.down)');
    expect(firstFinding(lostVolumes, [start, place, lost, down, later], rollout.scenario)).toBeUndefined();
    const migrate = at(6000, 'vm.migration.start', { vm: 'v-001', from: 'h-01', to: 'h-02' });
    expect(firstFinding(lostVolumes, [start, place, lost, down, migrate], rollout.scenario)).toBe('v-001 starts a live migration with its volume lost');
  });

  it('vmConservation: a VM no run.start listed, a VM placed twice, and an outage that closes twice', () => {
    const events = failure.events;
    expect(firstFinding(vmConservation, [...events.slice(0, 3), at(1, 'vm.up', { vm: 'v-999', host: 'h-01' })], failure.scenario)).toBe('vm.up names v-999, a VM run.start did not list');
    const place = events.find((e) => e.type === 'vm.place')!;
    expect(firstFinding(vmConservation, [...events.slice(0, 20), place], failure.scenario)).toBe(`${(place as { vm: string }).vm} placed initially a second time`);
    const up = events.find((e) => e.type === 'vm.up')!;
    const i = events.indexOf(up);
    expect(firstFinding(vmConservation, [...events.slice(0, i + 1), up], failure.scenario)).toBe(`${(up as { vm: string }).vm} comes up while it is serving`);
  });

  it('summary: a figure that the trace does not bear out', () => {
    const summary = structuredClone(rollout.result.summary);
    expect(checkSummary(summary, rollout.events)).toEqual([]);
    summary.migrations.completed += 1;
    summary.traceHash = '0000000000000000';
    expect(checkSummary(summary, rollout.events).map((f) => f.message)).toEqual([
      `summary traceHash is "0000000000000000", the trace says "${rollout.result.traceHash}"`,
      `summary migrations.completed is ${rollout.result.summary.migrations.completed + 1}, the trace says ${rollout.result.summary.migrations.completed}`,
    ]);
  });
});

describe('liveness after the last repair', () => {
  it('derives its bound from the scenario: last repair + replica wait + HA + twice the largest host rebuilt at the slowest rate + 15 min', () => {
    const bound = livenessBound(failure.scenario, failure.events);
    const p = failure.scenario.parameters.policies;
    expect(bound.notApplicable).toBeUndefined();
    // The host is repaired 2 h after failing at 10 min.
    expect(bound.lastRepairMs).toBe((10 + 120) * 60_000);
    expect(bound.parts.replicaWaitMs).toBe(p.storage.repairDelay * 1000);
    expect(bound.parts.haMs).toBe(1000 * (p.ha.detectionSeconds + p.ha.restartDelaySeconds + p.vm.shutdownSeconds + p.vm.bootSeconds));
    // Largest host: one 1 TiB disk; six 20 GiB volumes x 2 copies = 240 GiB is less. 10 Gb/s = 1.25e9 B/s, twice.
    expect(bound.parts.rebuildMs).toBe(2 * Math.ceil((1000 * 240 * 2 ** 30) / 1.25e9));
    expect(bound.boundMs).toBe(bound.lastRepairMs + bound.parts.replicaWaitMs + bound.parts.haMs + bound.parts.rebuildMs + 15 * 60_000);
  });

  it('fires when a VM is still down after the bound, or a volume still degraded', () => {
    expect(checkLiveness(failure.scenario, failure.events)).toBeUndefined();
    // Drop every vm.up after the failure: the VMs of the failed host never serve again.
    const failedAt = failure.events.find((e) => e.type === 'host.fail')!.t;
    const neverUp = failure.events.filter((e) => !(e.type === 'vm.up' && e.t > failedAt));
    expect(checkLiveness(failure.scenario, neverUp)?.message).toMatch(/^\d+ VMs still out \(v-\d+.*\) at [\d.]+s \(last repair at 7800s \+ replica wait/);
    // Drop the volume.health events that brought the volumes back to healthy.
    const neverHealthy = failure.events.filter((e) => !(e.type === 'volume.health' && e.health === 'healthy' && e.t > failedAt));
    expect(checkLiveness(failure.scenario, neverHealthy)?.message).toMatch(/^\d+ volumes not fully redundant \(v-\d+ degraded/);
  });

  it('does not apply where capacity cannot come back: a host never repaired, or random failures', () => {
    const never = run(yaml('  - { at: 10m, do: failHost, host: h-01 }', 'until: 1d'));
    expect(livenessBound(never.scenario, never.events).notApplicable).toBe('h-01 fails and is never repaired');
    expect(checkLiveness(never.scenario, never.events.filter((e) => e.type !== 'vm.up'))).toBeUndefined();
  });

  it('does not apply to Ceph when a rack cannot hold a whole copy under backfillfull (found by an exploration run, seed 777)', () => {
    // Racks 2 and 3 are one host of 2 x 0.5 TiB each for a copy of 840 GiB: 82 % on average, above 0.9 on one OSD.
    const text = `
name: racks
platform: openstack
until: 1d
hosts:
  - { group: r1h, count: 2, rack: rack1, cores: 32, memoryGiB: 256, disks: { count: 2, sizeTiB: 0.5 } }
  - { group: r2h, count: 1, rack: rack2, cores: 32, memoryGiB: 256, disks: { count: 2, sizeTiB: 0.5 } }
  - { group: r3h, count: 1, rack: rack3, cores: 32, memoryGiB: 256, disks: { count: 2, sizeTiB: 0.5 } }
storage: { kind: ceph, replicas: 3 }
vms:
  - { group: v, count: 4, vcpus: 1, memoryGiB: 2, diskGiB: 10 }
  - { group: aa, count: 4, vcpus: 1, memoryGiB: 2, diskGiB: 200 }
schedule:
  - { at: 0m, do: failHost, host: r3h-01, disks: lost, repairAfter: 5m }
`;
    const r = run(text);
    expect(livenessBound(r.scenario, r.events).notApplicable).toMatch(/^rack rack2 must hold a whole copy \(840 GiB\) in 1024 GiB/);
  });
});
