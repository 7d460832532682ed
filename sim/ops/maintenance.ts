// Rolling maintenance (the scenario's `rollingMaintenance`): hosts in name order, at most
// `concurrency` at a time. Each host is drained (live migration where platform and storage allow
// it; otherwise a shutdown, and a cold restart elsewhere when the disk is on shared storage, or on
// the same host after the work when it is local), then the work takes `workDuration` (reboot
// included), then the host returns and the next one starts. A host that cannot be drained stalls
// the rollout until capacity appears; one whose storage may not stop yet (Ceph's ok-to-stop) waits
// drained until it may; every stall is an event with its reason. When what a host waits for
// changes (storage's preparation is done, but the management plane is down) the stall says so:
// a new reason, or maintenance.stall.end when nothing holds the drain any more.
import { place, placedFields, refusalReason } from '../placement/place.ts';
import { haProtected } from './ha.ts';
import type { Vm } from '../model/cluster.ts';
import type { ScheduleEntry } from '../scenario/types.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { MigrationScheduler } from './migration.ts';
import type { World } from './world.ts';

type RollingEntry = Extract<ScheduleEntry, { do: 'rollingMaintenance' }>;

interface Drain {
  host: string;
  /** VMs still to leave (or to be powered off), sorted. */
  waiting: Set<string>;
  /** VMs powered off here that boot again when the host returns (local storage). */
  bootAfter: string[];
  /** VMs waiting for a cold-restart target. */
  coldQueue: Vm[];
  /** What the drain waits for now, if anything. */
  stallReason?: string;
  /** The reason the storage preparation gave, while it holds the drain. */
  preparationReason?: string;
  /** The drain waited at some point (host.maintenance.start says so). */
  stalled: boolean;
  /** A migration off this host waits for the management plane. */
  heldByManagement: boolean;
  inWork: boolean;
  /** The work is done but the host waits for the management plane to leave maintenance. */
  exitWaiting: boolean;
  /** The storage layer's preparation (data migration, drain policy) is done. */
  storageReady: boolean;
}

export class RollingMaintenance {
  private readonly pending: string[];
  private readonly active = new Map<string, Drain>();
  /**
   * The host each VM last left for maintenance, to move it back to when that host returns
   * (policies.ha.maintenanceMovesBack); a later drain overwrites it, as ha-manager's maintenance_node.
   */
  private readonly returnTo = new Map<string, string>();
  /** VMs with a move-back asked for and not yet over: an evacuation that joins one records no home. */
  private readonly returning = new Set<string>();
  private completed = 0;
  private phase: 'waiting' | 'running' | 'done' = 'waiting';

  constructor(
    private readonly world: World,
    private readonly entry: RollingEntry,
    private readonly migrations: MigrationScheduler,
    private readonly lifecycle: Lifecycle,
  ) {
    this.pending = [...entry.hosts];
    world.onCapacityChange(() => this.retryStalled());
    // A migration that was already heading here when the drain began lands on a draining host:
    // it has to leave again, as vCenter's maintenance task and a Kubernetes drain both do.
    world.onVmArrived((vmId, hostId) => {
      const drain = this.active.get(hostId);
      if (drain !== undefined && !drain.inWork) this.evacuate(drain, world.cluster.vm(vmId));
    });
    world.onManagementRestored(() => this.managementBack());
    world.onManagementWait((kind, subject) => {
      if (kind !== 'migration') return;
      for (const drain of this.active.values()) {
        if (drain.inWork || !drain.waiting.has(subject)) continue;
        drain.heldByManagement = true;
        // While storage's preparation holds the drain, the wait stays storage's until it is done.
        if (drain.storageReady) this.stall(drain, managementReason(drain.host));
      }
    });
  }

  start(): void {
    this.phase = 'running';
    this.world.engine.emit('maintenance.start', {
      index: this.entry.index, hosts: this.entry.hosts, concurrency: this.entry.concurrency,
      workDurationMs: this.entry.workDurationMs, mode: this.entry.mode,
    });
    if (this.entry.mode === 'upgrade') this.world.storage?.upgrade(true);
    this.fill();
  }

