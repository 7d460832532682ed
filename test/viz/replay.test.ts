import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEvent } from '../../viz/src/replay/reduce.ts';
import { Replay } from '../../viz/src/replay/replay.ts';
import { emptyState, type ReplayState, type TraceEvent } from '../../viz/src/replay/state.ts';
import { traceOf } from './trace.ts';

const rollout = traceOf('scenarios/vsphere-firmware-rollout.yaml');
const haFailure = traceOf('scenarios/vsphere-ha-host-failure.yaml');
const longhorn = traceOf('scenarios/longhorn-node-failure.yaml');

function fromZero(events: readonly TraceEvent[], t: number): ReplayState {
  const s = emptyState();
  for (const e of events) {
    if (e.t > t) break;
    applyEvent(s, e);
  }
  return s;
}

function replayOf(events: readonly TraceEvent[], keyframeEvery: number): Replay {
  const r = new Replay(keyframeEvery);
  // In uneven pieces, as the worker's batches arrive.
  for (let i = 0; i < events.length; i += 777) r.append(events.slice(i, i + 777));
  return r;
}

describe('Replay', () => {
  for (const [name, events] of [['rollout', rollout], ['HA failure', haFailure], ['Longhorn node failure', longhorn]] as const) {
    it(`seeking to a random time of the ${name} trace gives the state a replay from zero gives`, () => {
      const replay = replayOf(events, 64);
      const end = events[events.length - 1].t;
      fc.assert(
        fc.property(fc.double({ min: -1, max: end + 1, noNaN: true }), (t) => {
          expect(replay.stateAt(t)).toEqual(fromZero(events, t));
        }),
        { numRuns: 40, seed: 7 },
      );
    });
  }

  it('keeps one keyframe per keyframeEvery events, plus the empty state', () => {
    const replay = replayOf(rollout, 100);
    expect(replay.keyframes.length).toBe(Math.floor(rollout.length / 100) + 1);
    expect(replay.keyframes.every((k, i) => k.index === i * 100)).toBe(true);
  });

  it('plays forward from a seeked state to the same state as seeking there', () => {
    const replay = replayOf(rollout, 50);
    const state = replay.stateAt(3600);
    replay.forward(state, replay.countAt(9000));
    expect(state).toEqual(replay.stateAt(9000));
  });

  it('counts the rollout: every host out once, migrations in flight back to zero, no VM down', () => {
    const replay = replayOf(rollout, 200);
    const peak = (key: 'hostsOut' | 'migrations' | 'vmsDown') => Math.max(...replay.series.map((p) => p.counts[key]));
    expect(peak('hostsOut')).toBe(1);
    expect(peak('migrations')).toBeGreaterThan(1);
    expect(peak('vmsDown')).toBe(0);
    const end = replay.stateAt(replay.endT);
    expect(end.counts).toMatchObject({ migrations: 0, rebuilds: 0, hostsOut: 0, degraded: 0 });
    expect([...end.vmState.values()].every((s) => s === 'up')).toBe(true);
  });

  it('marks the HA failure and counts the VMs it took down', () => {
    const replay = replayOf(haFailure, 200);
    expect(replay.markers.some((m) => m.kind === 'failure')).toBe(true);
    expect(Math.max(...replay.series.map((p) => p.counts.vmsDown))).toBeGreaterThan(0);
  });

  it('marks a schedule entry that never ran, with why', () => {
    // Anchored to a disk failure nothing causes: it validates with a warning and never runs.
    const events = traceOf('never.yaml', 1, `name: never
platform: vsphere
until: 2h
hosts: [{ group: esx, count: 3 }]
vms: [{ group: app, count: 3, memoryGiB: 8 }]
schedule:
  - { at: { after: disk.fail, host: esx-02, plus: 5m }, do: failHost, host: esx-01 }
`);
    const replay = replayOf(events, 200);
    expect(replay.markers.find((m) => m.label.startsWith('schedule.0 (failHost) never ran: '))?.kind).toBe('stall');
  });

  it('keeps each data copy in the copy lists: as many copies as replicas once the run has settled', () => {
    const replay = replayOf(rollout, 200);
    const end = replay.stateAt(replay.endT);
    expect([...end.copies.values()].every((c) => c.length === 2)).toBe(true);
  });

  it('finds the decision that placed a VM', () => {
    const replay = replayOf(rollout, 200);
    const decision = replay.decisionAt('app-001', 1_000_000);
    expect(decision?.type).toMatch(/^vm\.(place|migration\.start)$/);
  });

  it('keeps the in-service memory and vCPU totals equal to a recount of the state, at any time', () => {
    for (const events of [rollout, haFailure]) {
      const replay = replayOf(events, 100);
      const end = events[events.length - 1].t;
      fc.assert(
        fc.property(fc.double({ min: 0, max: end, noNaN: true }), (t) => {
          const s = replay.stateAt(t);
          const up = new Set(s.cluster.hosts.filter((h) => s.hosts.get(h.id) === 'up').map((h) => h.id));
          const placed = s.cluster.vms.filter((v) => up.has(s.vmHost.get(v.id) ?? ''));
          expect(s.counts.memoryUsedGiB).toBe(placed.reduce((n, v) => n + v.memoryGiB, 0));
          expect(s.counts.vcpus).toBe(placed.reduce((n, v) => n + v.vcpus, 0));
          expect(s.counts.memoryCapacityGiB).toBe(s.cluster.hosts.filter((h) => up.has(h.id)).reduce((n, h) => n + h.memoryGiB, 0));
        }),
        { numRuns: 30, seed: 11 },
      );
    }
  });
});
