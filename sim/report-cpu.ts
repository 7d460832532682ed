// The summary's `cpu` and `balancing` parts as a fold over `host.cpu` and `balance.*` events: per
// host the last utilisation and contended-VM count, and running sums over hosts, so each event
// costs O(1) and time integrals advance only when something changed.
import type { SimEvent } from './events/catalogue.ts';
import { round } from './report-math.ts';
import type { Summary } from './summary.ts';

export class CpuFold {
  private readonly utilization = new Map<string, number>();
  private readonly contended = new Map<string, number>();
  private utilizationSum = 0;
  private contendedNow = 0;
  private lastMs = 0;
  /** Integrals over time: sum of host utilisations x ms, contended VMs x ms. */
  private utilizationMs = 0;
  private contendedVmMs = 0;
  private peakUtilization = 0;
  private peakReady = 0;
  private passes = 0;
  private moves = 0;
  private ruleMoves = 0;

  constructor(private readonly hosts: number) {}

  onEvent(e: SimEvent): void {
    if (e.type === 'balance.pass') this.passes++;
    else if (e.type === 'balance.move') {
      this.moves++;
      if (e.reason === 'rule') this.ruleMoves++;
    } else if (e.type === 'host.cpu') this.hostCpu(e);
  }

  private hostCpu(e: Extract<SimEvent, { type: 'host.cpu' }>): void {
    this.advance(e.t);
    this.utilizationSum += e.utilization - (this.utilization.get(e.host) ?? 0);
    this.contendedNow += e.contendedVms - (this.contended.get(e.host) ?? 0);
    this.utilization.set(e.host, e.utilization);
    this.contended.set(e.host, e.contendedVms);
    this.peakUtilization = Math.max(this.peakUtilization, e.utilization);
    this.peakReady = Math.max(this.peakReady, e.readyPercentMax);
  }

  private advance(t: number): void {
    const dt = t - this.lastMs;
    this.utilizationMs += this.utilizationSum * dt;
    this.contendedVmMs += this.contendedNow * dt;
    this.lastMs = t;
  }

  figures(endMs: number): Summary['cpu'] {
    const dt = Math.max(0, endMs - this.lastMs);
    const utilizationMs = this.utilizationMs + this.utilizationSum * dt;
    const contendedVmMs = this.contendedVmMs + this.contendedNow * dt;
    return {
      meanHostUtilization: this.hosts > 0 && endMs > 0 ? round(utilizationMs / (this.hosts * endMs), 4) : 0,
      peakHostUtilization: round(this.peakUtilization, 4),
      contendedVmHours: round(contendedVmMs / 3_600_000, 3),
      peakReadyPercent: round(this.peakReady, 3),
    };
  }

  balancing(): Summary['balancing'] {
    return { passes: this.passes, moves: this.moves, ruleMoves: this.ruleMoves };
  }
}
