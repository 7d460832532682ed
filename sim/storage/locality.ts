// Data locality (Nutanix DSF; the Nutanix Bible, Book of AOS, "Data Locality"): a VM's writes land
// on its own node's CVM, so one copy of its disk is local. When the VM moves to another node (a live
// migration, an HA restart) its reads of old data are served by a remote CVM, and AOS migrates what
// it reads to the now-local node in the background. Here: once a VM runs on a node without a copy
// of its volume and the volume's set has all its copies current, one remote copy moves there through a copy
// job of kind evacuate (built from that copy, which is dropped once the new one is current), at the
// kind's locality rate, outside the rebuild slots (a read-triggered Stargate migration is no Curator
// task). The job competes with migrations and rebuilds on the storage network.
// It never holds a repair back: a move whose set loses a copy stops (the rebuild or resync goes
// first, and the move starts again, from the beginning, once the set is whole); so does one whose
// VM left the node, or whose source left (the engine stops jobs on a host that goes down). Even a
// copy away for maintenance stops it: the engine would count the copy being built as the returning
// copy's replacement and drop it. Simplification: AOS moves only the extent groups the VM reads (cold data stays
// remote); hcisim moves the whole copy.
import type { EventType, Events, SimEngine } from '../events/catalogue.ts';
import type { Cluster, VmStatus } from '../model/cluster.ts';
import type { PolicyContext, Slot, SourceRead, StoragePolicy } from './policy.ts';
import type { CopyJob, CopyJobs } from './rebuilds.ts';
import { diskOn } from './replicated-layout.ts';
import { isRefused, type Copy, type ReplicaSet } from './types.ts';

/** What the storage engine lends data locality. */
export interface LocalityEngine {
  readonly ctx: PolicyContext;
  readonly policy: StoragePolicy;
  readonly jobs: CopyJobs;
  emit<K extends EventType>(type: K, fields: Events[K]): void;
  addCopy(set: ReplicaSet, host: string, disk: number, state: Copy['state']): Copy;
  refresh(set: ReplicaSet): void;
  abort(job: CopyJob, reason: string): void;
  evacuationJob(set: ReplicaSet, target: Copy, sources: SourceRead[], evacuates: Copy, limits: { slots: Slot[]; capMiBps: number }): CopyJob;
}

/** A VM that reads its disk: a move may start for it. */
const RUNNING: ReadonlySet<VmStatus> = new Set(['running', 'booting']);
/** A VM still on its node (a migration away has not ended): its move may go on. */
const POWERED: ReadonlySet<VmStatus> = new Set(['running', 'booting', 'migrating', 'paused']);

export class DataLocality {
  /** The copy jobs that are locality moves (the others are repairs). */
  private readonly moves = new WeakSet<CopyJob>();

  /**
   * `landed` is called with a VM's id when it lands on a host: a live migration ends or it boots (an
   * HA restart). Read from the trace, the one record of both, so the ops need no storage hook.
   */
  constructor(
    private readonly engine: LocalityEngine,
    private readonly cluster: Cluster,
    private readonly rateMiBps: number,
    sim: SimEngine,
    landed: (vmId: string) => void,
  ) {
    sim.trace.subscribe((e) => {
      if (e.type === 'vm.migration.end' || e.type === 'vm.boot') landed(e.vm);
    });
  }

  /**
   * The engine looks at `set` (its repair pass): stop a move that is no longer wanted, or start one
   * when the set is whole and its VM runs on a node without a copy.
   */
  reconcile(set: ReplicaSet): void {
    if (set.lost) return;
    const jobs = this.engine.jobs.forSet(set.id);
    const move = jobs.find((j) => this.moves.has(j));
    if (move !== undefined) {
      const why = this.stopReason(set, move);
      if (why !== undefined) this.engine.abort(move, `data locality: ${why}`);
      return;
    }
    const vm = this.vmOf(set);
    const home = vm !== undefined && RUNNING.has(vm.status) ? vm.host : undefined;
    if (home === undefined || jobs.length > 0 || set.copies.some((c) => c.host === home) || !this.whole(set)) return;
    const target = diskOn(this.engine.ctx, set, home);
    const moved = this.copyToMove(set, home);
    if (isRefused(target) || moved === undefined) return;
    const copy = this.engine.addCopy(set, target.host, target.disk, 'building');
    this.engine.emit('replica.localise', { set: set.name, vm: vm!.id, from: moved.host, to: home, disk: target.disk });
    const job = this.engine.evacuationJob(set, copy, [{ host: moved.host, bytes: set.bytes }], moved, { slots: [], capMiBps: this.rateMiBps });
    this.moves.add(job);
    this.engine.refresh(set);
  }

  private stopReason(set: ReplicaSet, move: CopyJob): string | undefined {
    const vm = this.vmOf(set);
    if (vm === undefined || vm.host !== move.target.host || !POWERED.has(vm.status)) return `its VM left ${move.target.host}`;
    if (!this.whole(set, move.target)) return 'the set is missing a copy (its repair goes first)';
    return undefined;
  }

  private vmOf(set: ReplicaSet): { id: string; host: string | undefined; status: VmStatus } | undefined {
    const volume = this.engine.ctx.state.volumes.get(set.name);
    return volume === undefined ? undefined : this.cluster.vm(volume.vm);
  }

  /**
   * The remote copy that moves: one in the VM's rack if racks are set (so the copies stay in
   * distinct racks, as the kind placed them), else the one the kind reads a rebuild from.
   */
  private copyToMove(set: ReplicaSet, home: string): Copy | undefined {
    const remote = set.copies.filter((c) => isData(c) && c.state === 'current' && c.host !== home);
    const rack = this.cluster.host(home).spec.rack;
    const sameRack = rack === undefined ? undefined : remote.find((c) => this.cluster.host(c.host).spec.rack === rack);
    if (sameRack !== undefined) return sameRack;
    const source = this.engine.policy.sources(this.engine.ctx, set, set.bytes)[0];
    return remote.find((c) => c.host === source?.host) ?? remote[0];
  }

  /**
   * As many current data copies (but `except`) as the policy asks for, none being built: nothing to
   * repair. An absent copy beside them is one already replaced (its wait expired), dropped if it returns.
   */
  private whole(set: ReplicaSet, except?: Copy): boolean {
    let current = 0;
    for (const c of set.copies) {
      if (c === except || !isData(c)) continue;
      if (c.state === 'building') return false;
      if (c.state === 'current') current++;
    }
    return current === set.wantedData;
  }
}

const isData = (c: Copy) => !c.witness && !c.durability;

