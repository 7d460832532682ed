// Copy jobs: rebuilds (a new copy from the current ones), resyncs (an absent copy catching up on
// what it missed) and evacuations (a copy moved off a host before maintenance). Each job reads from
// its sources over the storage network (the fluid model, so it competes with live migrations on a
// shared NIC) at the kind's per-stream rate (and the kind's own cap, e.g. Ceph's per-OSD recovery
// rate), and waits for its rebuild slots (Longhorn's
// concurrent-replica-rebuild-per-node-limit, Ceph's osd_max_backfills) in FIFO order (slot-queue.ts).
import type { EventHandle } from '../core/engine.ts';
import type { SimEngine } from '../events/catalogue.ts';
import type { FlowId, Network } from '../model/network.ts';
import type { ReturnCompare, Slot, SourceRead } from './policy.ts';
import { SlotQueue } from './slot-queue.ts';
import type { Copy, ReplicaSet } from './types.ts';

export type CopyJobKind = 'rebuild' | 'resync' | 'evacuate';

export interface CopyJob {
  id: number;
  set: ReplicaSet;
  /** The copy being written (state 'building'). */
  target: Copy;
  sources: SourceRead[];
  kind: CopyJobKind;
  slots: Slot[];
  /** The kind's own cap on each of its streams, MiB/s (Ceph: the OSDs' recovery rate); 0 = none. */
  capMiBps?: number;
  /** For a resync: where the copy's missed writes started, to restore it if the job is cancelled. */
  absentAtWritableMs?: number;
  absentCause?: 'failure' | 'maintenance';
  /** For a resync: data read and compared on both sides before the differing bytes are sent, and for how long. */
  compare?: ReturnCompare;
  /** While the comparison runs: its timer. */
  compareTimer?: EventHandle;
  /** For an evacuation: the copy it moves, dropped once the new one is current. */
  evacuates?: Copy;
  done: (job: CopyJob) => void;
  failed: (job: CopyJob, reason: string) => void;
  flows: FlowId[];
  /** Flows whose last byte arrived (the network forgets them), with their bytes. */
  finishedFlows?: Map<FlowId, number>;
  startedMs?: number;
  /** Start order among all jobs (jobs started in one event share `startedMs`). */
  startSeq?: number;
}

const MiB = 2 ** 20;

export class CopyJobs {
  /** Running jobs by id, in start order. */
  readonly running = new Map<number, CopyJob>();
  private readonly waiting = new SlotQueue<CopyJob>();
  /**
   * Live jobs (waiting or running) per set and per host they write to or read from, kept by submit
   * and by every job's end, so that a set's or a host's jobs are found without a scan of every job.
   */
  private readonly bySet = new Map<number, Set<CopyJob>>();
  private readonly byHost = new Map<string, Set<CopyJob>>();
  private nextId = 1;
  private nextStart = 1;

  constructor(
    private readonly engine: SimEngine,
    private readonly network: Network,
    /** Per-stream cap in MiB/s; 0 = as fast as the network shares allow. */
    private readonly streamMiBps: () => number,
  ) {}

  submit(init: Omit<CopyJob, 'id' | 'flows'>): CopyJob {
    // Every field is set here, in one order, so all jobs share one hidden class: a job built by
    // spreading `init` and given its start fields later fell into dictionary mode, and reading
    // `id` in the slot queue's heap was a tenth of a large Ceph run's rebuild path.
    const job: CopyJob = {
      id: this.nextId++, set: init.set, target: init.target, sources: init.sources, kind: init.kind, slots: init.slots,
      capMiBps: init.capMiBps, absentAtWritableMs: init.absentAtWritableMs, absentCause: init.absentCause,
      compare: init.compare, compareTimer: undefined, evacuates: init.evacuates, done: init.done, failed: init.failed,
      flows: [], finishedFlows: undefined, startedMs: undefined, startSeq: undefined,
    };
    this.waiting.add(job);
    addTo(this.bySet, job.set.id, job);
    for (const host of hostsOf(job)) addTo(this.byHost, host, job);
    this.pump();
    return job;
  }

  /** Jobs touching a set: the waiting ones in submission order, then the running ones in start order. */
  forSet(setId: number): CopyJob[] {
    const [running, waiting] = this.split(this.bySet.get(setId) ?? []);
    return [...waiting, ...running];
  }

  /** Jobs writing to or reading from a host: the running ones in start order, then the waiting ones. */
  forHost(host: string): CopyJob[] {
    return this.split(this.byHost.get(host) ?? []).flat();
  }

  /** The live jobs among `jobs`: the running ones in start order, then the waiting ones. */
  ordered(jobs: Iterable<CopyJob>): CopyJob[] {
    return this.split(jobs).flat();
  }

  /** Holders of a slot key now (for the per-node limit invariant). */
  holding(key: string): number {
    return this.waiting.holding(key);
  }

