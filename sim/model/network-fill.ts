// Max-min fair rates by progressive filling, over one or more connected components of the flow
// graph. All unfrozen flows rise together from zero; a link saturates when its load reaches its
// capacity, freezing its flows at that level; a flow with a cap freezes when the level reaches the
// cap. Max-min fairness is the standard flow-level model of TCP-like sharing (Bertsekas & Gallager,
// "Data Networks", 1992, §6.5.2; SimGrid's LMM solver uses the same fill).
//
// Cost: O((F + L) log L) per fill for F flows and L links, because each frozen flow updates the
// saturation level of its other link in a heap instead of rescanning every link per round.
import type { NetworkName } from './network-name.ts';
import { LevelHeap } from './network-heap.ts';

/** One direction of one NIC: the transmit or the receive side, each with the NIC's capacity. */
export interface LinkState {
  readonly index: number;
  readonly host: string;
  readonly network: NetworkName;
  readonly direction: 'tx' | 'rx';
  readonly capacityBytesPerSec: number;
  /** Active flows crossing the link; order is insertion order with swap-removal. */
  readonly flows: FlowState[];
  dirty: boolean;
  visitEpoch: number;
  /** Fill scratch: capacity not yet taken by frozen flows, and the flows still rising. */
  remainingBytesPerSec: number;
  unfrozen: number;
}

export interface FlowState {
  readonly id: number;
  readonly bytes: number;
  readonly tx: LinkState;
  readonly rx: LinkState;
  readonly onDone: (id: number) => void;
  /** Index of this flow in tx.flows and rx.flows. */
  txPos: number;
  rxPos: number;
  /** 0 = no cap. */
  capBytesPerSec: number;
  rateBytesPerSec: number;
  /** Bytes left at advancedAtMs; advanced only when the rate changes, so no rounding builds up. */
  bytesLeft: number;
  advancedAtMs: number;
  finishMs: number;
  heapPos: number;
  /** 'finishing': the last byte arrived in this completion event; onDone has not run yet. */
  phase: 'active' | 'finishing';
  visitEpoch: number;
  frozenEpoch: number;
  newRateBytesPerSec: number;
}

/**
 * One fill at a time: `collect` gathers the components that changes touched, `fill` computes their
 * rates and lists in `changed` the flows whose rate differs from rateBytesPerSec (their new rate is
 * in newRateBytesPerSec). Scratch arrays are reused from one fill to the next.
 */
export class MaxMinFill {
  /** Links of the collected components. */
  readonly links: LinkState[] = [];
  /** Flows of the collected components that have a cap. */
  readonly capped: FlowState[] = [];
  readonly changed: FlowState[] = [];
  /** Flows in the collected components. */
  flowCount = 0;
  private readonly heap = new LevelHeap();
  private epoch = 0;

  /** Collects the links and flows reachable from `seeds` through shared links, breadth first. */
  collect(seeds: readonly LinkState[]): void {
    const epoch = ++this.epoch;
    const { links, capped } = this;
    links.length = 0;
    capped.length = 0;
    let flowCount = 0;
    for (const seed of seeds) {
      if (seed.visitEpoch === epoch) continue;
      seed.visitEpoch = epoch;
      links.push(seed);
    }
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      for (const flow of link.flows) {
        if (flow.visitEpoch === epoch) continue;
        flow.visitEpoch = epoch;
        flowCount++;
        if (flow.capBytesPerSec > 0) capped.push(flow);
        const other = flow.tx === link ? flow.rx : flow.tx;
        if (other.visitEpoch !== epoch) {
          other.visitEpoch = epoch;
          links.push(other);
        }
      }
    }
    this.flowCount = flowCount;
  }

  /** Progressive filling over the collected components; `byIndex` maps a link index to its link. */
  fill(byIndex: readonly LinkState[]): void {
    const epoch = ++this.epoch;
    const { heap, capped } = this;
    this.changed.length = 0;
    heap.reset(byIndex.length);
    for (const link of this.links) {
      link.unfrozen = link.flows.length;
      link.remainingBytesPerSec = link.capacityBytesPerSec;
      if (link.unfrozen > 0) heap.set(link.index, link.remainingBytesPerSec / link.unfrozen);
    }
    capped.sort((a, b) => a.capBytesPerSec - b.capBytesPerSec || a.id - b.id);
    let nextCapped = 0;
    for (;;) {
      while (nextCapped < capped.length && capped[nextCapped].frozenEpoch === epoch) nextCapped++;
      const capLevel = nextCapped < capped.length ? capped[nextCapped].capBytesPerSec : Infinity;
      const linkLevel = heap.size > 0 ? heap.topKey : Infinity;
      if (capLevel === Infinity && linkLevel === Infinity) break;
      if (capLevel <= linkLevel) {
        const flow = capped[nextCapped++];
        this.freeze(flow, capLevel, epoch);
        this.release(flow.tx, capLevel);
        this.release(flow.rx, capLevel);
      } else {
        const link = byIndex[heap.topId];
        heap.pop();
        link.unfrozen = 0;
        for (const flow of link.flows) {
          if (flow.frozenEpoch === epoch) continue;
          this.freeze(flow, linkLevel, epoch);
          this.release(flow.tx === link ? flow.rx : flow.tx, linkLevel);
        }
      }
    }
  }

  private freeze(flow: FlowState, rate: number, epoch: number): void {
    flow.frozenEpoch = epoch;
    flow.newRateBytesPerSec = rate;
    if (rate !== flow.rateBytesPerSec) this.changed.push(flow);
  }

  /** A flow on `link` froze at `rate`: the link's remaining unfrozen flows share what is left. */
  private release(link: LinkState, rate: number): void {
    if (link.unfrozen === 0) return;
    link.unfrozen--;
    link.remainingBytesPerSec -= rate;
    if (link.unfrozen === 0) this.heap.remove(link.index);
    // Rounding can leave a hair below zero; a negative level would be a negative rate.
    else this.heap.set(link.index, Math.max(0, link.remainingBytesPerSec) / link.unfrozen);
  }
}
