// The fluid network: transfers (flows) between hosts share each NIC's bandwidth by max-min
// fairness, with an optional rate cap per flow. Live migrations use it, and storage rebuilds share
// it, so that on a hyper-converged cluster they slow each other down on the same links. NICs are
// full duplex: a flow from A to B uses A's transmit link and B's receive link, each with the NIC's
// capacity. A host has a 'migration' NIC and optionally a separate 'storage' NIC; without one,
// storage flows use the main NIC and compete with migrations.
//
// A change (start, end, cancel, cap) marks the links it touches dirty. Rates are recomputed at the
// next query or in an event at the same ms, whichever comes first, so a burst of changes in one
// event (a completion whose onDone starts the next flow) costs one recompute; and only over the
// connected components of the flow graph that the dirty links belong to. A flow keeps its bytes
// left and the time they were counted, and is advanced only when its rate changes. Completions
// wait in a heap keyed by (finish ms, flow id), with one engine event for the earliest.
import type { EventHandle, Scheduler } from '../core/engine.ts';
import { CompletionHeap } from './network-heap.ts';
import { MaxMinFill, type FlowState, type LinkState } from './network-fill.ts';
import { LinkTable, attach, detach, type LinkLoad } from './network-links.ts';
import type { NetworkName } from './network-name.ts';

export type { LinkLoad } from './network-links.ts';
export type { NetworkName } from './network-name.ts';
export type FlowId = number;

export interface FlowSpec {
  src: string;
  dst: string;
  /** > 0. */
  bytes: number;
  /** Undefined or 0 = no cap. */
  capBytesPerSec?: number;
  /** Default 'migration'. */
  network?: NetworkName;
  /** Called from an engine event when the last byte arrives. */
  onDone: (id: FlowId) => void;
}

export interface NetworkOptions {
  /**
   * 'component' (default) recomputes the components a change touched; 'full' recomputes every
   * flow on every change: the baseline for bench/network.ts and a cross-check in the tests.
   */
  recompute?: 'component' | 'full';
}

export interface NetworkStats {
  /** Rate recomputations: one per batch of changes (see the file comment). */
  recomputes: number;
  /** Sum over recomputations of the flows in the recomputed components. */
  flowsRecomputed: number;
  /** Flows whose rate changed, summed over recomputations. */
  ratesChanged: number;
}

/**
 * bytesLeft / rate is rarely an exact float: 0.5e9 / 0.625e9 * 1000 gives 800.0000000000001, which
 * a bare ceil would turn into 801 ms. Forgiving a nanosecond leaves at most rate x 1 ns of bytes,
 * which the completion event treats as delivered.
 */
const FINISH_SLACK_MS = 1e-6;

export class Network {
  private readonly linkTable = new LinkTable();
  /** Insertion order = flow id order. */
  private readonly flows = new Map<FlowId, FlowState>();
  private readonly completions = new CompletionHeap<FlowState>();
  private readonly fill = new MaxMinFill();
  private readonly dirtyLinks: LinkState[] = [];
  private readonly full: boolean;
  private readonly counters: NetworkStats = { recomputes: 0, flowsRecomputed: 0, ratesChanged: 0 };
  private nextId = 1;
  private active = 0;
  private flushHandle: EventHandle | undefined;
  private completionHandle: EventHandle | undefined;
  private completionAtMs = Infinity;
  /** Inside a completion event: recompute and reschedule once, after every onDone has run. */
  private completing = false;

  constructor(
    private readonly engine: Scheduler,
    options: NetworkOptions = {},
  ) {
    this.full = options.recompute === 'full';
  }

  addHost(hostId: string, nicBytesPerSec: number, storageNicBytesPerSec?: number): void {
    this.linkTable.addHost(hostId, nicBytesPerSec, storageNicBytesPerSec);
  }

  start(spec: FlowSpec): FlowId {
    if (!(spec.bytes > 0) || !Number.isFinite(spec.bytes)) {
      throw new Error(`network: flow ${spec.src} -> ${spec.dst} needs bytes > 0, got ${spec.bytes}`);
    }
    const { tx, rx } = this.linkTable.route(spec.src, spec.dst, spec.network ?? 'migration');
    const flow: FlowState = {
      id: this.nextId++,
      bytes: spec.bytes,
      tx,
      rx,
      onDone: spec.onDone,
      txPos: -1,
      rxPos: -1,
      capBytesPerSec: checkCap(spec.capBytesPerSec),
      rateBytesPerSec: 0,
      bytesLeft: spec.bytes,
      advancedAtMs: this.engine.now,
      finishMs: Infinity,
      heapPos: -1,
      phase: 'active',
      visitEpoch: 0,
      frozenEpoch: 0,
      newRateBytesPerSec: 0,
    };
    attach(flow);
    this.flows.set(flow.id, flow);
    this.active++;
    this.markDirty(tx);
    this.markDirty(rx);
    return flow.id;
  }

  /** Stops the flow without calling onDone; returns the bytes sent so far. */
  cancel(id: FlowId): number {
    const flow = this.flow(id);
    this.flows.delete(id);
    // Its last byte arrived in this very event: cancelling now only suppresses onDone.
    if (flow.phase === 'finishing') return flow.bytes;
    const sent = flow.bytes - remaining(flow, this.engine.now);
    this.detach(flow);
    this.completions.remove(flow);
    this.active--;
    return sent;
  }

