// The scenario's fault and operation schedule applied to the cluster: host failure and repair,
// disk failure and replacement, management-plane outages and load changes. Each handler records
// the change in the trace and tells the ops that depend on it (migrations, maintenance, HA).
import type { ScheduleEntry } from '../scenario/types.ts';
import type { HighAvailability } from './ha.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { MigrationScheduler } from './migration.ts';
import type { RollingMaintenance } from './maintenance.ts';
import type { World } from './world.ts';

export class Faults {
  readonly rollouts: RollingMaintenance[] = [];
  /** Failed hosts whose disks were destroyed with them. */
  private readonly disksLost = new Set<string>();

  constructor(
    private readonly world: World,
    private readonly lifecycle: Lifecycle,
    private readonly migrations: MigrationScheduler,
    private readonly ha: HighAvailability,
  ) {}

  /**
   * A host fails. With `disks: 'lost'` its disks die with it: their copies are destroyed (repairs
   * start elsewhere, and a set whose newest copy was there is lost), and a repaired host comes back
   * with empty disks.
   */
  failHost(hostId: string, repairAfterMs: number | undefined, disks: 'kept' | 'lost' = 'kept'): void {
    const { cluster, engine } = this.world;
    const host = cluster.host(hostId);
    if (host.status === 'failed') {
      engine.emit('host.fail.ignored', { host: hostId, reason: 'already failed' });
      return;
    }
    const wasInMaintenance = host.status === 'maintenance';
    cluster.setHostStatus(host, 'failed');
    engine.emit('host.fail', { host: hostId, vms: [...host.vms], wasInMaintenance, disks });
    for (const rollout of this.rollouts) rollout.hostFailed(hostId);
    this.migrations.hostFailed(hostId);
    for (const vmId of [...host.vms]) this.lifecycle.crash(cluster.vm(vmId), 'host failure');
    this.world.storage?.hostDown(hostId, 'failure');
    if (disks === 'lost') {
      this.disksLost.add(hostId);
      for (let d = 0; d < host.spec.disks.count; d++) this.failDisk(hostId, d, undefined);
    }
    this.ha.hostFailed(hostId);
    if (repairAfterMs !== undefined) engine.after(repairAfterMs, () => this.repairHost(hostId));
    this.world.capacityChanged();
  }

  repairHost(hostId: string): void {
    const { cluster, engine } = this.world;
    const host = cluster.host(hostId);
    if (host.status !== 'failed') return;
    cluster.setHostStatus(host, 'up');
    engine.emit('host.repair', { host: hostId });
    this.world.storage?.hostUp(hostId);
    // A host whose disks died with it comes back with new, empty ones.
    if (this.disksLost.delete(hostId)) for (const d of [...host.failedDisks]) this.replaceDisk(hostId, d);
    // VMs that HA did not (or could not) restart elsewhere boot where their disks are.
    for (const vmId of [...host.vms]) {
      const vm = cluster.vm(vmId);
      if (vm.status === 'down' || vm.status === 'stopped') this.lifecycle.boot(vm, hostId, 'host repaired');
    }
    this.world.capacityChanged();
  }

  failDisk(hostId: string, disk: number, replaceAfterMs: number | undefined): void {
    const { cluster, engine } = this.world;
    const host = cluster.host(hostId);
    if (host.failedDisks.includes(disk)) return;
    host.failedDisks = [...host.failedDisks, disk].sort((a, b) => a - b);
    engine.emit('disk.fail', { host: hostId, disk });
    this.world.storage?.diskFailed(hostId, disk);
    if (replaceAfterMs !== undefined) engine.after(replaceAfterMs, () => this.replaceDisk(hostId, disk));
  }

  replaceDisk(hostId: string, disk: number): void {
    const host = this.world.cluster.host(hostId);
    if (!host.failedDisks.includes(disk)) return;
    host.failedDisks = host.failedDisks.filter((d) => d !== disk);
    this.world.engine.emit('disk.replace', { host: hostId, disk });
    this.world.storage?.diskReplaced(hostId, disk);
  }

  /**
   * Volumes were lost (a volume's id is its VM's id): their VMs have nothing to run from. A serving
   * VM stops where it is (a live migration of it is cancelled; a drain counts it as down), and it
   * never boots again: HA, repairs and maintenance are refused its boot (Lifecycle.bootRefusal).
   */
  volumesLost(volumes: readonly string[]): void {
    for (const id of volumes) this.volumeGone(id, 'lost');
  }

  /**
   * The layout placed no data copy of these volumes: their VMs, placed just before, never serve.
   * Each is down from the start, with a vm.down that says why.
   */
  volumesUnplaced(volumes: readonly string[]): void {
    for (const id of volumes) this.volumeGone(id, 'unplaced');
  }

  private volumeGone(volumeId: string, volume: 'lost' | 'unplaced'): void {
    const vm = this.world.cluster.vm(volumeId);
    const serving = vm.status === 'running' || vm.status === 'migrating' || vm.status === 'paused';
    this.lifecycle.volumeGone(vm, volume);
    if (serving) this.migrations.vmDown(vm);
  }

  /** vCenter / Keystone / the Harvester API down: no new migrations, drains or API-driven restarts. */
  managementOutage(durationMs: number): void {
    const { engine } = this.world;
    engine.emit('management.outage.start', { durationMs });
    this.world.setManagementDown(true);
    engine.after(durationMs, () => {
      engine.emit('management.outage.end', {});
      this.world.setManagementDown(false);
    });
  }

  setLoad(vmIds: string[], cpuUtilization: number): void {
    for (const id of vmIds) this.world.cluster.setCpuUtilization(this.world.cluster.vm(id), cpuUtilization);
    this.world.engine.emit('vm.load', { vms: vmIds, cpuUtilization });
  }

  apply(entry: ScheduleEntry, startRollout: (e: Extract<ScheduleEntry, { do: 'rollingMaintenance' }>) => void): void {
    switch (entry.do) {
      case 'rollingMaintenance': return startRollout(entry);
      case 'failHost': return this.failHost(entry.host, entry.repairAfterMs, entry.disks);
      case 'failDisk': return this.failDisk(entry.host, entry.disk, entry.replaceAfterMs);
      case 'managementOutage': return this.managementOutage(entry.durationMs);
      case 'setLoad': return this.setLoad(entry.vms, entry.cpuUtilization);
    }
  }
}
