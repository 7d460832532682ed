// Copy jobs: rebuilds (a new copy from the current ones), resyncs (an absent copy catching up on
// what it missed) and evacuations (a copy moved off a host before maintenance). Each job reads from
// its sources over the storage network (the fluid model, so it competes with live migrations on a
// shared NIC) at the kind's per-stream rate, and waits for its rebuild slots (Longhorn's
// concurrent-replica-rebuild-per-node-limit, Ceph's osd_max_backfills) in FIFO order.
import type { SimEngine } from '../events/catalogue.ts';
import type { FlowId, Network } from '../model/network.ts';
import type { Slot, SourceRead } from './policy.ts';
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
  /** For a resync: where the copy's missed writes started, to restore it if the job is cancelled. */
  absentAtWritableMs?: number;
  absentCause?: 'failure' | 'maintenance';
  /** For an evacuation: the copy it moves, dropped once the new one is current. */
  evacuates?: Copy;
  done: (job: CopyJob) => void;
  failed: (job: CopyJob, reason: string) => void;
  flows: FlowId[];
  startedMs?: number;
}

const MiB = 2 ** 20;

export class CopyJobs {
  private readonly queue: CopyJob[] = [];
  readonly running = new Map<number, CopyJob>();
  private readonly held = new Map<string, number>();
  private nextId = 1;

  constructor(
    private readonly engine: SimEngine,
    private readonly network: Network,
    /** Per-stream cap in MiB/s; 0 = as fast as the network shares allow. */
    private readonly streamMiBps: () => number,
  ) {}

  submit(init: Omit<CopyJob, 'id' | 'flows'>): CopyJob {
    const job: CopyJob = { ...init, id: this.nextId++, flows: [] };
    this.queue.push(job);
    this.pump();
    return job;
  }

  /** Jobs touching a set, queued or running. */
  forSet(setId: number): CopyJob[] {
    return [...this.queue, ...this.running.values()].filter((j) => j.set.id === setId);
  }

  all(): CopyJob[] {
    return [...this.running.values(), ...this.queue];
  }

  /** Holders of a slot key now (for the per-node limit invariant). */
  holding(key: string): number {
    return this.held.get(key) ?? 0;
  }

  /** Stops a job without calling its callbacks; returns bytes it had copied. */
  cancel(job: CopyJob, reason: string): number {
    const qi = this.queue.indexOf(job);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      return 0;
    }
    if (!this.running.has(job.id)) return 0;
    let sent = 0;
    for (const f of job.flows) sent += this.network.cancel(f);
    this.release(job);
    this.engine.emit('replica.rebuild.fail', { set: job.set.name, kind: job.kind, to: job.target.host, disk: job.target.disk, reason, sentBytes: sent });
    this.pump();
    return sent;
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const job = this.queue[i];
      if (job.slots.every((s) => (this.held.get(s.key) ?? 0) < s.limit)) {
        this.queue.splice(i, 1);
        this.start(job);
      } else i++;
    }
  }

  private start(job: CopyJob): void {
    for (const s of job.slots) this.held.set(s.key, (this.held.get(s.key) ?? 0) + 1);
    this.running.set(job.id, job);
    job.startedMs = this.engine.now;
    const bytes = job.sources.reduce((a, s) => a + s.bytes, 0);
    this.engine.emit('replica.rebuild.start', {
      set: job.set.name, kind: job.kind, from: job.sources.map((s) => s.host), to: job.target.host, disk: job.target.disk, bytes,
    });
    let left = 0;
    const cap = this.streamMiBps() * MiB;
    for (const source of job.sources) {
      // A copy on the target host itself (another disk) is read locally, off the network.
      if (source.bytes <= 0 || source.host === job.target.host) continue;
      left++;
      job.flows.push(
        this.network.start({
          src: source.host, dst: job.target.host, bytes: source.bytes, network: 'storage',
          capBytesPerSec: cap > 0 ? cap : undefined,
          onDone: () => {
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
    for (const s of job.slots) this.held.set(s.key, (this.held.get(s.key) ?? 1) - 1);
  }
}
