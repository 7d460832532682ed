// One simulation run: build the cluster from a loaded scenario, place the VMs, apply the schedule,
// run the engine, and summarise. Pure: the same scenario and seed give the same trace anywhere.
import { Engine } from './core/engine.ts';
import type { TraceEvent } from './core/trace.ts';
import { Cluster } from './model/cluster.ts';
import { Network } from './model/network.ts';
import { Faults } from './ops/faults.ts';
import { HighAvailability } from './ops/ha.ts';
import { Lifecycle } from './ops/lifecycle.ts';
import { RollingMaintenance } from './ops/maintenance.ts';
import { MigrationScheduler } from './ops/migration.ts';
import { World } from './ops/world.ts';
import { place, placedFields, refusedFields } from './placement/place.ts';
import { scheduleRandomFailures } from './ops/random-failures.ts';
import { policyFor } from './storage/kinds.ts';
import { Storage } from './storage/storage.ts';
import { buildSummary } from './report.ts';
import { createInvariantObserver, type Violation } from './invariants/index.ts';
import { UNTIL_MAX_MS, type Scenario } from './scenario/types.ts';
import type { Summary } from './summary.ts';

export interface RunOptions {
  untilMs?: number;
  seed?: number;
  onProgress?: (nowMs: number, endMs: number) => void;
  keepEvents?: boolean;
  /** Run the invariant checkers after every event; violations come back in the result. */
  check?: boolean;
  /** VMs whose placement decisions the trace keeps in full: every candidate, every rejected host. */
  explain?: (vmId: string) => boolean;
}

export interface RunResult {
  summary: Summary;
  events: TraceEvent[];
  traceHash: string;
  violations?: Violation[];
}

/** Decimal Gb/s to bytes per second, as NICs are sold (10 Gb/s = 1.25e9 B/s). */
export const gbpsToBytesPerSec = (gbps: number) => (gbps * 1e9) / 8;

export function buildWorld(scenario: Scenario, seed: number): World {
  const engine = new Engine({ seed });
  const cluster = new Cluster(scenario, scenario.parameters);
  const network = new Network(engine);
  for (const h of scenario.hosts) {
    network.addHost(h.id, gbpsToBytesPerSec(h.nicGbps), h.storageNicGbps === undefined ? undefined : gbpsToBytesPerSec(h.storageNicGbps));
  }
  return new World(engine, cluster, network, scenario.parameters);
}

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const world = buildWorld(scenario, seed);
  const { engine } = world;
  const observer = options.check ? createInvariantObserver() : undefined;
  if (observer) {
    engine.trace.subscribe((e) => observer.record(e));
    engine.afterEach = () => observer.check(world);
  }
  const lifecycle = new Lifecycle(world);
  const migrations = new MigrationScheduler(world);
  const ha = new HighAvailability(world, lifecycle);
  const faults = new Faults(world, lifecycle, migrations, ha);
  engine.emit('run.start', { scenario: scenario.name, platform: scenario.platform, seed, hosts: scenario.hosts.length, vms: scenario.vms.length });
  placeInitially(world, options.explain);
  const policy = policyFor(scenario.parameters.storage.kind);
  if (policy) {
    world.storage = new Storage(world, policy);
    world.storage.init();
  }
  if (scenario.failures) scheduleRandomFailures(world, faults, scenario.failures);
  for (const entry of scenario.schedule) {
    engine.at(entry.atMs, () =>
      faults.apply(entry, (e) => {
        const rollout = new RollingMaintenance(world, e, migrations, lifecycle);
        faults.rollouts.push(rollout);
        rollout.start();
      }),
    );
  }
  const explicitUntil = options.untilMs ?? scenario.untilMs;
  const untilMs = Math.min(explicitUntil ?? UNTIL_MAX_MS, UNTIL_MAX_MS);
  const onProgress = options.onProgress;
  engine.run(untilMs, onProgress && ((now) => onProgress(now, untilMs)));
  const stopReason = engine.stopReason ?? 'empty';
  // Without an `until`, the run lasts until the last recorded change, not the 400-day bound.
  if (explicitUntil === undefined && stopReason === 'empty') engine.now = engine.trace.events.at(-1)?.t ?? 0;
  engine.emit('run.end', { stopReason });
  const traceHash = engine.trace.hash();
  const summary = buildSummary({ scenario, seed, cluster: world.cluster, events: engine.trace.events, endMs: engine.now, traceHash, stopReason });
  return { summary, events: engine.trace.events, traceHash, violations: observer?.violations };
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
