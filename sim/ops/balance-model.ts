// What a balancing pass reasons about: the CPU load of each host in service (demand plus migration
// CPU over usable CPU, the "host load" of classic DRS, platform-facts §4.1) and the imbalance, the
// standard deviation of those loads. The pass applies its chosen moves to this model as it goes,
// as DRS does, so a move's effect on the imbalance is computed in O(1) from the sums of the loads
// and of their squares. Beside it, the per-platform policies: when a pass balances at all and
// which hosts may give or take VMs.
import type { Cluster } from '../model/cluster.ts';
import type { PlacementParameters } from '../platforms/parameters.ts';

export class BalanceModel {
  /** Hosts in service, in id order, and their loads. */
  readonly hosts: string[] = [];
  readonly load = new Map<string, number>();
  readonly usableMilli = new Map<string, number>();
  private sum = 0;
  private sumSquares = 0;
  usableGHz = 0;

  constructor(cluster: Cluster) {
    for (const h of cluster.hostList) {
      if (h.status !== 'up') continue;
      const cpu = cluster.cpu.host(h.id);
      if (cpu.usableMilli === 0) continue;
      const load = cluster.cpu.load(h.id);
      this.hosts.push(h.id);
      this.load.set(h.id, load);
      this.usableMilli.set(h.id, cpu.usableMilli);
      this.sum += load;
      this.sumSquares += load * load;
      this.usableGHz += (cpu.usableMilli * cpu.coreGHz) / 1000;
    }
  }

  get n(): number {
    return this.hosts.length;
  }

  get mean(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  /** Population standard deviation of the host loads. */
  get imbalance(): number {
    return stdDev(this.sum, this.sumSquares, this.n);
  }

  /** The loads of source and target if `demandMilli` moved from one to the other. */
  after(from: string, to: string, demandMilli: number): { from: number; to: number; imbalance: number } {
    const ls = this.load.get(from)!, lt = this.load.get(to)!;
    const ns = ls - demandMilli / this.usableMilli.get(from)!;
    const nt = lt + demandMilli / this.usableMilli.get(to)!;
    const sum = this.sum - ls - lt + ns + nt;
    const squares = this.sumSquares - ls * ls - lt * lt + ns * ns + nt * nt;
    return { from: ns, to: nt, imbalance: stdDev(sum, squares, this.n) };
  }

  apply(from: string, to: string, demandMilli: number): void {
    const next = this.after(from, to, demandMilli);
    for (const [id, load] of [[from, next.from], [to, next.to]] as const) {
      const old = this.load.get(id)!;
      this.sum += load - old;
      this.sumSquares += load * load - old * old;
      this.load.set(id, load);
    }
  }
}

function stdDev(sum: number, squares: number, n: number): number {
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, squares / n - mean * mean));
}

/** When a pass balances, and which hosts give and take VMs. */
export interface BalancePolicy {
  /** The pass has load-balancing work to do in this model. */
  wants(model: BalanceModel): boolean;
  isSource(model: BalanceModel, host: string): boolean;
  /** May `host` take a VM that brings its load to `loadAfter`? */
  isTarget(model: BalanceModel, host: string, loadAfter: number): boolean;
  /** For the pass event: the priority of the pass's recommendations and the imbalance it tolerates. */
  priority(model: BalanceModel): number;
  targetImbalance(model: BalanceModel): number;
}

/**
 * vSphere DRS (classic, platform-facts §4.1): priority = 6 - ceil(imbalance / 0.1 x sqrt(N)),
 * between 2 and 5 for load-balancing moves (1 is for mandatory moves); a recommendation is applied
 * when its priority is at most the threshold, so threshold 1 never balances. Moves go from hosts
 * above the mean load to hosts below it.
 */
export function drsPolicy(p: PlacementParameters): BalancePolicy {
  const priority = (m: BalanceModel) => Math.min(5, Math.max(2, 6 - Math.ceil((m.imbalance / 0.1) * Math.sqrt(m.n))));
  return {
    wants: (m) => p.threshold >= 2 && m.imbalance > 1e-9 && priority(m) <= p.threshold,
    isSource: (m, h) => m.load.get(h)! > m.mean,
    isTarget: (m, h) => m.load.get(h)! < m.mean,
    priority,
    // priority <= T  <=>  ceil(x) >= 6 - T  <=>  x > 5 - T, with x = imbalance x 10 x sqrt(N).
    targetImbalance: (m) => (p.threshold >= 2 ? (5 - p.threshold) / (10 * Math.sqrt(Math.max(1, m.n))) : Infinity),
  };
}

/**
 * The Kubernetes descheduler's LowNodeUtilization (Harvester's optional balancer) and OpenStack
 * Watcher's workload_balance: VMs leave hosts above the high threshold for hosts below the low one,
 * as long as the target stays at or below the high threshold.
 */
export function lowNodeUtilizationPolicy(p: PlacementParameters): BalancePolicy {
  const low = p.lowUtilizationPercent / 100, high = p.highUtilizationPercent / 100;
  const any = (m: BalanceModel, test: (load: number) => boolean) => m.hosts.some((h) => test(m.load.get(h)!));
  return {
    wants: (m) => any(m, (l) => l > high) && any(m, (l) => l < low),
    isSource: (m, h) => m.load.get(h)! > high,
    isTarget: (m, h, after) => m.load.get(h)! < low && after <= high,
    priority: () => 0,
    targetImbalance: () => 0,
  };
}
