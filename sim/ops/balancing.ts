// Periodic load balancing (policies.placement): vSphere DRS, or the descheduler-like policy that
// Harvester and OpenStack (Watcher) can switch on. Every `intervalSeconds` a pass measures the host
// CPU loads; it first fixes VM-host should-rule violations (mandatory moves, made at any threshold),
// then, when the policy wants it, searches greedily for the single move that cuts the imbalance
// most among feasible targets (the placement filters decide feasibility, the scorers break ties),
// keeps it only when the imbalance it removes outweighs its migration's CPU cost, applies it to
// the pass's model and repeats, within a per-host move limit (platform-facts §4.1). Each move is a
// live migration through the migration scheduler, recorded with why it was chosen.
//
// A pass runs only on the interval after something changed (CPU demand, a host, a migration): on
// an unchanged cluster a pass finds what the last one found, so skipping it changes nothing and
// lets a run without `until` end. No pass starts while the management plane is down.
import type { EventHandle } from '../core/engine.ts';
import type { Vm } from '../model/cluster.ts';
import { feasible, weightedScore } from '../placement/place.ts';
import { BalanceModel, drsPolicy, lowNodeUtilizationPolicy, type BalancePolicy } from './balance-model.ts';
import type { CpuMonitor } from './cpu-monitor.ts';
import type { MigrationScheduler } from './migration.ts';
import type { World } from './world.ts';
import { migrationNicGbps, streamCapBytesPerSec } from './migration-stream.ts';

/**
 * Hosts examined per step: the most loaded sources and the least loaded targets, so a step costs
 * (VMs on SOURCE_HOSTS_PER_STEP hosts) x TARGET_HOSTS_PER_STEP checks whatever the cluster size.
 * On hosts of equal capacity the least loaded target is the one that lowers the spread most.
 */
export const SOURCE_HOSTS_PER_STEP = 4;
export const TARGET_HOSTS_PER_STEP = 8;
const CANDIDATES_KEPT = 3;

interface Move {
  vm: Vm;
  from: string;
  to: string;
  imbalanceAfter: number;
  score: number;
  benefitGHzSeconds: number;
  costGHzSeconds: number;
  candidates: { host: string; imbalanceAfter: number; score: number }[];
}

export class Balancer {
  private timer: EventHandle | undefined;
  private readonly policy: BalancePolicy;
  /** VMs with a balancing migration requested and not yet ended. */
  private readonly moving = new Set<string>();
  /** VMs with a VM-host should rule, in id order: the only candidates for mandatory moves. */
  private readonly ruled: Vm[];

  constructor(private readonly world: World, private readonly migrations: MigrationScheduler, monitor: CpuMonitor) {
    const p = world.params.policies.placement;
    this.policy = p.balancer === 'drs' ? drsPolicy(p) : lowNodeUtilizationPolicy(p);
    this.ruled = world.cluster.vmIds.map((id) => world.cluster.vm(id)).filter((vm) => vm.shouldHosts !== undefined);
    if (!p.enabled || !world.params.policies.migration.live || !world.sharedStorage) return;
    const wake = () => this.wake();
    monitor.onChange(wake);
    world.onCapacityChange(wake);
    world.onManagementRestored(wake);
  }

  /** Arms the next pass at the next interval boundary, unless one is armed. */
  private wake(): void {
    if (this.timer !== undefined) return;
    const intervalMs = this.world.params.policies.placement.intervalSeconds * 1000;
    const at = (Math.floor(this.world.engine.now / intervalMs) + 1) * intervalMs;
    this.timer = this.world.engine.at(at, () => {
      this.timer = undefined;
      this.pass();
    });
  }

