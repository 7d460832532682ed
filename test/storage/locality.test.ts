// Data locality (Nutanix DSF): after a VM moves (live migration, HA restart), a copy of its disk
// follows it to its new node in the background, at policies.storage.dsf.localityMiBps; with
// dataLocality false the copies stay where they were laid out.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

type Ev = { type: string; t: number; [k: string]: unknown };

const cluster = (schedule: string, locality: boolean, extra = '') => `
name: t
platform: nutanix
until: 2d
hosts: [{ group: h, count: 5, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 2 } }]
vms: [{ group: v, count: 10, vcpus: 2, memoryGiB: 8, diskGiB: 50 }]
policies: { ha: { maintenanceMovesBack: false }, storage: { dsf: { dataLocality: ${locality} } } }
schedule:
  - ${schedule}
${extra}`;

// AHV migrates maintenance's VMs back to their node when it returns (policies.ha.maintenanceMovesBack),
// which brings most of them home to their data: off here, so that VMs stay where the drain put them.
const rollout = '{ at: 1h, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }';

/** Where each VM runs at the end (VMs down at the end left out), from the trace. */
function vmHosts(events: Ev[]): Map<string, string> {
  const hosts = new Map<string, string>();
  const down = new Set<string>();
  for (const e of events) {
    if (e.type === 'vm.place') hosts.set(String(e.vm), String(e.host));
    if (e.type === 'vm.migration.end') hosts.set(String(e.vm), String(e.to));
    if (e.type === 'vm.boot') hosts.set(String(e.vm), String(e.host));
    if (e.type === 'vm.down') down.add(String(e.vm));
    if (e.type === 'vm.up') down.delete(String(e.vm));
  }
  for (const vm of down) hosts.delete(vm);
  return hosts;
}

/** The hosts holding each set's copies at the end, replayed from the trace. */
function copyHosts(events: Ev[]): Map<string, Set<string>> {
  const copies = new Map<string, Set<string>>();
  const moving = new Map<string, string>();
  for (const e of events) {
    const set = String(e.set);
    if (e.type === 'storage.place') copies.set(set, new Set((e.copies as { host: string }[]).map((c) => c.host)));
    if (e.type === 'replica.localise') moving.set(`${set} ${e.to}`, String(e.from));
    if (e.type === 'replica.absent.expire' || e.type === 'replica.discard' || e.type === 'replica.destroy') copies.get(set)!.delete(String(e.host));
    if (e.type === 'replica.rebuild.end') {
      copies.get(set)!.add(String(e.to));
      const from = moving.get(`${set} ${e.to}`);
      if (e.kind === 'evacuate' && from !== undefined) copies.get(set)!.delete(from);
    }
    if (e.type === 'replica.rebuild.fail') moving.delete(`${set} ${e.to}`);
  }
  return copies;
}

function withoutLocalCopy(events: Ev[]): string[] {
  const copies = copyHosts(events);
  return [...vmHosts(events)].filter(([vm, host]) => !copies.get(vm)!.has(host)).map(([vm]) => vm);
}

describe('data locality (Nutanix DSF)', () => {
  it('moves a copy to the node each VM runs on after a rolling update, in the background', () => {
    const { summary, events } = runScenario(scenarioFrom(cluster(rollout, true)), { keepEvents: true, check: true });
    expect(vmHosts(events).size).toBe(10);
    expect(withoutLocalCopy(events)).toEqual([]);
    const moves = events.filter((e) => e.type === 'replica.localise');
    expect(moves.length).toBeGreaterThan(0);
    expect(summary.storage.copies.evacuations).toBeGreaterThan(0);
    expect(summary.storage.copies.rebuilds).toBe(0);
    // Each copy has RF2's two copies at the end, never three.
    for (const hosts of copyHosts(events).values()) expect(hosts.size).toBe(2);
  });

  it('leaves the copies where they were with dataLocality false: VMs that moved read remotely, and the figures differ', () => {
    const off = runScenario(scenarioFrom(cluster(rollout, false)), { keepEvents: true, check: true });
    const on = runScenario(scenarioFrom(cluster(rollout, true)), { keepEvents: true });
    expect(off.events.filter((e) => e.type === 'replica.localise')).toEqual([]);
    expect(off.summary.storage.copies.evacuations).toBe(0);
    expect(withoutLocalCopy(off.events).length).toBeGreaterThan(0);
    expect(on.summary.storage.copies.evacuations).toBeGreaterThan(0);
    expect(on.summary.storage.rebuiltGiB).toBeGreaterThan(off.summary.storage.rebuiltGiB);
    expect(on.summary.storage).not.toEqual(off.summary.storage);
  });

  it('moves at localityMiBps per VM, outside the rebuild slots, and drops the copy it read', () => {
    const text = cluster(rollout, true).replace('dataLocality: true', 'dataLocality: true, localityMiBps: 20');
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    expect(summary.parameters.policies.storage.dsf.localityMiBps).toBe(20);
    const ends = events.filter((e) => e.type === 'replica.rebuild.end' && e.kind === 'evacuate');
    expect(ends.length).toBeGreaterThan(0);
    // 50 GiB at 20 MiB/s: 2,560 s, never less (the cap), a little more when the NIC is shared.
    for (const e of ends) expect(Number(e.durationMs)).toBeGreaterThanOrEqual((50 * 1024 * 1000) / 20);
    expect(Math.min(...ends.map((e) => Number(e.durationMs)))).toBeLessThan(1.05 * (50 * 1024 * 1000) / 20);
    for (const move of events.filter((e) => e.type === 'replica.localise')) {
      const start = events.find((e) => e.type === 'replica.rebuild.start' && e.set === move.set && e.to === move.to && e.t === move.t)!;
      expect(start.from).toEqual([move.from]);
    }
  });

  it('moves a copy to the node HA restarted a VM on, once its set has been re-replicated', () => {
    const failure = '{ at: 1h, do: failHost, host: h-01, repairAfter: never }';
    const { summary, events } = runScenario(scenarioFrom(cluster(failure, true)), { keepEvents: true, check: true });
    const restarted = events.filter((e) => e.type === 'vm.boot').map((e) => String(e.vm));
    expect(restarted.length).toBeGreaterThan(0);
    expect(withoutLocalCopy(events)).toEqual([]);
    // Some restarted VM landed where neither copy was: its copy moved there.
    const moved = new Set(events.filter((e) => e.type === 'replica.localise').map((e) => String(e.vm)));
    expect(restarted.some((vm) => moved.has(vm))).toBe(true);
    expect(summary.storage.copies.rebuilds).toBeGreaterThan(0);
    // Re-replication comes first: no move starts while a set waits for its rebuild.
    for (const move of events.filter((e) => e.type === 'replica.localise')) {
      const ownRebuild = events.find((e) => e.type === 'replica.rebuild.end' && e.kind === 'rebuild' && e.set === move.set);
      if (ownRebuild) expect(move.t).toBeGreaterThanOrEqual(ownRebuild.t);
    }
  });
});
