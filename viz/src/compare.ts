// The compared run: the same scenario and knobs on another platform, replayed on the main run's
// clock beside it. It has its own replay, state and map; the main Player's time drives it.
import type { Summary } from '../../sim/summary.ts';
import type { RunOutcome } from '../../sim/worker/protocol.ts';
import { Player } from './player.ts';
import { Replay } from './replay/replay.ts';
import { ClusterMap } from './views/cluster-map.ts';

export class ComparePane {
  readonly player = new Player();
  readonly map: ClusterMap;
  summary: Summary | undefined;
  traceHash: string | undefined;
  platform = '';

  constructor(canvas: HTMLCanvasElement) {
    this.map = new ClusterMap(canvas);
  }

  get active(): boolean {
    return this.summary !== undefined;
  }

  start(platform: string): Replay {
    const replay = new Replay();
    this.player.load(replay);
    this.platform = platform;
    this.summary = undefined;
    this.traceHash = undefined;
    return replay;
  }

  clear(): void {
    this.summary = undefined;
    this.player.replay = undefined;
  }

  finish(outcome: RunOutcome): void {
    if (outcome.kind !== 'done' || !this.player.replay) return;
    this.summary = outcome.summary;
    this.traceHash = outcome.traceHash;
    this.player.endT = this.player.replay.endT;
  }

  /** Draws the compared run at the main run's time (its last state once it has ended). */
  draw(t: number): void {
    const replay = this.player.replay;
    if (!replay) return;
    this.player.seek(t);
    this.map.draw(this.player.state, replay, t);
  }
}
