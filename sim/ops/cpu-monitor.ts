// Turns the CPU model's running totals into the trace: once per instant, each host whose demand,
// migration CPU or contention changed gets a `host.cpu` event with its fair-share outcome. The
// summary's CPU figures and a view's host-CPU chart are folds over these events. Only changed
// hosts are visited (the model marks them), so an event costs O(VMs on the hosts it touched).
import type { HostShare } from '../model/cpu.ts';
import type { World } from './world.ts';

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export class CpuMonitor {
  private pending = false;
  /** What each host's last host.cpu said, to skip repeats. */
  private readonly last = new Map<string, string>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly world: World) {
    world.cluster.cpu.onDirty = () => this.schedule();
  }

  /** Called after each flush: some host's CPU changed (the balancer wakes on it). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    this.world.engine.after(0, () => {
      this.pending = false;
      this.flush();
    });
  }

  flush(): void {
    const { cluster, engine } = this.world;
    for (const hostId of cluster.cpu.takeDirty()) {
      const share = cluster.cpu.share(hostId, cluster.cpuConsumers(hostId));
      const fields = hostCpuFields(hostId, share, cluster.cpu.host(hostId).coreGHz);
      const key = `${fields.demandGHz}|${fields.migrationGHz}|${fields.contendedVms}|${fields.readyPercentMax}`;
      if (this.last.get(hostId) === key) continue;
      this.last.set(hostId, key);
      engine.emit('host.cpu', fields);
    }
    for (const listener of this.listeners) listener();
  }
}

export function hostCpuFields(host: string, s: HostShare, coreGHz: number) {
  const ghz = (milli: number) => round((milli * coreGHz) / 1000, 4);
  return {
    host,
    demandGHz: ghz(s.demandMilli),
    migrationGHz: ghz(s.migrationMilli),
    usableGHz: ghz(s.usableMilli),
    utilization: s.usableMilli === 0 ? 0 : round(s.deliveredMilli / s.usableMilli, 6),
    contendedVms: s.contendedVms,
    readyPercentMax: round(s.readyPercentMax, 4),
  };
}