  /** Starts hosts while slots are free; the orchestrator (vLCM, the drain job, Nova) needs the API. */
  private fill(): void {
    if (this.phase !== 'running') return;
    if (this.world.managementDown) {
      const free = this.entry.concurrency - this.active.size;
      for (const hostId of this.pending.slice(0, Math.max(0, free))) this.world.waitForManagement('maintenanceEnter', hostId);
      return;
    }
    const batch: string[] = [];
    while (this.active.size + batch.length < this.entry.concurrency && this.pending.length > 0) {
      const hostId = this.pending.shift()!;
      const host = this.world.cluster.host(hostId);
      if (host.status !== 'up') {
        this.world.engine.emit('host.maintenance.skip', { host: hostId, reason: `host is ${host.status}` });
        continue;
      }
      batch.push(hostId);
    }
    // Every host of the batch drains before the first evacuation picks a target: otherwise the
    // first host's VMs land on the second, which then has to move them again.
    for (const hostId of batch) this.world.cluster.setHostStatus(this.world.cluster.host(hostId), 'draining');
    for (const hostId of batch) this.drain(hostId);
    if (this.active.size === 0 && this.pending.length === 0) this.finish();
  }

  private drain(hostId: string): void {
    const { cluster, engine } = this.world;
    const host = cluster.host(hostId);
    cluster.setHostStatus(host, 'draining');
    const storage = this.world.storage;
    const drain: Drain = {
      host: hostId, waiting: new Set(), bootAfter: [], coldQueue: [], stalled: false, heldByManagement: false, inWork: false, exitWaiting: false, storageReady: storage === undefined,
    };
    this.active.set(hostId, drain);
    engine.emit('host.maintenance.enter', { host: hostId, vms: [...host.vms], dataMigration: this.entry.dataMigration });
    for (const vmId of [...host.vms]) this.evacuate(drain, cluster.vm(vmId));
    storage?.prepareMaintenance(
      hostId,
      this.entry.dataMigration,
      () => {
        drain.storageReady = true;
        this.checkDrained(drain);
        this.preparationDone(drain);
      },
      (reason) => {
        drain.preparationReason = reason;
        this.stall(drain, reason);
      },
    );
    this.world.capacityChanged();
    this.checkDrained(drain);
  }

  private evacuate(drain: Drain, vm: Vm): void {
    const m = this.world.params.policies.migration;
    if (vm.status === 'stopped' || vm.status === 'down') {
      drain.bootAfter.push(vm.id);
      return;
    }
    drain.waiting.add(vm.id);
    // Proxmox's HA node maintenance mode migrates the HA resources only; the other guests stay and are
    // shut down with the node (pve-docs ha-manager.adoc, "Node Maintenance").
    const staysForMaintenance = this.world.params.policies.ha.maintenanceMovesOnlyProtected && !haProtected(vm, this.world);
    const movable = this.world.sharedStorage || m.withLocalDisks;
    if (m.live && movable && !staysForMaintenance) {
      // ha-manager records maintenance_node only for a service that was started on the node, not
      // for one already migrating (pve-ha-manager Manager.pm next_state_started).
      const recordHome = !this.returning.has(vm.id);
      this.migrations.request(vm, {
        migrated: () => {
          if (recordHome) this.returnTo.set(vm.id, drain.host);
          this.left(drain, vm.id);
        },
        blocked: (reason) => this.stall(drain, reason),
        gaveUp: (reason) => this.stall(drain, reason),
        // Its volume was lost: it is down here, like a VM found down when the drain began.
        wentDown: () => {
          drain.bootAfter.push(vm.id);
          this.left(drain, vm.id);
        },
      });
      return;
    }
    const reason = !m.live ? 'no live migration on this platform' : !movable ? 'local storage: no live migration' : 'not under HA: maintenance mode moves HA resources only';
    this.lifecycle.shutdown(vm, `maintenance (${reason})`, () => {
      if (this.world.sharedStorage && !staysForMaintenance) {
        drain.coldQueue.push(vm);
        this.coldRestart(drain);
      } else {
        drain.bootAfter.push(vm.id);
        this.left(drain, vm.id);
      }
    });
  }