  pass(): void {
    const { world } = this;
    // vCenter runs DRS: the pass waits for it (recorded once; onManagementRestored wakes the next).
    if (world.managementDown) return world.waitForManagement('balance', 'cluster');
    const model = new BalanceModel(world.cluster);
    if (model.n < 2) return;
    const before = model.imbalance;
    const priority = this.policy.priority(model);
    const mandatory = this.fixRules(model);
    const wanted = this.policy.wants(model);
    if (!wanted && mandatory === 0) return;
    const p = world.params.policies.placement;
    const perHost = new Map<string, number>();
    let moves = 0;
    let stopReason = wanted ? 'balanced' : 'within the threshold';
    while (this.policy.wants(model)) {
      const move = this.bestMove(model, perHost);
      if (move === undefined) {
        const limited = [...perHost.values()].some((n) => n >= p.maxMovesPerHostPerPass);
        stopReason = limited ? `move limit (${p.maxMovesPerHostPerPass} per host per pass) or no move passes the filters and the cost-benefit check` : 'no move passes the filters and the cost-benefit check';
        break;
      }
      this.start(model, move, 'imbalance');
      for (const h of [move.from, move.to]) perHost.set(h, (perHost.get(h) ?? 0) + 1);
      moves++;
    }
    world.engine.emit('balance.pass', {
      balancer: p.balancer, imbalance: round(before), targetImbalance: round(this.policy.targetImbalance(model)),
      priority, threshold: p.threshold, moves: moves + mandatory, mandatory, stopReason,
    });
  }

  private atLimit(perHost: Map<string, number>, host: string, limit: number): boolean {
    return (perHost.get(host) ?? 0) >= limit;
  }

  /** Moves VMs that break their should rule onto a rule host with room: mandatory, not limited. */
  private fixRules(model: BalanceModel): number {
    let fixed = 0;
    for (const vm of this.ruled) {
      if (!this.movable(vm, model) || vm.shouldHosts!.has(vm.host!)) continue;
      let best: Move | undefined;
      for (const to of model.hosts) {
        if (!vm.shouldHosts!.has(to)) continue;
        const move = this.evaluate(model, vm, to, false);
        if (move !== undefined && (best === undefined || move.imbalanceAfter < best.imbalanceAfter)) best = move;
      }
      if (best === undefined) continue;
      this.start(model, best, 'rule');
      fixed++;
    }
    return fixed;
  }

  /** Running on a host in service and not already moving. */
  private movable(vm: Vm, model: BalanceModel): boolean {
    return vm.status === 'running' && vm.host !== undefined && model.load.has(vm.host) && !this.moving.has(vm.id);
  }

  /**
   * The move that cuts the imbalance most, from the most loaded source hosts to the least loaded
   * targets. Per VM the targets are ranked by the imbalance after the move; only the best few are
   * scored (the scorers break ties).
   */
  private bestMove(model: BalanceModel, perHost: Map<string, number>): Move | undefined {
    const limit = this.world.params.policies.placement.maxMovesPerHostPerPass;
    const sources = model.hosts
      .filter((h) => this.policy.isSource(model, h) && !this.atLimit(perHost, h, limit))
      .sort((a, b) => model.load.get(b)! - model.load.get(a)! || (a < b ? -1 : 1))
      .slice(0, SOURCE_HOSTS_PER_STEP);
    const targets = model.hosts
      .filter((h) => !this.atLimit(perHost, h, limit))
      .sort((a, b) => model.load.get(a)! - model.load.get(b)! || (a < b ? -1 : 1))
      .slice(0, TARGET_HOSTS_PER_STEP);
    let best: Move | undefined;
    for (const from of sources) {
      for (const id of this.world.cluster.host(from).vms) {
        const vm = this.world.cluster.vm(id);
        if (!this.movable(vm, model) || vm.cpu.demandMilli === 0) continue;
        const top: Move[] = [];
        const fromLoad = model.load.get(from)!;
        for (const to of targets) {
          // Both policies only move to a less loaded host: an early exit before any arithmetic.
          if (model.load.get(to)! >= fromLoad) break;
          const move = this.evaluate(model, vm, to, true);
          if (move !== undefined) keepBest(top, move);
        }
        if (top.length === 0) continue;
        for (const c of top) c.score = weightedScore(this.world.cluster, vm, this.world.cluster.host(c.to));
        top.sort(better);
        top[0].candidates = top.map((c) => ({ host: c.to, imbalanceAfter: round(c.imbalanceAfter), score: c.score }));
        if (best === undefined || better(top[0], best) < 0) best = top[0];
      }
    }
    return best;
  }

