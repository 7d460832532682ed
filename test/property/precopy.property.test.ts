// Pre-copy properties on a real Engine and Network: with a constant dirty rate D below the link rate
// R and an unbounded working set, the simulated rounds follow the geometric series of
// platform-facts §6.1 up to the millisecond rounding of the clock; and under any platform's rules a
// migration ends exactly once, leaves no flow or timer behind, never pauses longer than allowed
// when it converges, and never resends more than the working set.
import type { Events } from '../../sim/events/catalogue.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../sim/core/engine.ts';
import { Network } from '../../sim/model/network.ts';
import { startPreCopy, type PreCopyOutcome } from '../../sim/ops/precopy.ts';
import type { MigrationParameters } from '../../sim/platforms/parameters.ts';

const GiB = 2 ** 30;

const base: MigrationParameters = {
  live: true, withLocalDisks: false, maxParallelPerCluster: 5, maxParallelOutboundPerHost: 2, maxParallelPerHost: 0,
  maxParallelPerHostSlowNic: 0, bandwidthMiBps: 0, tunnel: 'none', sshTunnelMiBps: 0, network: 'main', maxDowntimeMs: 300, downtimeRampSteps: 0,
  downtimeRampDelayPerGiBSeconds: 0, downtimeEscalationRises: 0, completionTimeoutPerGiBSeconds: 0, completionDataUnit: 'GiB',
  completionDataMinGiB: 0, progressTimeoutSeconds: 0, allowPostCopy: false, allowAutoConverge: false,
  allowWorkloadDisruption: false,
  workloadDisruptionFollowsPostCopy: false, autoConvergeInitialPercent: 20, autoConvergeStepPercent: 10,
  autoConvergeMaxPercent: 99, autoConvergeTriggerRatio: 0.5, stunDuringPageSend: false,
  sdpsDirtyToSendRatio: 0.8, maxSwitchoverSeconds: 0, setupSeconds: 0, preCopyRoundsMax: 2000,
  retryInitialSeconds: 20, retryFactor: 2, retriesMax: 5,
};

/** The three platforms' rules (platform-facts §1.4, §4.5, §5.1), with each option drawn at random. */
const platformParams = fc.oneof(
  fc.record({ allowPostCopy: fc.boolean(), allowWorkloadDisruption: fc.boolean(), allowAutoConverge: fc.boolean() }).map(
    (o): MigrationParameters => ({ ...base, ...o, completionTimeoutPerGiBSeconds: 150, completionDataUnit: 'GB-ceil', progressTimeoutSeconds: 150 }),
  ),
  fc.record({ maxSwitchoverSeconds: fc.constantFrom(1, 100) }).map(
    (o): MigrationParameters => ({ ...base, ...o, maxDowntimeMs: 500, stunDuringPageSend: true }),
  ),
  fc.record({ allowWorkloadDisruption: fc.boolean() }).map(
    (o): MigrationParameters => ({
      ...base, ...o, maxDowntimeMs: 500, downtimeRampSteps: 10, downtimeRampDelayPerGiBSeconds: 75,
      completionTimeoutPerGiBSeconds: 800, completionDataMinGiB: 2,
    }),
  ),
);

interface Migration {
  engine: Engine<Events>;
  network: Network;
  outcomes: PreCopyOutcome[];
  pauses: number;
  cancelled: PreCopyOutcome | undefined;
}

function migrate(p: MigrationParameters, memoryBytes: number, workingSetBytes: number, dirty: number, nic: number, cancelAtMs?: number): Migration {
  const engine = new Engine<Events>({ seed: 3 });
  const network = new Network(engine);
  network.addHost('a', nic);
  network.addHost('b', nic);
  const m: Migration = { engine, network, outcomes: [], pauses: 0, cancelled: undefined };
  const handle = startPreCopy(engine, network, {
    vmId: 'vm', src: 'a', dst: 'b', memoryBytes, workingSetBytes, params: p,
    dirtyBytesPerSec: () => dirty,
    onPause: () => m.pauses++,
    onEnd: (o) => m.outcomes.push(o),
  });
  if (cancelAtMs !== undefined) {
    engine.run(cancelAtMs);
    if (m.outcomes.length === 0) m.cancelled = handle.cancel();
  }
  engine.run();
  return m;
}

