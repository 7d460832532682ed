// Pre-copy live migration against hand-worked cases: the §6.1 table (8 GiB over 10 GbE, 300 ms), the
// non-converging 1,300 MB/s guest under each platform's rule, the working-set bound, cancellation and
// a competing flow, all on a real Engine and a real Network; plus the platform rules on their own.
// The platforms' parameters are written out here from platform-facts, so a retuned profile does not
// move these tests.
import type { Events } from '../../sim/events/catalogue.ts';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../sim/core/engine.ts';
import type { TraceEvent } from '../../sim/core/trace.ts';
import { Network } from '../../sim/model/network.ts';
import { startPreCopy, type PreCopyHandle, type PreCopyOutcome } from '../../sim/ops/precopy.ts';
import {
  AutoConverge,
  ProgressWatermark,
  completionTimeoutMs,
  maxDowntimeMsAt,
  sdpsDirtyRate,
} from '../../sim/ops/precopy-policy.ts';
import type { MigrationParameters } from '../../sim/platforms/parameters.ts';

const GiB = 2 ** 30;
/** 10 GbE: 10^10 bit/s = 1.25e9 B/s (platform-facts §6.1). */
const TEN_GBE = 1.25e9;

const common: MigrationParameters = {
  live: true,
  withLocalDisks: false,
  maxParallelPerCluster: 5,
  maxParallelOutboundPerHost: 2,
  maxParallelPerHost: 0,
  maxParallelPerHostSlowNic: 0,
  bandwidthMiBps: 0,
  tunnel: 'none',
  sshTunnelMiBps: 0,
  network: 'main',
  maxDowntimeMs: 300,
  downtimeRampSteps: 0,
  downtimeRampDelayPerGiBSeconds: 0,
  downtimeEscalationRises: 0,
  completionTimeoutPerGiBSeconds: 0,
  completionDataUnit: 'GiB',
  completionDataMinGiB: 0,
  progressTimeoutSeconds: 0,
  allowPostCopy: false,
  allowAutoConverge: false,
  allowWorkloadDisruption: false,
  workloadDisruptionFollowsPostCopy: false,
  autoConvergeInitialPercent: 20,
  autoConvergeStepPercent: 10,
  autoConvergeMaxPercent: 99,
  autoConvergeTriggerRatio: 0.5,
  stunDuringPageSend: false,
  sdpsDirtyToSendRatio: 0.8,
  maxSwitchoverSeconds: 0,
  setupSeconds: 0,
  preCopyRoundsMax: 100_000,
  retryInitialSeconds: 20,
  retryFactor: 2,
  retriesMax: 5,
};

/** KubeVirt 1.6 under Harvester: QEMU's 300 ms, 150 s per GB rounded up, 150 s progress timeout (§1.1, §1.4). */
function kubevirt(overrides: Partial<MigrationParameters> = {}): MigrationParameters {
  return { ...common, completionTimeoutPerGiBSeconds: 150, completionDataUnit: 'GB-ceil', progressTimeoutSeconds: 150, ...overrides };
}

/** Nova: 500 ms reached by a 10-step ramp, 75 s per GiB between steps, 800 s per GiB, abort (§5.1). */
function nova(overrides: Partial<MigrationParameters> = {}): MigrationParameters {
  return {
    ...common,
    maxParallelOutboundPerHost: 1,
    maxDowntimeMs: 500,
    downtimeRampSteps: 10,
    downtimeRampDelayPerGiBSeconds: 75,
    completionTimeoutPerGiBSeconds: 800,
    completionDataMinGiB: 2,
    ...overrides,
  };
}

/** vMotion: ~500 ms switchover [unverified], SDPS, 100 s maxSwitchover, no completion timeout (§4.5). */
function vmotion(overrides: Partial<MigrationParameters> = {}): MigrationParameters {
  return { ...common, maxDowntimeMs: 500, stunDuringPageSend: true, maxSwitchoverSeconds: 100, ...overrides };
}