  /**
   * The move of `vm` to `to` if the policy allows the target, it lowers the imbalance, (for load
   * balancing) the imbalance it removes, in GHz of the hosts in service over benefitSeconds,
   * outweighs the CPU its migration costs on both hosts, and the placement filters pass.
   */
  private evaluate(model: BalanceModel, vm: Vm, to: string, balancing: boolean): Move | undefined {
    const { cluster } = this.world;
    const from = vm.host!;
    const after = model.after(from, to, vm.cpu.demandMilli);
    if (balancing && (!this.policy.isTarget(model, to, after.to) || after.imbalance >= model.imbalance - 1e-12)) return undefined;
    // Load balancing never breaks a should rule (the next pass would only move the VM back).
    if (balancing && vm.shouldHosts !== undefined && !vm.shouldHosts.has(to)) return undefined;
    const p = this.world.params.policies;
    const benefit = (model.imbalance - after.imbalance) * model.usableGHz * p.placement.benefitSeconds;
    const cost = this.migrationCost(vm, from, to);
    if (balancing && benefit <= cost) return undefined;
    if (!feasible({ cluster, admission: true }, vm, cluster.host(to))) return undefined;
    return { vm, from, to, imbalanceAfter: after.imbalance, score: 0, benefitGHzSeconds: benefit, costGHzSeconds: cost, candidates: [] };
  }

  /** Migration CPU on source and target x the time to copy the memory once over the slower NIC (or the stream's cap), plus setup. */
  private migrationCost(vm: Vm, from: string, to: string): number {
    const { cluster, params } = this.world;
    const a = cluster.host(from).spec, b = cluster.host(to).spec;
    const m = params.policies.migration;
    const nicBytesPerSec = (Math.min(migrationNicGbps(a, m), migrationNicGbps(b, m)) * 1e9) / 8;
    const bytesPerSec = Math.min(nicBytesPerSec, streamCapBytesPerSec(m) ?? Infinity);
    const seconds = (vm.spec.memoryGiB * 2 ** 30) / bytesPerSec + params.policies.migration.setupSeconds;
    return params.policies.cpu.migrationCores * (a.coreGHz + b.coreGHz) * seconds;
  }

  private start(model: BalanceModel, move: Move, reason: 'imbalance' | 'rule'): void {
    const { vm, from, to } = move;
    this.world.engine.emit('balance.move', {
      vm: vm.id, from, to, reason, imbalanceBefore: round(model.imbalance), imbalanceAfter: round(move.imbalanceAfter),
      benefitGHzSeconds: round(move.benefitGHzSeconds), costGHzSeconds: round(move.costGHzSeconds), candidates: move.candidates,
    });
    model.apply(from, to, vm.cpu.demandMilli);
    this.moving.add(vm.id);
    const done = () => this.moving.delete(vm.id);
    this.migrations.request(vm, { migrated: done, blocked: () => {}, gaveUp: done, wentDown: done }, to);
  }
}

/** Keeps the CANDIDATES_KEPT moves with the lowest imbalance after (earlier hosts first on ties). */
function keepBest(top: Move[], move: Move): void {
  let i = top.length;
  while (i > 0 && move.imbalanceAfter < top[i - 1].imbalanceAfter) i--;
  if (i >= CANDIDATES_KEPT) return;
  top.splice(i, 0, move);
  if (top.length > CANDIDATES_KEPT) top.pop();
}

/** Lower imbalance first, then the higher placement score, then the lower host id. */
function better(a: Move, b: Move): number {
  return a.imbalanceAfter - b.imbalanceAfter || b.score - a.score || (a.to < b.to ? -1 : a.to > b.to ? 1 : 0);
}

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e6) / 1e6 : -1);
