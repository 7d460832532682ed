// Powering VMs off and on, and losing them with their host. These are the only places where a VM
// stops or starts serving, so `vm.down` / `vm.up` in the trace bracket every outage exactly.
import type { EventHandle } from '../core/engine.ts';
import type { Vm } from '../model/cluster.ts';
import type { World } from './world.ts';

const LOST = 'its volume is lost';
const UNPLACED = 'its volume could not be placed';

export class Lifecycle {
  private readonly timers = new Map<string, EventHandle>();

  constructor(private readonly world: World) {}

  /**
   * Graceful shutdown; the VM stays assigned to its host, powered off. A VM still booting was not
   * serving yet (its outage is open until vm.up): its boot is abandoned with no second vm.down.
   */
  shutdown(vm: Vm, reason: string, then: () => void): void {
    const { engine, cluster } = this.world;
    const wasServing = vm.status === 'running' || vm.status === 'migrating' || vm.status === 'paused';
    cluster.setVmStatus(vm, 'stopping');
    if (wasServing) engine.emit('vm.down', { vm: vm.id, host: vm.host, reason });
    this.later(vm, this.world.params.policies.vm.shutdownSeconds * 1000, () => {
      cluster.setVmStatus(vm, 'stopped');
      engine.emit('vm.stopped', { vm: vm.id, host: vm.host });
      then();
    });
  }

  /** Why the VM cannot be powered on anywhere, if it cannot: its disk is gone for good, or never existed. */
  bootRefusal(vm: Vm): string | undefined {
    const storage = this.world.storage;
    if (storage === undefined) return undefined;
    if (storage.volumeUnplaced(vm.id)) return UNPLACED;
    return storage.state.volumes.get(vm.id)?.health === 'lost' ? LOST : undefined;
  }

  /**
   * The VM's volume is gone (lost, or never placed): a VM serving from it stops at once, with
   * vm.down saying why; one booting is refused when its boot ends; one powered off stays off.
   * Any live migration of it is the caller's to cancel.
   */
  volumeGone(vm: Vm, volume: 'lost' | 'unplaced'): void {
    const wasServing = vm.status === 'running' || vm.status === 'migrating' || vm.status === 'paused';
    if (!wasServing) return;
    this.cancelTimer(vm);
    this.world.cluster.setVmStatus(vm, 'down');
    this.world.engine.emit('vm.down', { vm: vm.id, host: vm.host, reason: volume === 'lost' ? LOST : UNPLACED, volume });
  }

  /**
   * Power-on on `hostId` (assigning it there); serving again after the guest boots. A VM whose
   * volume is lost is refused (it has nothing to boot from) and stays down where it is.
   */
  boot(vm: Vm, hostId: string, reason: string): void {
    const { engine, cluster } = this.world;
    const refusal = this.bootRefusal(vm);
    if (refusal !== undefined) {
      engine.emit('vm.boot.refused', { vm: vm.id, host: hostId, reason: refusal });
      return;
    }
    if (vm.host !== hostId) cluster.assign(vm, hostId);
    cluster.setVmStatus(vm, 'booting');
    engine.emit('vm.boot', { vm: vm.id, host: hostId, reason });
    // The guest may be live-migrated while it boots (a drain moves every powered-on VM): it comes up
    // wherever it is then, and a migration in flight keeps its status until it ends.
    // Its volume may be lost while it boots (local storage: the disk under it fails): it never comes up.
    this.later(vm, this.world.params.policies.vm.bootSeconds * 1000, () => {
      const lost = this.bootRefusal(vm);
      if (lost !== undefined) {
        if (vm.status === 'booting') cluster.setVmStatus(vm, 'down');
        engine.emit('vm.boot.refused', { vm: vm.id, host: vm.host ?? hostId, reason: lost });
        return;
      }
      if (vm.status === 'booting') cluster.setVmStatus(vm, 'running');
      engine.emit('vm.up', { vm: vm.id, host: vm.host ?? hostId });
    });
  }

  /**
   * The VM's host died under it: down at once, whatever it was doing. A VM still booting was not
   * serving yet (its outage, opened by vm.down, closes only at vm.up): vm.crash, not a second vm.down.
   */
  crash(vm: Vm, reason: string): void {
    const wasServing = vm.status === 'running' || vm.status === 'migrating' || vm.status === 'paused';
    this.cancelTimer(vm);
    const before = vm.status;
    this.world.cluster.setVmStatus(vm, 'down');
    // A VM that was already shut down stays accounted as down from its shutdown; no second vm.down.
    if (wasServing) this.world.engine.emit('vm.down', { vm: vm.id, host: vm.host, reason });
    else this.world.engine.emit('vm.crash', { vm: vm.id, host: vm.host, was: before });
  }

  private later(vm: Vm, delayMs: number, action: () => void): void {
    this.cancelTimer(vm);
    this.timers.set(
      vm.id,
      this.world.engine.after(delayMs, () => {
        this.timers.delete(vm.id);
        action();
      }),
    );
  }

  private cancelTimer(vm: Vm): void {
    const handle = this.timers.get(vm.id);
    if (handle !== undefined) {
      this.world.engine.cancel(handle);
      this.timers.delete(vm.id);
    }
  }
}