describe('pre-copy against the closed form of platform-facts §6.1', () => {
  it('takes n = ceil(log(V_thd/M)/log rho) rounds, sends M(1 - rho^(n+1))/(1 - rho) and pauses for M rho^n / R', () => {
    const cases = fc.record({
      memoryGiB: fc.integer({ min: 1, max: 64 }),
      rateMBps: fc.integer({ min: 100, max: 5000 }),
      rhoPercent: fc.integer({ min: 5, max: 80 }),
      maxDowntimeMs: fc.integer({ min: 200, max: 2000 }),
    });
    fc.assert(
      fc.property(cases, ({ memoryGiB, rateMBps, rhoPercent, maxDowntimeMs }) => {
        const M = memoryGiB * GiB;
        const R = rateMBps * 1e6;
        const rho = rhoPercent / 100;
        const D = rho * R;
        const vThd = (R * maxDowntimeMs) / 1000;
        fc.pre(vThd < M);
        const x = Math.log(vThd / M) / Math.log(rho);
        // Each round ends on the next whole ms, so the guest dirties a little more and the measured
        // rate is a little lower: both only delay convergence, by at most this much in x.
        const rel = (1 / maxDowntimeMs) * (1 / (1 - rho) + 1);
        const margin = (1.5 * rel) / Math.abs(Math.log(rho));
        fc.pre(Math.ceil(x + margin) === Math.ceil(x) && !Number.isInteger(x));
        const n = Math.ceil(x);
        const vMig = (M * (1 - rho ** (n + 1))) / (1 - rho);
        const downtimeMs = ((M * rho ** n) / R) * 1000;

        const m = migrate({ ...base, maxDowntimeMs, preCopyRoundsMax: 10_000 }, M, M, D, R);
        expect(m.outcomes).toHaveLength(1);
        const out = m.outcomes[0];
        if (!out.ok) throw new Error(`failed: ${out.reason}`);
        expect(out.rounds).toBe(n);
        const tolBytes = ((n + 1) * D * 0.001) / (1 - rho) + n + 1;
        expect(Math.abs(out.transferredBytes - vMig)).toBeLessThanOrEqual(tolBytes);
        expect(Math.abs(out.downtimeMs - downtimeMs)).toBeLessThanOrEqual(1 + rho / (1 - rho) + 1e-9);
        expect(Math.abs(out.durationMs - (vMig / R) * 1000)).toBeLessThanOrEqual(n + 2 + (tolBytes / R) * 1000);
      }),
      { numRuns: 200 },
    );
  });
});

describe('pre-copy under any platform rules', () => {
  const cases = fc.record({
    params: platformParams,
    memoryGiB: fc.integer({ min: 1, max: 32 }),
    workingSetPercent: fc.integer({ min: 1, max: 100 }),
    dirtyPercentOfLink: fc.integer({ min: 0, max: 200 }),
    nicGbps: fc.constantFrom(1, 10, 25),
    cancelAtS: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  });

  it('ends once (or is cancelled without onEnd), leaves nothing running, and keeps rounds within the working set', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const M = c.memoryGiB * GiB;
        const W = Math.round((M * c.workingSetPercent) / 100);
        const R = c.nicGbps * 1.25e8;
        const m = migrate(c.params, M, W, (R * c.dirtyPercentOfLink) / 100, R, c.cancelAtS === undefined ? undefined : c.cancelAtS * 1000);
        expect(m.outcomes.length + (m.cancelled === undefined ? 0 : 1)).toBe(1);
        expect(m.network.activeFlows).toBe(0);
        expect(m.engine.pending).toBe(0);
        const out = m.cancelled ?? m.outcomes[0];
        expect(out.rounds).toBeLessThanOrEqual(c.params.preCopyRoundsMax);
        expect(m.pauses).toBeLessThanOrEqual(1);
        if (m.pauses === 0) expect(out.downtimeMs).toBe(0);
        const events = m.engine.trace.events;
        const rounds = events.filter((e) => e.type === 'vm.migration.round');
        expect(rounds).toHaveLength(out.rounds);
        for (const r of rounds.slice(1)) expect(r.bytes as number).toBeLessThanOrEqual(W);
        if (out.ok && out.mode === 'precopy') {
          const [switchover] = events.filter((e) => e.type === 'vm.migration.switchover');
          const sent = rounds.reduce((sum, r) => sum + (r.bytes as number), 0) + (switchover.remainingBytes as number);
          expect(out.transferredBytes).toBe(sent);
          expect(out.downtimeMs).toBeLessThanOrEqual((switchover.maxDowntimeMs as number) + 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});