  setCap(id: FlowId, capBytesPerSec: number | undefined): void {
    const flow = this.flow(id);
    const cap = checkCap(capBytesPerSec);
    if (flow.phase === 'finishing' || flow.capBytesPerSec === cap) return;
    flow.capBytesPerSec = cap;
    this.markDirty(flow.tx);
    this.markDirty(flow.rx);
  }

  rateBytesPerSec(id: FlowId): number {
    this.flush();
    return this.flow(id).rateBytesPerSec;
  }

  /** Bytes delivered up to engine.now (a pending recompute at this ms changes only what follows). */
  sentBytes(id: FlowId): number {
    const flow = this.flow(id);
    return flow.bytes - remaining(flow, this.engine.now);
  }

  remainingBytes(id: FlowId): number {
    return remaining(this.flow(id), this.engine.now);
  }

  get activeFlows(): number {
    return this.active;
  }

  get stats(): NetworkStats {
    return { ...this.counters };
  }

  /** For invariant checks: every link's load (sum of its flows' rates) and capacity. */
  links(): LinkLoad[] {
    this.flush();
    return this.linkTable.loads();
  }

  private flow(id: FlowId): FlowState {
    const flow = this.flows.get(id);
    if (flow === undefined) throw new Error(`network: unknown or finished flow ${id}`);
    return flow;
  }

  private markDirty(link: LinkState): void {
    if (!link.dirty) {
      link.dirty = true;
      this.dirtyLinks.push(link);
    }
    if (this.flushHandle === undefined && !this.completing) {
      this.flushHandle = this.engine.at(this.engine.now, this.onFlush);
    }
  }

  private readonly onFlush = (): void => {
    this.flushHandle = undefined;
    this.flush();
  };

  private detach(flow: FlowState): void {
    detach(flow);
    this.markDirty(flow.tx);
    this.markDirty(flow.rx);
  }

  /** Recomputes the rates of the components touched since the last flush. */
  private flush(): void {
    if (this.flushHandle !== undefined) {
      this.engine.cancel(this.flushHandle);
      this.flushHandle = undefined;
    }
    if (this.dirtyLinks.length > 0) this.recompute();
    this.scheduleCompletion();
  }

  private recompute(): void {
    const fill = this.fill;
    fill.collect(this.full ? this.linkTable.all : this.dirtyLinks);
    for (const link of this.dirtyLinks) link.dirty = false;
    this.dirtyLinks.length = 0;
    fill.fill(this.linkTable.all);
    this.counters.recomputes++;
    this.counters.flowsRecomputed += fill.flowCount;
    for (const flow of fill.changed) this.changeRate(flow, flow.newRateBytesPerSec);
  }

  private changeRate(flow: FlowState, rateBytesPerSec: number): void {
    const now = this.engine.now;
    this.counters.ratesChanged++;
    flow.bytesLeft -= (flow.rateBytesPerSec * (now - flow.advancedAtMs)) / 1000;
    flow.advancedAtMs = now;
    flow.rateBytesPerSec = rateBytesPerSec;
    // Already due at this ms: what is left is rounding dust, and the flow must not slip a ms.
    if (flow.heapPos >= 0 && flow.finishMs <= now) return;
    if (rateBytesPerSec > 0) {
      flow.finishMs = now + Math.max(0, Math.ceil((flow.bytesLeft / rateBytesPerSec) * 1000 - FINISH_SLACK_MS));
      this.completions.upsert(flow);
    } else {
      flow.finishMs = Infinity;
      this.completions.remove(flow);
    }
  }

  private scheduleCompletion(): void {
    if (this.completing) return;
    const next = this.completions.peek();
    const atMs = next === undefined ? Infinity : next.finishMs;
    if (atMs === this.completionAtMs) return;
    this.engine.cancel(this.completionHandle);
    this.completionAtMs = atMs;
    this.completionHandle = atMs === Infinity ? undefined : this.engine.at(atMs, this.onCompletion);
  }

  /** Ends every flow due at this ms, then calls their onDone in (finish ms, id) order. */
  private readonly onCompletion = (): void => {
    this.completionHandle = undefined;
    this.completionAtMs = Infinity;
    this.completing = true;
    try {
      this.flush();
      const done = this.takeDueFlows();
      for (const flow of done) {
        if (this.flows.get(flow.id) !== flow) continue; // cancelled by an earlier onDone
        flow.onDone(flow.id);
        this.flows.delete(flow.id);
      }
    } finally {
      this.completing = false;
      this.flush();
    }
  };

  private takeDueFlows(): FlowState[] {
    const now = this.engine.now;
    const done: FlowState[] = [];
    for (let next = this.completions.peek(); next !== undefined && next.finishMs <= now; next = this.completions.peek()) {
      this.completions.pop();
      this.detach(next);
      next.phase = 'finishing';
      next.bytesLeft = 0;
      next.rateBytesPerSec = 0;
      next.advancedAtMs = now;
      this.active--;
      done.push(next);
    }
    return done;
  }
}

function remaining(flow: FlowState, nowMs: number): number {
  if (flow.phase === 'finishing') return 0;
  const left = flow.bytesLeft - (flow.rateBytesPerSec * (nowMs - flow.advancedAtMs)) / 1000;
  return left > 0 ? left : 0;
}

function checkCap(capBytesPerSec: number | undefined): number {
  if (capBytesPerSec === undefined) return 0;
  if (!(capBytesPerSec >= 0) || !Number.isFinite(capBytesPerSec)) {
    throw new Error(`network: a flow cap must be >= 0 bytes/s (0 = none), got ${capBytesPerSec}`);
  }
  return capBytesPerSec;
}