interface RunOptions {
  params: MigrationParameters;
  memoryBytes: number;
  dirtyBytesPerSec: number | ((nowMs: number) => number);
  workingSetBytes?: number;
  /** Hosts a (src), b (dst) and c, all on this NIC. */
  nicBytesPerSec?: number;
  /** Runs before the migration starts, e.g. to start a competing flow. */
  before?: (engine: Engine<Events>, network: Network) => void;
  /** Stop the engine here instead of running to the end. */
  untilMs?: number;
}

interface Run {
  engine: Engine<Events>;
  network: Network;
  handle: PreCopyHandle;
  outcome: PreCopyOutcome | undefined;
  ends: number;
  pausedAtMs: number[];
  events: (type: string) => TraceEvent[];
}

function migrate(options: RunOptions): Run {
  const engine = new Engine<Events>({ seed: 7 });
  const network = new Network(engine);
  const nic = options.nicBytesPerSec ?? TEN_GBE;
  for (const host of ['a', 'b', 'c']) network.addHost(host, nic);
  options.before?.(engine, network);
  const dirty = options.dirtyBytesPerSec;
  const run: Run = {
    engine,
    network,
    handle: undefined as unknown as PreCopyHandle,
    outcome: undefined,
    ends: 0,
    pausedAtMs: [],
    events: (type) => engine.trace.events.filter((e) => e.type === type),
  };
  run.handle = startPreCopy(engine, network, {
    vmId: 'vm-1',
    src: 'a',
    dst: 'b',
    memoryBytes: options.memoryBytes,
    workingSetBytes: options.workingSetBytes ?? options.memoryBytes,
    dirtyBytesPerSec: typeof dirty === 'number' ? () => dirty : () => dirty(engine.now),
    params: options.params,
    onPause: () => run.pausedAtMs.push(engine.now),
    onEnd: (outcome) => {
      run.outcome = outcome;
      run.ends++;
    },
  });
  engine.run(options.untilMs);
  return run;
}

const M8 = 8 * GiB;

