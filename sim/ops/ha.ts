// Restarting the VMs of a failed host elsewhere, as each platform really does it: vSphere HA
// declares the host dead after 15 s without heartbeats and restarts its VMs at once on hosts with
// room; Harvester waits for the node to go NotReady and then its vm-force-reset period (300 s);
// OpenStack restarts nothing unless evacuation is configured (platform-facts §4.6, §1.7, §2.4, §5).
// VMs on local storage cannot restart elsewhere: their disk died with the host. Restarts that find
// no room wait and retry whenever capacity changes; a VM whose volume is inaccessible (every copy
// holding its data is away) cannot power on anywhere and waits until the volume is readable again.
import { antiAffinity } from '../placement/filters.ts';
import { place, placedFields, refusalReason } from '../placement/place.ts';
import { replicationLagMs } from '../storage/zfs.ts';
import type { Vm } from '../model/cluster.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { World } from './world.ts';

/** Whether HA restarts the VM: its group's `ha`, else the platform's default. */
export function haProtected(vm: Vm, world: World): boolean {
  return vm.spec.ha ?? world.params.policies.ha.protectedByDefault;
}

export class HighAvailability {
  /** VMs declared for restart, in id order. */
  private pending: Vm[] = [];
  private readonly blockedReasons = new Map<string, string>();
  /** When each host last failed: an asynchronous replica is as old as the last run before that. */
  private readonly failedAt = new Map<string, number>();
  private retryPending = false;

  constructor(private readonly world: World, private readonly lifecycle: Lifecycle) {
    world.onCapacityChange(() => this.restart());
    world.onManagementRestored(() => this.restart());
    // A volume readable again may let a waiting restart go: retried from a fresh event, not inside
    // the storage change that reported it.
    world.engine.trace.subscribe((e) => {
      if (e.type !== 'volume.health' || e.from !== 'inaccessible' || this.pending.length === 0 || this.retryPending) return;
      this.retryPending = true;
      world.engine.after(0, () => {
        this.retryPending = false;
        this.restart();
      });
    });
  }

  hostFailed(hostId: string): void {
    const { engine } = this.world;
    const ha = this.world.params.policies.ha;
    this.failedAt.set(hostId, engine.now);
    if (!ha.enabled) return;
    if (!this.world.sharedStorage) {
      engine.emit('ha.skip', { host: hostId, reason: 'local storage: the disks are on the failed host' });
      return;
    }
    engine.after(ha.detectionSeconds * 1000, () => {
      if (this.world.cluster.host(hostId).status !== 'failed') return;
      engine.emit('ha.detect', { host: hostId });
      engine.after(ha.restartDelaySeconds * 1000, () => this.declare(hostId));
    });
  }

  private declare(hostId: string): void {
    const { cluster, engine } = this.world;
    if (cluster.host(hostId).status !== 'failed') return;
    const down = cluster.host(hostId).vms.map((id) => cluster.vm(id)).filter((vm) => vm.status === 'down');
    const vms = down.filter((vm) => haProtected(vm, this.world));
    const unprotected = down.filter((vm) => !haProtected(vm, this.world)).map((v) => v.id);
    if (unprotected.length > 0) engine.emit('ha.unprotected', { host: hostId, vms: unprotected });
    engine.emit('ha.restart.start', { host: hostId, vms: vms.map((v) => v.id) });
    this.pending = [...this.pending, ...vms].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.restart();
  }

  /** The guest restarts from the replica on `to`: what it wrote since the last replication run is gone. */
  private replicaLoss(vm: Vm, from: string, to: string): void {
    const failedAt = this.failedAt.get(from) ?? this.world.engine.now;
    const lagMs = replicationLagMs(failedAt, this.world.params.policies.storage.zfs.replicationIntervalSeconds);
    const bytes = Math.round((lagMs / 1000) * vm.spec.diskWriteMiBps * 2 ** 20);
    this.world.engine.emit('replication.loss', { vm: vm.id, from, to, lagMs, bytes });
  }

  /** Places and boots every pending VM that fits; HA's own restarts ignore admission control. */
  private restart(): void {
    const { cluster, engine } = this.world;
    if (this.world.managementDown && !this.world.params.policies.ha.survivesManagementOutage) {
      for (const vm of this.pending) if (vm.status === 'down') this.world.waitForManagement('haRestart', vm.id);
      return;
    }
    const still: Vm[] = [];
    for (const vm of this.pending) {
      const home = vm.host === undefined ? undefined : cluster.host(vm.host);
      if (vm.status !== 'down' || home === undefined || home.status !== 'failed') continue;
      const refusal = this.lifecycle.bootRefusal(vm);
      if (refusal !== undefined) {
        engine.emit('vm.boot.refused', { vm: vm.id, host: home.id, reason: refusal });
        continue;
      }
      if (this.world.storage?.state.volumes.get(vm.id)?.health === 'inaccessible') {
        this.blocked(vm, 'storage: its volume is inaccessible (no copy holding its data is reachable)');
        still.push(vm);
        continue;
      }
      const ignoreAntiAffinity = !this.world.params.policies.ha.restartRespectsAntiAffinity;
      const decision = place({ cluster, admission: false, explain: this.world.explain, ignoreAntiAffinity }, vm);
      if (decision.host === undefined) {
        this.blocked(vm, refusalReason(decision));
        still.push(vm);
        continue;
      }
      this.blockedReasons.delete(vm.id);
      if (this.world.storageKind === 'zfs') this.replicaLoss(vm, home.id, decision.host);
      const target = cluster.host(decision.host);
      const broken = ignoreAntiAffinity && antiAffinity.reject({ cluster, admission: false }, vm, target) !== undefined;
      engine.emit('vm.place', { vm: vm.id, host: decision.host, reason: 'HA restart', ...placedFields(decision), ...(broken ? { antiAffinityBroken: vm.spec.antiAffinity } : {}) });
      this.lifecycle.boot(vm, decision.host, 'HA restart');
      if (broken) vm.antiAffinityWaived = true;
    }
    this.pending = still;
  }

  private blocked(vm: Vm, reason: string): void {
    if (this.blockedReasons.get(vm.id) === reason) return;
    this.blockedReasons.set(vm.id, reason);
    this.world.engine.emit('ha.restart.blocked', { vm: vm.id, reason });
  }
}