  /** Stops a job without calling its callbacks; returns bytes it had copied. */
  cancel(job: CopyJob, reason: string): number {
    if (this.waiting.remove(job)) {
      this.unindex(job);
      return 0;
    }
    if (!this.running.has(job.id)) return 0;
    let sent = 0;
    this.engine.cancel(job.compareTimer);
    // A flow that finished is gone from the network: its bytes were all sent.
    for (const f of job.flows) sent += job.finishedFlows?.get(f) ?? this.network.cancel(f);
    this.release(job);
    this.engine.emit('replica.rebuild.fail', { set: job.set.name, kind: job.kind, to: job.target.host, disk: job.target.disk, reason, sentBytes: sent });
    this.pump();
    return sent;
  }

  /**
   * Bytes the job has still to send: all of them while it waits for slots or compares, then what its
   * flows have left (read at engine.now).
   */
  remainingBytes(job: CopyJob): number {
    const total = job.sources.reduce((a, s) => a + (s.host === job.target.host ? 0 : s.bytes), 0);
    if (!this.running.has(job.id) || job.compareTimer !== undefined || job.flows.length === 0) return total;
    return job.flows.reduce((a, f) => a + (job.finishedFlows?.has(f) ? 0 : this.network.remainingBytes(f)), 0);
  }

  private pump(): void {
    this.waiting.pump((job) => this.start(job));
  }

  /** Running jobs in start order, then waiting ones in submission order. */
  private split(jobs: Iterable<CopyJob>): [CopyJob[], CopyJob[]] {
    const running: CopyJob[] = [];
    const waiting: CopyJob[] = [];
    for (const job of jobs) {
      if (this.running.get(job.id) === job) running.push(job);
      else if (this.waiting.isWaiting(job)) waiting.push(job);
    }
    running.sort((a, b) => a.startSeq! - b.startSeq!);
    waiting.sort((a, b) => a.id - b.id);
    return [running, waiting];
  }

  private unindex(job: CopyJob): void {
    removeFrom(this.bySet, job.set.id, job);
    for (const host of hostsOf(job)) removeFrom(this.byHost, host, job);
  }

  private start(job: CopyJob): void {
    this.running.set(job.id, job);
    job.startSeq = this.nextStart++;
    job.startedMs = this.engine.now;
    const bytes = job.sources.reduce((a, s) => a + s.bytes, 0);
    this.engine.emit('replica.rebuild.start', {
      set: job.set.name, kind: job.kind, from: job.sources.map((s) => s.host), to: job.target.host, disk: job.target.disk, bytes,
      ...(job.compare ? { comparedBytes: job.compare.bytes } : {}),
    });
    // Compared batches that differ are sent as they are found; their transfer is added after the
    // comparison (the differences are a small share of what is read).
    if (job.compare && job.compare.ms > 0) {
      job.compareTimer = this.engine.after(job.compare.ms, () => {
        job.compareTimer = undefined;
        this.transfer(job, bytes);
      });
    } else this.transfer(job, bytes);
  }

  private transfer(job: CopyJob, bytes: number): void {
    let left = 0;
    const cap = Math.min(...[this.streamMiBps(), job.capMiBps ?? 0].filter((c) => c > 0), Infinity) * MiB;
    for (const source of job.sources) {
      // A copy on the target host itself (another disk) is read locally, off the network.
      if (source.bytes <= 0 || source.host === job.target.host) continue;
      left++;
      job.flows.push(
        this.network.start({
          src: source.host, dst: job.target.host, bytes: source.bytes, network: 'storage',
          capBytesPerSec: cap < Infinity ? cap : undefined,
          onDone: (id) => {
            (job.finishedFlows ??= new Map()).set(id, source.bytes);
            if (--left === 0) this.finish(job, bytes);
          },
        }),
      );
    }
    if (left === 0) this.engine.after(0, () => this.finish(job, 0));
  }

  private finish(job: CopyJob, bytes: number): void {
    if (!this.running.has(job.id)) return;
    this.release(job);
    this.engine.emit('replica.rebuild.end', {
      set: job.set.name, kind: job.kind, to: job.target.host, disk: job.target.disk, bytes, durationMs: this.engine.now - job.startedMs!,
    });
    job.done(job);
    this.pump();
  }

  private release(job: CopyJob): void {
    this.running.delete(job.id);
    this.waiting.release(job);
    this.unindex(job);
  }
}

function hostsOf(job: CopyJob): Set<string> {
  return new Set([job.target.host, ...job.sources.map((s) => s.host)]);
}

function addTo<K>(index: Map<K, Set<CopyJob>>, key: K, job: CopyJob): void {
  let jobs = index.get(key);
  if (!jobs) index.set(key, (jobs = new Set()));
  jobs.add(job);
}

function removeFrom<K>(index: Map<K, Set<CopyJob>>, key: K, job: CopyJob): void {
  const jobs = index.get(key);
  if (!jobs) return;
  jobs.delete(job);
  if (jobs.size === 0) index.delete(key);
}