function ok(outcome: PreCopyOutcome | undefined): Extract<PreCopyOutcome, { ok: true }> {
  if (outcome === undefined || !outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('the worked example of platform-facts §6.1 (8 GiB, 10 GbE, 300 ms)', () => {
  it('at 200 MB/s converges in 2 rounds: 10.2 GB sent, 8.2 s, 176 ms of downtime', () => {
    const run = migrate({ params: kubevirt(), memoryBytes: M8, dirtyBytesPerSec: 200e6 });
    const out = ok(run.outcome);
    expect(out).toMatchObject({ mode: 'precopy', rounds: 2, downtimeMs: 176 });
    expect(Math.abs(out.transferredBytes - 10.2e9)).toBeLessThan(0.05e9);
    expect(Math.abs(out.durationMs - 8200)).toBeLessThanOrEqual(100);
    expect(run.pausedAtMs).toEqual([out.durationMs - out.downtimeMs]);
  });

  it('at 800 MB/s converges in 8 rounds: 23.4 GB sent, 18.7 s, 193 ms of downtime', () => {
    const out = ok(migrate({ params: kubevirt(), memoryBytes: M8, dirtyBytesPerSec: 800e6 }).outcome);
    expect(out.rounds).toBe(8);
    expect(Math.abs(out.transferredBytes - 23.4e9)).toBeLessThan(0.05e9);
    expect(Math.abs(out.durationMs - 18_700)).toBeLessThanOrEqual(100);
    expect(Math.abs(out.downtimeMs - 193)).toBeLessThanOrEqual(1);
  });

  it('at 1,300 MB/s never converges and KubeVirt aborts it at the completion timeout, 9 GB x 150 s = 1,350 s', () => {
    const run = migrate({ params: kubevirt(), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    // Every round resends all 8 GiB in 6,872 ms; 196 rounds end before 1,350 s, the 197th is cut 3,088 ms in.
    expect(run.outcome).toEqual({
      ok: false, reason: 'completionTimeout', durationMs: 1_350_000, rounds: 196, downtimeMs: 0,
      transferredBytes: 196 * M8 + TEN_GBE * 3.088,
    });
    expect(run.pausedAtMs).toEqual([]);
    expect(run.events('vm.migration.switchover')).toEqual([]);
  });

  it('at 1,300 MB/s with allowPostCopy switches to post-copy at 1,350 s and completes when the rest arrives', () => {
    const run = migrate({ params: kubevirt({ allowPostCopy: true, allowWorkloadDisruption: true }), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    expect(run.events('vm.migration.switchover')).toEqual([
      { t: 1_350_000, type: 'vm.migration.switchover', vm: 'vm-1', mode: 'postcopy', remainingBytes: M8, maxDowntimeMs: 300 },
    ]);
    expect(run.outcome).toMatchObject({ ok: true, mode: 'postcopy', durationMs: 1_350_000 + 6872, downtimeMs: 0, rounds: 196 });
    expect(run.pausedAtMs).toEqual([]);
  });

  it('at 1,300 MB/s with allowWorkloadDisruption pauses the guest at 1,350 s; the downtime is the rest over the link', () => {
    const run = migrate({ params: kubevirt({ allowWorkloadDisruption: true }), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    expect(run.pausedAtMs).toEqual([1_350_000]);
    expect(run.outcome).toMatchObject({ ok: true, mode: 'paused', downtimeMs: 6872, durationMs: 1_356_872 });
  });

  it('at 1,300 MB/s with auto-converge throttles from the second high period on and converges within 300 ms', () => {
    const run = migrate({ params: kubevirt({ allowAutoConverge: true }), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    const out = ok(run.outcome);
    expect(out.mode).toBe('precopy');
    expect(out.downtimeMs).toBeLessThanOrEqual(301);
    const throttles = run.events('vm.migration.throttle');
    expect(throttles.map((e) => e.percent)).toEqual([20, 30, 40, 50]);
    // Rounds 0 and 1 are the two high periods: the first throttle comes at the end of round 1.
    expect(throttles[0]).toMatchObject({ t: 2 * 6872, by: 'autoConverge' });
    expect(run.events('vm.migration.round')[2].dirtyBytesPerSec).toBe(1300e6 * 0.8);
  });

  it('at 1,300 MB/s under vMotion SDPS converges with a switchover far below maxSwitchoverSeconds', () => {
    const run = migrate({ params: vmotion(), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    const out = ok(run.outcome);
    expect(out.downtimeMs).toBeLessThanOrEqual(501);
    expect(out.downtimeMs).toBeLessThan(100_000);
    // SDPS holds the guest to 0.8 x the last round's send rate (~1e9 B/s): a 23 % slowdown, from round 1 on.
    expect(run.events('vm.migration.throttle')).toEqual([{ t: 6872, type: 'vm.migration.throttle', vm: 'vm-1', percent: 23, by: 'sdps' }]);
    const rounds = run.events('vm.migration.round');
    for (let i = 1; i < rounds.length; i++) {
      expect(Math.abs((rounds[i].dirtyBytesPerSec as number) - 0.8 * (rounds[i - 1].rateBytesPerSec as number))).toBeLessThanOrEqual(1);
    }
  });
});

describe("Nova's downtime ramp", () => {
  it('steps 50, 95 ... 500 ms every 600 s for 8 GiB, each step once the elapsed time passes it', () => {
    const p = nova();
    expect(maxDowntimeMsAt(0, M8, p)).toBe(50);
    expect(maxDowntimeMsAt(600_000, M8, p)).toBe(50);
    expect(maxDowntimeMsAt(600_001, M8, p)).toBe(95);
    expect(maxDowntimeMsAt(5_400_001, M8, p)).toBe(455);
    expect(maxDowntimeMsAt(9_000_000, M8, p)).toBe(500);
  });

  it('lets a guest that needs 120 ms converge only once the limit has grown to 140 ms, after 300 s', () => {
    // 2 GiB counts as data_gb 2: a step every 150 s. Each round resends the 0.15 GB working set in 120 ms;
    // 50 and 95 ms are too short, 140 ms (step 2, after 300 s) is enough.
    const run = migrate({ params: nova(), memoryBytes: 2 * GiB, workingSetBytes: 0.15e9, dirtyBytesPerSec: 1300e6 });
    const switchover = run.events('vm.migration.switchover');
    expect(switchover).toEqual([{ t: 300_038, type: 'vm.migration.switchover', vm: 'vm-1', mode: 'precopy', remainingBytes: 0.15e9, maxDowntimeMs: 140 }]);
    expect(run.outcome).toMatchObject({ ok: true, mode: 'precopy', downtimeMs: 120, durationMs: 300_158, rounds: 2487 });
  });
});

describe('limits on one migration', () => {
  it('bounds every round after the first by the working set', () => {
    const run = migrate({ params: kubevirt(), memoryBytes: M8, workingSetBytes: GiB, dirtyBytesPerSec: 1e9 });
    const rounds = run.events('vm.migration.round');
    expect(rounds[1].bytes).toBe(GiB);
    expect(rounds.slice(1).every((e) => (e.bytes as number) <= GiB)).toBe(true);
    expect(ok(run.outcome).downtimeMs).toBeLessThanOrEqual(301);
  });

  it('fails with preCopyRoundsMax when the rounds run out before the rest fits the pause', () => {
    const run = migrate({ params: kubevirt({ preCopyRoundsMax: 5 }), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    expect(run.outcome).toEqual({ ok: false, reason: 'preCopyRoundsMax', durationMs: 5 * 6872, rounds: 5, downtimeMs: 0, transferredBytes: 5 * M8 });
  });

  it('fails with maxSwitchover, the guest paused for the limit, when the stop-and-copy takes longer', () => {
    // A 5 s downtime allowance lets 1.3744 GB go to stop-and-copy: 1.1 s on the link, over the 1 s limit.
    const run = migrate({ params: vmotion({ maxDowntimeMs: 5000, maxSwitchoverSeconds: 1 }), memoryBytes: M8, dirtyBytesPerSec: 200e6 });
    expect(run.pausedAtMs).toEqual([6872]);
    expect(run.outcome).toEqual({ ok: false, reason: 'maxSwitchover', durationMs: 7872, rounds: 1, downtimeMs: 1000, transferredBytes: M8 + TEN_GBE });
  });

  it('aborts with progressTimeout when 150 s of 400 ms samples never see DataRemaining fall below the previous one', () => {
    // Rounds of exactly 400 ms (0.5 GB working set at 1.25 GB/s) put every sample at the same point of
    // a round, 328 ms in: equal samples are not progress in KubeVirt's rule. The last fall is the
    // sample at 6,800 ms (end of round 0); 151 whole seconds later the sample at 158,000 ms aborts.
    const run = migrate({ params: kubevirt(), memoryBytes: M8, workingSetBytes: 0.5e9, dirtyBytesPerSec: 1300e6 });
    expect(run.outcome).toMatchObject({ ok: false, reason: 'progressTimeout', durationMs: 158_000, downtimeMs: 0 });
  });

  it('judges progress sample to sample, so a rise at a new round is not a stall but a flat line is', () => {
    const w = new ProgressWatermark(0, 150);
    expect(w.sample(400, 1000)).toBe(false);
    expect(w.sample(151_399, 1000)).toBe(false);
    expect(w.sample(151_400, 1000)).toBe(true);
    const rising = new ProgressWatermark(0, 150);
    rising.sample(400, 1000);
    rising.sample(100_000, 5000);
    expect(rising.sample(200_000, 4999)).toBe(false);
  });
});

describe('the platform rules', () => {
  it('counts KubeVirt data in decimal GB rounded up and Nova data in GiB with a floor of 2', () => {
    expect(completionTimeoutMs(16 * GiB, kubevirt())).toBe(2_700_000);
    expect(completionTimeoutMs(4 * GiB, kubevirt())).toBe(750_000);
    expect(completionTimeoutMs(M8, nova())).toBe(6_400_000);
    expect(completionTimeoutMs(GiB, nova())).toBe(1_600_000);
    expect(completionTimeoutMs(M8, vmotion())).toBe(0);
  });

  it('throttles on the second high period of more than a second, even when a low one comes between', () => {
    const ac = new AutoConverge(0, kubevirt({ allowAutoConverge: true }));
    expect(ac.sync(2000, 100, 60)).toBe(false); // high (60 > 50 % of 100)
    expect(ac.sync(2500, 200, 90)).toBe(false); // under 1 s: the period stays open and merges
    expect(ac.sync(4000, 300, 10)).toBe(false); // 100 dirtied for 200 sent: not high; the count stays 1
    expect(ac.sync(6000, 400, 60)).toBe(true); // second high period
    expect(ac.percent).toBe(20);
  });

  it('slows the guest under SDPS only while it dirties faster than the link sends', () => {
    expect(sdpsDirtyRate(2e9, 1e9, vmotion())).toBe(0.8e9);
    expect(sdpsDirtyRate(0.9e9, 1e9, vmotion())).toBe(0.9e9);
    expect(sdpsDirtyRate(2e9, 1e9, kubevirt())).toBe(2e9);
  });
});

describe('a migration among other events', () => {
  it('reads the dirty rate at each round start, so a load change mid-round counts from the next round', () => {
    const run = migrate({ params: kubevirt(), memoryBytes: M8, dirtyBytesPerSec: (now) => (now < 5000 ? 200e6 : 800e6) });
    const rounds = run.events('vm.migration.round');
    expect(rounds.map((e) => e.dirtyBytesPerSec).slice(0, 2)).toEqual([200e6, 800e6]);
    expect(rounds[1].bytes).toBe(200e6 * 6.872);
    expect(rounds[2].bytes).toBe(880e6);
  });

  it('stops the flow on cancel, reports the bytes sent so far, and never calls onEnd', () => {
    const run = migrate({ params: kubevirt(), memoryBytes: M8, dirtyBytesPerSec: 200e6, untilMs: 3000 });
    expect(run.handle.cancel()).toEqual({ ok: false, reason: 'cancelled', durationMs: 3000, transferredBytes: 3.75e9, rounds: 0, downtimeMs: 0 });
    run.engine.run();
    expect(run.ends).toBe(0);
    expect(run.network.activeFlows).toBe(0);
    expect(run.engine.pending).toBe(0);
    expect(run.handle.cancel()).toMatchObject({ reason: 'cancelled', durationMs: 3000 });
  });

  it('stops cleanly when the caller cancels from inside onPause', () => {
    const engine = new Engine<Events>();
    const network = new Network(engine);
    network.addHost('a', TEN_GBE);
    network.addHost('b', TEN_GBE);
    const ends: PreCopyOutcome[] = [];
    let cancelled: PreCopyOutcome | undefined;
    const handle: PreCopyHandle = startPreCopy(engine, network, {
      vmId: 'vm-1', src: 'a', dst: 'b', memoryBytes: M8, workingSetBytes: M8, dirtyBytesPerSec: () => 200e6,
      params: kubevirt(), onPause: () => (cancelled = handle.cancel()), onEnd: (o) => ends.push(o),
    });
    engine.run();
    expect(cancelled).toEqual({ ok: false, reason: 'cancelled', durationMs: 7972, rounds: 2, downtimeMs: 0, transferredBytes: M8 + 200e6 * 6.872 });
    expect(ends).toEqual([]);
    expect(network.activeFlows).toBe(0);
    expect(engine.pending).toBe(0);
  });

  it('lengthens round 0 by exactly the share a competing flow takes, so the guest dirties more', () => {
    // a -> c takes half of a's 10 GbE until its 2.5 GB are through at 4 s; the migration then has the
    // whole link: round 0 = 4,000 + (8 GiB - 2.5 GB) / 1.25 GB/s = 8,872 ms instead of 6,872 ms.
    const run = migrate({
      params: kubevirt(), memoryBytes: M8, dirtyBytesPerSec: 200e6,
      before: (_engine, network) => void network.start({ src: 'a', dst: 'c', bytes: 2.5e9, onDone: () => {} }),
    });
    const [r0, r1] = run.events('vm.migration.round');
    expect(r0).toMatchObject({ t: 8872, bytes: M8, rateBytesPerSec: Math.round(M8 / 8.872) });
    expect(r1.bytes).toBe(200e6 * 8.872);
  });

  it('produces the same trace twice', () => {
    const a = migrate({ params: kubevirt({ allowAutoConverge: true }), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    const b = migrate({ params: kubevirt({ allowAutoConverge: true }), memoryBytes: M8, dirtyBytesPerSec: 1300e6 });
    expect(a.engine.trace.hash()).toBe(b.engine.trace.hash());
  });
});
