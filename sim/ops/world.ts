// The shared context of the ops: the engine, the cluster state, the network and the effective
// parameters, plus two cluster-wide conditions every op must respect: whether the management plane is
// up, and a coalesced "capacity changed" signal that wakes whatever waits for room (a stalled
// evacuation, a pending HA restart, a queued migration).
import type { SimEngine } from '../events/catalogue.ts';
import type { DelayedOperationKind } from '../events/management-events.ts';
import type { Cluster } from '../model/cluster.ts';
import type { Network } from '../model/network.ts';
import type { Parameters, StorageKind } from '../platforms/parameters.ts';
import type { Storage } from '../storage/storage.ts';

/**
 * A deliberately broken model variant, for testing the tests (test/property/canary): the property
 * suite must catch it and shrink it. Set only through `createSimulation`'s options, never from a
 * scenario file, the CLI or hcisim/testing's `simulate`.
 * leakReservation: a live migration that completes forgets to release its reservation on the target.
 */
export type Canary = 'leakReservation';

export class World {
  /** vCenter / Keystone / the Harvester API is down: nothing that needs it may start. */
  managementDown = false;
  /** Outages in progress (they may overlap); the plane is down while any is. */
  private outagesActive = 0;
  /** Operations waiting for the management plane, by `kind subject`, in the order they began to wait. */
  private readonly waiting = new Map<string, { kind: DelayedOperationKind; subject: string; sinceMs: number }>();
  /** Test-only broken variant (see Canary); undefined in every real run. */
  canary: Canary | undefined;
  /** The replicated storage layer; undefined for `none` (external storage, not modelled). */
  storage: Storage | undefined;
  /** VMs whose placement decisions the trace keeps in full (`hcisim run --explain VM-GLOB`). */
  explain: ((vmId: string) => boolean) | undefined;
  private readonly capacityListeners: (() => void)[] = [];
  private readonly managementListeners: (() => void)[] = [];
  private readonly managementWaitListeners: ((kind: DelayedOperationKind, subject: string) => void)[] = [];
  private readonly arrivalListeners: ((vmId: string, hostId: string) => void)[] = [];
  private wakePending = false;

  constructor(
    readonly engine: SimEngine,
    readonly cluster: Cluster,
    readonly network: Network,
    readonly params: Parameters,
  ) {}

  get storageKind(): StorageKind {
    return this.params.storage.kind;
  }

  /** A VM's disk lives on its host only with local storage: it cannot move or restart elsewhere. */
  get sharedStorage(): boolean {
    return this.params.storage.kind !== 'local';
  }

  onCapacityChange(listener: () => void): void {
    this.capacityListeners.push(listener);
  }

  onManagementRestored(listener: () => void): void {
    this.managementListeners.push(listener);
  }

  /** An operation began to wait for the management plane (once per wait, as it is recorded). */
  onManagementWait(listener: (kind: DelayedOperationKind, subject: string) => void): void {
    this.managementWaitListeners.push(listener);
  }

  /** A live migration landed a VM on a host (a host being drained must send it on). */
  onVmArrived(listener: (vmId: string, hostId: string) => void): void {
    this.arrivalListeners.push(listener);
  }

  vmArrived(vmId: string, hostId: string): void {
    for (const listener of this.arrivalListeners) listener(vmId, hostId);
  }

  /** Wakes the capacity listeners once, in registration order, from a fresh event at the current time. */
  capacityChanged(): void {
    if (this.wakePending) return;
    this.wakePending = true;
    this.engine.after(0, () => {
      this.wakePending = false;
      for (const listener of this.capacityListeners) listener();
    });
  }

  /** An outage begins (`true`) or ends; overlapping outages keep the plane down until the last ends. */
  setManagementDown(down: boolean): void {
    this.outagesActive = Math.max(0, this.outagesActive + (down ? 1 : -1));
    const wasDown = this.managementDown;
    this.managementDown = this.outagesActive > 0;
    if (!wasDown || this.managementDown) return;
    for (const w of this.waiting.values()) {
      this.engine.emit('management.operation.resume', { kind: w.kind, subject: w.subject, delayMs: this.engine.now - w.sinceMs });
    }
    this.waiting.clear();
    for (const listener of this.managementListeners) listener();
  }

  /**
   * An op calls this when `kind` on `subject` would start now but the management plane is down:
   * the wait is recorded once (a `management.operation.delay` event) and released, with how long
   * it lasted, when the plane returns. The op itself retries from its onManagementRestored listener.
   */
  waitForManagement(kind: DelayedOperationKind, subject: string): void {
    const key = `${kind} ${subject}`;
    if (this.waiting.has(key)) return;
    this.waiting.set(key, { kind, subject, sinceMs: this.engine.now });
    this.engine.emit('management.operation.delay', { kind, subject });
    for (const listener of this.managementWaitListeners) listener(kind, subject);
  }
}
