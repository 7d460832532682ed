// vSAN durability components (7.0 U1 for ensureAccessibility maintenance, 7.0 U2 for host failures;
// VMware vSAN docs "vSAN fault domains", GUID-55A68E11). When a component goes absent and a fault
// domain holds no component of its object, vSAN creates a durability component there, and the writes
// the absent component misses go to it as well. The absent component and its durability component
// then hold the newest data together: if the object's other copies fail meanwhile, the object is
// inaccessible until the absent component returns and the durability component is merged into it,
// not lost. On return the missed writes are read from the durability component (the merge), which is
// then deleted. Here it is a copy with `durability` set, linked from the absent copy as its
// `partner`: no vote, no full data, no space counted (it holds only the writes since the absence).
// It lives until the merge, until the absent copy is dropped, replaced or its repair timer expires
// (the rebuild of a new component then takes over), until its own host or disk goes, or until a
// component of the object is placed on its host (it only borrows a spare fault domain). Dropping it
// when its host merely leaves is pessimistic: were the object's last current copy to fail too (a
// third failure), vSAN could still merge it once that host returned; here the data counts as lost.
import type { EventType, Events } from '../events/catalogue.ts';
import type { DataMigrationMode } from '../scenario/types.ts';
import type { PolicyContext, StoragePolicy } from './policy.ts';
import type { Copy, ReplicaSet } from './types.ts';

/** What the storage engine lends the durability components. */
export interface DurabilityEngine {
  readonly ctx: PolicyContext;
  readonly policy: StoragePolicy;
  emit<K extends EventType>(type: K, fields: Events[K]): void;
  addCopy(set: ReplicaSet, host: string, disk: number, state: Copy['state'], witness?: boolean, durability?: boolean): Copy;
  removeCopy(set: ReplicaSet, copy: Copy): void;
}

export type DropReason = 'merged' | 'expired' | 'host down' | 'disk failed' | 'component dropped' | 'displaced';

export class DurabilityComponents {
  constructor(private readonly engine: DurabilityEngine) {}

  /** `copy` just went absent: give it a durability component if the kind and a spare fault domain allow. */
  create(set: ReplicaSet, copy: Copy, cause: 'failure' | 'maintenance', mode: DataMigrationMode | undefined): void {
    const { policy, ctx } = this.engine;
    if (copy.witness || copy.partner || set.lost || !policy.durabilityTarget) return;
    const target = policy.durabilityTarget(ctx, set, cause, mode);
    if (target === undefined) return;
    copy.partner = this.engine.addCopy(set, target.host, target.disk, 'current', false, true);
    this.engine.emit('replica.durability.create', { set: set.name, host: target.host, disk: target.disk, for: copy.host });
  }

  /** Drops the durability component of `copy`, if it has one. */
  drop(set: ReplicaSet, copy: Copy, reason: DropReason): void {
    const partner = copy.partner;
    if (partner === undefined) return;
    copy.partner = undefined;
    this.engine.removeCopy(set, partner);
    this.engine.emit('replica.durability.drop', { set: set.name, host: partner.host, for: copy.host, reason });
  }

  /** A durability component is dropped on its own account (its host left, or a component displaced it). */
  dropComponent(set: ReplicaSet, component: Copy, reason: DropReason): void {
    const owner = set.copies.find((c) => c.partner === component);
    if (owner) this.drop(set, owner, reason);
    else this.engine.removeCopy(set, component);
  }

  /** A copy left the set: a component takes its durability component along; a durability component unlinks. */
  removed(set: ReplicaSet, copy: Copy): void {
    if (copy.partner) this.drop(set, copy, 'component dropped');
    if (!copy.durability) return;
    const owner = set.copies.find((c) => c.partner === copy);
    if (owner === undefined) return;
    owner.partner = undefined;
    this.engine.emit('replica.durability.drop', { set: set.name, host: copy.host, for: owner.host, reason: 'disk failed' });
  }
}
