// Playing a replay: the clock (simulated seconds per real second), the state at the clock, and
// moving it forward event by event while playing or jumping through a keyframe when seeking.
import type { Replay } from './replay/replay.ts';
import { emptyState, type ReplayState } from './replay/state.ts';

export const SPEEDS = [1, 10, 60, 300, 900, 3600, 14400, 86400];

export class Player {
  replay: Replay | undefined;
  state: ReplayState = emptyState();
  t = 0;
  endT = 0;
  playing = false;
  speed = 60;

  load(replay: Replay): void {
    this.replay = replay;
    this.t = 0;
    this.state = emptyState();
  }

  /** Shows the trace so far as it streams in: the latest state. */
  follow(): void {
    if (!this.replay) return;
    this.replay.forward(this.state, this.replay.length);
    this.t = this.replay.endT;
    this.endT = this.replay.endT;
  }

  seek(t: number): void {
    if (!this.replay) return;
    this.t = Math.min(Math.max(0, t), this.endT);
    const count = this.replay.countAt(this.t);
    // Forward from here when it is cheaper than from the keyframe before the target.
    if (count >= this.state.index && count - this.state.index < this.replay.keyframeEvery) this.replay.forward(this.state, count);
    else this.state = this.replay.stateAtIndex(count);
  }

  /** Advances the clock by `dtSeconds` of real time; stops at the end. */
  tick(dtSeconds: number): void {
    if (!this.playing) return;
    this.seek(this.t + dtSeconds * this.speed);
    if (this.t >= this.endT) this.playing = false;
  }

  /** To the time of the next (+1) or previous (-1) event. */
  stepEvent(direction: 1 | -1): void {
    const r = this.replay;
    if (!r || r.length === 0) return;
    const count = r.countAt(this.t);
    if (direction > 0) this.seek(r.events[Math.min(count, r.length - 1)].t);
    else {
      // The last event strictly before the current time.
      const before = r.countAt(this.t - 1e-9);
      this.seek(before > 0 ? r.events[before - 1].t : 0);
    }
  }

  /** To the next (+1) or previous (-1) timeline marker. */
  jumpMarker(direction: 1 | -1): void {
    const markers = this.replay?.markers ?? [];
    const next = direction > 0 ? markers.find((m) => m.t > this.t + 1e-6) : [...markers].reverse().find((m) => m.t < this.t - 1e-6);
    if (next) this.seek(next.t);
  }

  /** A speed from SPEEDS that plays the whole run in about `seconds`. */
  static speedFor(endT: number, seconds = 40): number {
    return SPEEDS.find((s) => s * seconds >= endT) ?? SPEEDS[SPEEDS.length - 1];
  }
}
