// The incremental simulation API: `createSimulation(scenario, { seed })` builds the cluster, places
// the VMs and lays out storage, then runs only when asked: `advance(untilMs)` or `step(n)` moves it
// on, `subscribe` streams every event as it is emitted, `summary()` folds what happened so far, and
// `done` says whether the run has ended (run.end emitted). The CLI, the sweep workers and the
// browser's worker all drive a run through this one object; `runScenario` is a loop over it.
// Pure: no Node or DOM API, so it runs unchanged in Node, worker threads and a Web Worker.
import { Engine } from './core/engine.ts';
import type { EventFields, Events, SimEvent } from './events/catalogue.ts';
import { createInvariantObserver, type Violation } from './invariants/index.ts';
import { Cluster } from './model/cluster.ts';
import { Network } from './model/network.ts';
import { Faults } from './ops/faults.ts';
import { Balancer } from './ops/balancing.ts';
import { CpuMonitor } from './ops/cpu-monitor.ts';
import { HighAvailability } from './ops/ha.ts';
import { startLoadCurves } from './ops/load-curve.ts';
import { Lifecycle } from './ops/lifecycle.ts';
import { RollingMaintenance } from './ops/maintenance.ts';
import { MigrationScheduler } from './ops/migration.ts';
import { scheduleRandomFailures } from './ops/random-failures.ts';
import { ScheduleRunner } from './ops/schedule-runner.ts';
import { World, type Canary } from './ops/world.ts';
import { place, placedFields, refusedFields } from './placement/place.ts';
import { SummaryFold } from './report.ts';
import { UNTIL_MAX_MS, type Scenario, type ScheduleEntry } from './scenario/types.ts';
import { policyFor } from './storage/kinds.ts';
import { Storage } from './storage/storage.ts';
import type { Summary } from './summary.ts';

export interface SimulationOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's `until` (ms); the run ends there, or when no event is left. */
  untilMs?: number;
  /** Keep every event in memory (`events()`): for tests; runs stream them instead. */
  keepEvents?: boolean;
  /** Run the invariant checkers after every event; the first violation stops the run and comes back from `violations()`. */
  check?: boolean;
  /** VMs whose placement decisions the trace keeps in full: every candidate, every rejected host. */
  explain?: (vmId: string) => boolean;
  /** Test-only: run a deliberately broken model variant (World's Canary) that the checkers must catch. */
  canary?: Canary;
}

export type SimulationListener = (event: SimEvent, line: string) => void;

export interface Simulation {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Where the run ends at the latest, in ms. */
  readonly endMs: number;
  /** Simulated time now, in ms. */
  readonly nowMs: number;
  /** Events emitted so far. */
  readonly eventCount: number;
  /** The run has ended: no event left, `until` reached, eventsMax hit or an invariant broken (with `check`); run.end is in the trace. */
  readonly done: boolean;
  /** Runs every event up to `untilMs` (capped at the run's end); ends the run when it gets there. */
  advance(untilMs: number): void;
  /** Runs at most `events` engine events (fewer at the end of the run). */
  step(events: number): void;
  /** Runs to the end. */
  finish(): void;
  /** Streams every event from now on; the returned function unsubscribes. */
  subscribe(listener: SimulationListener): () => void;
  /** The summary so far (final once `done`). */
  summary(): Summary;
  traceHash(): string;
  /** Every event, only with `keepEvents`. */
  events(): readonly SimEvent[];
  violations(): Violation[];
}

/** Decimal Gb/s to bytes per second, as NICs are sold (10 Gb/s = 1.25e9 B/s). */
export const gbpsToBytesPerSec = (gbps: number) => (gbps * 1e9) / 8;

export function buildWorld(scenario: Scenario, seed: number, keepEvents = false): World {
  const engine = new Engine<Events>({ seed, keepEvents });
  const cluster = new Cluster(scenario, scenario.parameters);
  const network = new Network(engine);
  for (const h of scenario.hosts) {
    network.addHost(h.id, gbpsToBytesPerSec(h.nicGbps), h.storageNicGbps === undefined ? undefined : gbpsToBytesPerSec(h.storageNicGbps));
  }
  return new World(engine, cluster, network, scenario.parameters);
}