  /** Shared storage without live migration: power on elsewhere (a cold migration). */
  private coldRestart(drain: Drain): void {
    const { cluster } = this.world;
    while (drain.coldQueue.length > 0) {
      if (this.world.managementDown) {
        this.stall(drain, managementReason(drain.host));
        return this.world.waitForManagement('placement', drain.coldQueue[0].id);
      }
      const vm = drain.coldQueue[0];
      const refusal = this.lifecycle.bootRefusal(vm);
      if (refusal !== undefined) {
        // Nothing to restart elsewhere: it stays powered off here, and the drain does not wait for it.
        drain.coldQueue.shift();
        this.world.engine.emit('vm.boot.refused', { vm: vm.id, host: drain.host, reason: refusal });
        this.left(drain, vm.id);
        continue;
      }
      const decision = place({ cluster, admission: true, explain: this.world.explain }, vm, { exclude: drain.host });
      if (decision.host === undefined) {
        this.stall(drain, refusalReason(decision));
        return;
      }
      drain.coldQueue.shift();
      this.world.engine.emit('vm.place', { vm: vm.id, host: decision.host, reason: 'cold migration', ...placedFields(decision) });
      this.lifecycle.boot(vm, decision.host, 'cold migration');
      this.left(drain, vm.id);
    }
  }

  private left(drain: Drain, vmId: string): void {
    drain.waiting.delete(vmId);
    this.checkDrained(drain);
  }

  private stall(drain: Drain, reason: string): void {
    if (this.active.get(drain.host) !== drain || drain.inWork || drain.stallReason === reason) return;
    drain.stallReason = reason;
    drain.stalled = true;
    this.world.engine.emit('maintenance.stall', { index: this.entry.index, host: drain.host, reason });
  }

  /** What the drain waited for is over and it goes on: said only while it still drains. */
  private endStall(drain: Drain, reason: string): void {
    if (this.active.get(drain.host) !== drain || drain.inWork || drain.stallReason !== reason) return;
    drain.stallReason = undefined;
    this.world.engine.emit('maintenance.stall.end', { index: this.entry.index, host: drain.host, reason });
  }

  /**
   * Storage's preparation is done and the host did not enter maintenance at once: its wait for
   * storage is over. Its migrations may be held by a management outage that began meanwhile:
   * the drain waits for the plane now; otherwise it is simply still evacuating.
   */
  private preparationDone(drain: Drain): void {
    const reason = drain.preparationReason;
    drain.preparationReason = undefined;
    if (reason === undefined || drain.stallReason !== reason) return;
    if (this.world.managementDown && drain.heldByManagement) this.stall(drain, managementReason(drain.host));
    else this.endStall(drain, reason);
  }

  /** The management plane is back: hosts whose work ended leave maintenance, drains go on, new hosts start. */
  private managementBack(): void {
    for (const drain of [...this.active.values()]) {
      drain.heldByManagement = false;
      if (drain.exitWaiting) this.workDone(drain);
      else if (!drain.inWork) {
        if (drain.coldQueue.length > 0) this.coldRestart(drain);
        this.checkDrained(drain);
        this.endStall(drain, managementReason(drain.host));
      }
    }
    this.fill();
  }

  private retryStalled(): void {
    for (const drain of [...this.active.values()]) {
      if (drain.coldQueue.length > 0) this.coldRestart(drain);
      this.checkDrained(drain);
    }
  }

