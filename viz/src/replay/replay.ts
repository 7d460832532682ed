// A trace held for replay: the events, a keyframe (a copy of the state) every `keyframeEvery`
// events, and what the timeline and tooltips look up (series, markers, migration end times, the
// decision events of each VM). Events are appended as the worker streams them, so the replay is
// usable while the run goes on. Seeking to t finds the last event at or before t by binary search,
// the keyframe before it by another, and applies only the events in between: O(log n + K).
import { applyEvent } from './reduce.ts';
import { markerOf, type Marker } from './markers.ts';
import { cloneState, emptyState, type Counts, type ReplayState, type TraceEvent } from './state.ts';

export interface SeriesPoint {
  t: number;
  counts: Counts;
}

export const KEYFRAME_EVERY_DEFAULT = 1000;

export class Replay {
  readonly events: TraceEvent[] = [];
  /** Event times (s), for the binary searches. */
  private times: number[] = [];
  readonly keyframes: ReplayState[] = [];
  /** Counts after the last event at each distinct time. */
  readonly series: SeriesPoint[] = [];
  readonly markers: Marker[] = [];
  /** vm.migration.start index -> time its end or failure came (s). */
  readonly migrationEnds = new Map<number, number>();
  /** VM -> indexes of the events that decided where it runs (place, migration start, blocked, unplaced). */
  readonly decisions = new Map<string, number[]>();
  /** The state after every appended event. */
  private head: ReplayState = emptyState();
  private openMigration = new Map<string, number>();

  constructor(readonly keyframeEvery = KEYFRAME_EVERY_DEFAULT) {
    this.keyframes.push(cloneState(this.head));
  }

  get length(): number { return this.events.length; }
  get endT(): number { return this.times.length === 0 ? 0 : this.times[this.times.length - 1]; }

  append(events: readonly TraceEvent[]): void {
    for (const e of events) {
      const index = this.events.length;
      this.events.push(e);
      this.times.push(e.t);
      applyEvent(this.head, e);
      this.index(e, index);
      const last = this.series[this.series.length - 1];
      if (last?.t === e.t) last.counts = { ...this.head.counts };
      else this.series.push({ t: e.t, counts: { ...this.head.counts } });
      if (this.head.index % this.keyframeEvery === 0) this.keyframes.push(cloneState(this.head));
    }
  }

  private index(e: TraceEvent, index: number): void {
    const marker = markerOf(e, index, this.head);
    if (marker) this.markers.push(marker);
    if (e.type === 'vm.place' || e.type === 'vm.unplaced' || e.type === 'vm.migration.start' || e.type === 'vm.migration.blocked') {
      const list = this.decisions.get(e.vm);
      if (list) list.push(index);
      else this.decisions.set(e.vm, [index]);
    }
    if (e.type === 'vm.migration.start') this.openMigration.set(e.vm, index);
    if (e.type === 'vm.migration.end' || e.type === 'vm.migration.fail' || e.type === 'vm.down' || e.type === 'vm.crash') {
      const start = this.openMigration.get(e.vm);
      if (start !== undefined) this.migrationEnds.set(start, e.t);
      this.openMigration.delete(e.vm);
    }
  }

  /** Events with t <= `t`. */
  countAt(t: number): number {
    let lo = 0, hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A fresh state after the first `count` events, from the keyframe before it. */
  stateAtIndex(count: number): ReplayState {
    const k = Math.min(Math.floor(count / this.keyframeEvery), this.keyframes.length - 1);
    const state = cloneState(this.keyframes[k]);
    this.forward(state, count);
    return state;
  }

  stateAt(t: number): ReplayState {
    return this.stateAtIndex(this.countAt(t));
  }

  /** Moves `state` on to the first `count` events (never back): what playing does each frame. */
  forward(state: ReplayState, count: number): void {
    const end = Math.min(count, this.events.length);
    for (let i = state.index; i < end; i++) applyEvent(state, this.events[i]);
  }

  /** The decision event of `vm` in force after the first `count` events. */
  decisionAt(vm: string, count: number): TraceEvent | undefined {
    const list = this.decisions.get(vm) ?? [];
    let found: number | undefined;
    for (const i of list) if (i < count) found = i;
    return found === undefined ? undefined : this.events[found];
  }
}