export function createSimulation(scenario: Scenario, options: SimulationOptions = {}): Simulation {
  const seed = options.seed ?? scenario.seed;
  const world = buildWorld(scenario, seed, options.keepEvents ?? false);
  world.canary = options.canary;
  const { engine } = world;
  const fold = new SummaryFold(scenario);
  engine.trace.subscribe((e) => fold.onEvent(e as SimEvent));
  const observer = options.check ? createInvariantObserver(scenario.parameters) : undefined;
  if (observer) {
    engine.trace.subscribe((e) => observer.record(e as SimEvent));
    // The first violation stops the run: what follows a broken state proves nothing.
    engine.afterEach = () => {
      if (observer.check(world) !== undefined) engine.halt();
    };
  }
  const explicitUntil = options.untilMs ?? scenario.untilMs;
  const endMs = Math.min(explicitUntil ?? UNTIL_MAX_MS, UNTIL_MAX_MS);
  // Setup (placement, storage layout) emits its events once a listener could have subscribed: on
  // the first advance, so `subscribe` right after creation sees the whole trace from run.start.
  let started = false;
  let stopReason: 'empty' | 'until' | 'eventsMax' | 'invariant' | undefined;
  let schedule: ScheduleRunner | undefined;
  const start = () => {
    if (started) return;
    started = true;
    schedule = setUp(world, scenario, seed, options.explain);
  };
  const end = () => {
    const reason = engine.stopReason;
    stopReason = reason === undefined || reason === 'budget' ? 'empty' : reason === 'halted' ? 'invariant' : reason;
    // Without an `until`, the run lasts until the last recorded change, not the 400-day bound.
    if (explicitUntil === undefined && stopReason === 'empty') engine.settleAtLastEvent();
    schedule?.reportUnrun(stopReason);
    engine.emit('run.end', { stopReason });
  };
  const sim: Simulation = {
    scenario, seed, endMs,
    get nowMs() { return engine.now; },
    get eventCount() { return engine.trace.length; },
    get done() { return stopReason !== undefined; },
    advance(untilMs) {
      if (stopReason !== undefined) return;
      start();
      const target = Math.min(untilMs, endMs);
      engine.run(target);
      if (engine.stopReason === 'eventsMax' || engine.stopReason === 'halted') return end();
      if (engine.stopReason === 'empty' && target < endMs) engine.run(endMs); // nothing is left: the run is over
      if (engine.stopReason === 'empty' || target >= endMs) end();
    },
    // A budget of engine events, for a caller that reports progress or must yield (a Web Worker).
    step(events) {
      if (stopReason !== undefined) return;
      start();
      engine.run(endMs, events);
      if (engine.stopReason !== 'budget') sim.advance(endMs);
    },
    finish() { sim.advance(endMs); },
    subscribe(listener) {
      return engine.trace.subscribe((e, line) => listener(e as SimEvent, line));
    },
    summary() {
      return fold.summary({ seed, cluster: world.cluster, endMs: engine.now, traceHash: engine.trace.hash(), stopReason: stopReason ?? 'running' });
    },
    traceHash: () => engine.trace.hash(),
    events: () => engine.trace.events as unknown as readonly SimEvent[],
    violations: () => observer?.violations ?? [],
  };
  return sim;
}

/** Builds what the run drives: placement, storage, the schedule and random failures; returns the schedule's runner. */
function setUp(world: World, scenario: Scenario, seed: number, explain: ((vmId: string) => boolean) | undefined): ScheduleRunner {
  const { engine } = world;
  const lifecycle = new Lifecycle(world);
  const migrations = new MigrationScheduler(world);
  const ha = new HighAvailability(world, lifecycle);
  const faults = new Faults(world, lifecycle, migrations, ha);
  engine.emit('run.start', runStart(scenario, seed));
  const monitor = new CpuMonitor(world);
  placeInitially(world, explain);
  startLoadCurves(world);
  new Balancer(world, migrations, monitor);
  const policy = policyFor(scenario.parameters.storage.kind);
  if (policy) {
    world.storage = new Storage(world, policy);
    world.storage.init();
    // VMs cannot run from a volume that was never placed, or that is lost.
    faults.volumesUnplaced(world.storage.unplacedVolumes);
    world.storage.onVolumesLost((volumes) => faults.volumesLost(volumes));
  }
  if (scenario.failures) scheduleRandomFailures(world, faults, scenario.failures);
  const apply = (entry: ScheduleEntry) =>
    faults.apply(entry, (e) => {
      const rollout = new RollingMaintenance(world, e, migrations, lifecycle);
      faults.rollouts.push(rollout);
      rollout.start();
    });
  const runner = new ScheduleRunner(world, scenario.schedule, apply);
  runner.start();
  return runner;
}

function runStart(scenario: Scenario, seed: number): EventFields<'run.start'> {
  const hosts = scenario.hosts.map((h) => ({
    id: h.id, group: h.group, cores: h.cores, coreGHz: h.coreGHz, memoryGiB: h.memoryGiB, nicGbps: h.nicGbps,
    storageNicGbps: h.storageNicGbps, disks: { count: h.disks.count, sizeTiB: h.disks.sizeTiB, ...(h.disks.class ? { class: h.disks.class } : {}) }, rack: h.rack,
  }));
  const vms = scenario.vms.map((v) => ({ id: v.id, group: v.group, vcpus: v.vcpus, memoryGiB: v.memoryGiB, diskGiB: v.diskGiB, antiAffinity: v.antiAffinity }));
  return { scenario: scenario.name, platform: scenario.platform, seed, hosts: hosts.length, vms: vms.length, cluster: { hosts, vms } };
}

/**
 * Initial placement in VM id order; the decision (best candidates, rejections per reason) goes into
 * the trace. `explain` also reaches every later placement through the world.
 */
function placeInitially(world: World, explain: ((vmId: string) => boolean) | undefined): void {
  const { cluster, engine } = world;
  world.explain = explain;
  for (const id of cluster.vmIds) {
    const vm = cluster.vm(id);
    const decision = place({ cluster, admission: true, explain }, vm);
    if (decision.host === undefined) {
      engine.emit('vm.unplaced', { vm: id, ...refusedFields(decision) });
      continue;
    }
    cluster.assign(vm, decision.host);
    cluster.setVmStatus(vm, 'running');
    engine.emit('vm.place', { vm: id, host: decision.host, reason: 'initial', ...placedFields(decision) });
  }
}