  private checkDrained(drain: Drain): void {
    if (drain.inWork || drain.waiting.size > 0 || !drain.storageReady) return;
    const { cluster, engine } = this.world;
    const host = cluster.host(drain.host);
    if (host.status !== 'draining' || host.incoming.length > 0) return;
    // Entering maintenance mode (vCenter's task, a cordoned node's drain completing) needs the API.
    if (this.world.managementDown) {
      this.stall(drain, managementReason(drain.host));
      return this.world.waitForManagement('maintenanceStart', drain.host);
    }
    // Ceph: the host's OSDs stop only when ok-to-stop allows it (checked now, as they stop).
    const refusal = this.world.storage?.stopRefusal(drain.host, () => this.checkDrained(drain));
    if (refusal !== undefined) {
      this.stall(drain, refusal);
      return;
    }
    drain.inWork = true;
    cluster.setHostStatus(host, 'maintenance');
    engine.emit('host.maintenance.start', { host: drain.host, stalled: drain.stalled });
    this.world.storage?.hostDown(drain.host, 'maintenance');
    engine.after(this.entry.workDurationMs, () => this.workDone(drain));
  }

  private workDone(drain: Drain): void {
    const { cluster, engine } = this.world;
    const host = cluster.host(drain.host);
    if (host.status === 'failed') return; // hostFailed() already ended this host's maintenance
    // Exit maintenance mode / uncordon is an API call: the host stays out until the plane is back.
    drain.exitWaiting = this.world.managementDown;
    if (drain.exitWaiting) return this.world.waitForManagement('maintenanceExit', drain.host);
    cluster.setHostStatus(host, 'up');
    engine.emit('host.maintenance.end', { host: drain.host });
    this.world.storage?.hostUp(drain.host);
    for (const vmId of drain.bootAfter) {
      const vm = cluster.vm(vmId);
      if (vm.host === drain.host && (vm.status === 'stopped' || vm.status === 'down')) this.lifecycle.boot(vm, drain.host, 'host returned');
    }
    this.moveBack(drain.host);
    this.completed++;
    this.active.delete(drain.host);
    this.world.capacityChanged();
    this.fill();
  }

  /**
   * Proxmox HA and AHV migrate the VMs maintenance moved away back to their returned host. The
   * moves join the migration queue ahead of the next host's evacuation (they are asked for first)
   * and share its per-host limits and NICs; the rollout does not wait for them, as an operator
   * disabling maintenance on one node and enabling it on the next does not.
   */
  private moveBack(hostId: string): void {
    if (!this.world.params.policies.ha.maintenanceMovesBack) return;
    const { cluster } = this.world;
    // In VM id order, as the CRM walks its services sorted by id.
    const back = [...this.returnTo].filter(([, home]) => home === hostId).map(([vmId]) => vmId).sort();
    for (const vmId of back) {
      this.returnTo.delete(vmId);
      const vm = cluster.vm(vmId);
      if (vm.status !== 'running' || vm.host === undefined || vm.host === hostId) continue;
      this.returning.add(vmId);
      const over = () => this.returning.delete(vmId);
      this.migrations.request(vm, { migrated: over, blocked: () => {}, gaveUp: over, wentDown: over }, hostId, 'maintenanceMoveBack');
    }
  }

  /** The host failed while in this rollout: its maintenance is abandoned and the next host may start. */
  hostFailed(hostId: string): void {
    const drain = this.active.get(hostId);
    if (!drain) return;
    this.active.delete(hostId);
    this.world.storage?.cancelPreparation(hostId);
    this.world.engine.emit('host.maintenance.abort', { host: hostId, reason: 'host failed' });
    this.fill();
  }

  private finish(): void {
    this.phase = 'done';
    if (this.entry.mode === 'upgrade') this.world.storage?.upgrade(false);
    this.world.engine.emit('maintenance.end', { index: this.entry.index, hostsCompleted: this.completed, hosts: this.entry.hosts.length });
  }

  get isDone(): boolean {
    return this.phase === 'done';
  }
}

/** The stall reason while the management plane holds a drain (reports count it apart by its prefix). */
function managementReason(host: string): string {
  return `management: the management plane is down: ${host}'s evacuation and its entry into maintenance mode wait for it`;
}
