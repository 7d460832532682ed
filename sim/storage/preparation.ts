// Getting a host's storage ready for maintenance: the kind's plan (vSAN's data-migration mode,
// Longhorn's node drain policy, nothing under Ceph's noout) decides which components must move off
// the host first, or why the host must wait. Moves are copy jobs; the host is released when the last
// one is done, and a blocked host is retried whenever something returns or a job ends.
import type { EventType, Events } from '../events/catalogue.ts';
import type { DataMigrationMode } from '../scenario/types.ts';
import type { PolicyContext, SourceRead, StoragePolicy } from './policy.ts';
import type { CopyJob, CopyJobs } from './rebuilds.ts';
import type { StorageState } from './state.ts';
import { isRefused, type Copy, type ReplicaSet } from './types.ts';

/** What the storage engine lends the preparations. */
export interface PreparationEngine {
  readonly ctx: PolicyContext;
  readonly policy: StoragePolicy;
  readonly state: StorageState;
  refreshHosts(): void;
  later(action: () => void): void;
  emit<K extends EventType>(type: K, fields: Events[K]): void;
  readonly jobs: CopyJobs;
  addCopy(set: ReplicaSet, host: string, disk: number, state: Copy['state'], witness?: boolean): Copy;
  removeCopy(set: ReplicaSet, copy: Copy): void;
  refresh(set: ReplicaSet): void;
  evacuationJob(set: ReplicaSet, target: Copy, sources: SourceRead[], evacuates: Copy): CopyJob;
  abort(job: CopyJob, reason: string): void;
}

interface Preparation {
  host: string;
  mode: DataMigrationMode;
  ready: () => void;
  blocked: (reason: string) => void;
  /** Its evacuation jobs not yet ended. */
  jobs: Set<CopyJob>;
  lastReason?: string;
  /**
   * Whether the blocked plan may come out differently now: a set with a copy on the host changed
   * since, or the reason rests on where copies could go (which any disk or host may change). Kept
   * so that a wake re-plans only the preparations a change can unblock (re-planning every one on
   * every job end was over half of a 64-host vSAN rollout).
   */
  stale: boolean;
  placementChecked: boolean;
}

export class Preparations {
  /** Hosts being prepared: they take no new copies. */
  readonly leaving = new Set<string>();
  private readonly byHost = new Map<string, Preparation>();

  constructor(private readonly engine: PreparationEngine) {}

  start(host: string, mode: DataMigrationMode, ready: () => void, blocked: (reason: string) => void): void {
    this.byHost.set(host, { host, mode, ready, blocked, jobs: new Set(), stale: true, placementChecked: false });
    this.leaving.add(host);
    this.advance(host);
  }

  /** The host's maintenance was abandoned (it failed): stop preparing it. */
  cancel(host: string): void {
    const prep = this.byHost.get(host);
    if (!prep) return;
    this.byHost.delete(host);
    this.leaving.delete(host);
    for (const job of this.engine.jobs.ordered(prep.jobs)) this.engine.abort(job, 'maintenance abandoned');
  }

  jobEnded(job: CopyJob): void {
    for (const prep of this.byHost.values()) {
      if (prep.jobs.delete(job) && prep.jobs.size === 0) this.engine.later(() => this.advance(prep.host));
    }
  }

  /** A set's copies changed (`host` held one that is gone now): the preparations of its hosts re-plan. */
  setChanged(set: ReplicaSet, host?: string): void {
    if (this.byHost.size === 0) return;
    if (host !== undefined) this.markStale(host);
    for (const c of set.copies) this.markStale(c.host);
  }

  private markStale(host: string): void {
    const prep = this.byHost.get(host);
    if (prep) prep.stale = true;
  }

  /** Retries the preparations that were blocked and have no move in flight. */
  wakeBlocked(): void {
    for (const host of [...this.byHost.keys()].sort()) {
      const prep = this.byHost.get(host)!;
      if (prep.lastReason !== undefined && prep.jobs.size === 0) this.engine.later(() => this.advance(host));
    }
  }

  private advance(host: string): void {
    const prep = this.byHost.get(host);
    if (!prep || prep.jobs.size > 0) return;
    this.engine.refreshHosts();
    // Nothing the last plan read has changed: it would block again for the same reason.
    if (prep.lastReason !== undefined && !prep.stale && !prep.placementChecked) return;
    prep.stale = false;
    prep.placementChecked = false;
    const plan = this.engine.policy.beforeMaintenance(this.engine.ctx, host, prep.mode);
    if ('blocked' in plan) {
      prep.placementChecked = plan.placementChecked ?? true;
      this.block(prep, plan.blocked);
      return;
    }
    let refused = false;
    for (const set of plan.evacuate) refused = !this.evacuate(prep, set) || refused;
    if (!refused && prep.jobs.size === 0) {
      this.byHost.delete(host);
      prep.ready();
    }
  }

  private block(prep: Preparation, reason: string): void {
    if (reason === prep.lastReason) return;
    prep.lastReason = reason;
    prep.blocked(reason);
  }

  /**
   * Moves the set's components off the host: a witness at once, data by a copy job (the old copy goes
   * when the new is current). False when a component cannot move now (the preparation is blocked).
   */
  private evacuate(prep: Preparation, set: ReplicaSet): boolean {
    const { ctx, policy } = this.engine;
    // A durability component is not moved: it is dropped when its host leaves (durability.ts).
    for (const old of set.copies.filter((c) => c.host === prep.host && c.state === 'current' && !c.durability)) {
      const target = policy.target(ctx, set, set.copies.map((c) => c.host));
      if (isRefused(target)) {
        prep.placementChecked = true;
        this.block(prep, `storage: cannot move ${set.name} off ${prep.host}: ${target.refused}`);
        return false;
      }
      if (old.witness) {
        this.engine.addCopy(set, target.host, target.disk, 'current', true);
        this.engine.removeCopy(set, old);
        this.engine.emit('replica.witness', { set: set.name, host: target.host, from: prep.host });
        this.engine.refresh(set);
        continue;
      }
      const sources = policy.sources(ctx, set, old.bytes);
      if (sources.length === 0) {
        prep.placementChecked = true;
        this.block(prep, `storage: cannot move ${set.name} off ${prep.host}: no current copy to read from`);
        return false;
      }
      const copy = this.engine.addCopy(set, target.host, target.disk, 'building');
      prep.jobs.add(this.engine.evacuationJob(set, copy, sources, old));
    }
    return true;
  }
}
