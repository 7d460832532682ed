// The scenario's schedule driven through a run: a fixed entry at its time, an anchored one `plus`
// after the first matching event in the trace (the trace is the one record of what happened, so an
// entry can follow any recorded change). It remembers which entries ran, so that at the end each
// one that never did is said in the trace (schedule.entry.unrun) with why, and from there in the
// summary: a run whose schedule silently did less than the file asked cannot pass for one that did.
import type { ScheduleEntry } from '../scenario/types.ts';
import type { World } from './world.ts';

type StopReason = 'empty' | 'until' | 'eventsMax' | 'invariant';

export class ScheduleRunner {
  private readonly ran = new Set<number>();
  /** Anchored entries whose anchor happened: their time is set. */
  private readonly anchored = new Set<number>();

  constructor(
    private readonly world: World,
    private readonly schedule: readonly ScheduleEntry[],
    private readonly apply: (entry: ScheduleEntry) => void,
  ) {}

  start(): void {
    for (const entry of this.schedule) {
      if (entry.after === undefined) this.world.engine.at(entry.atMs, () => this.run(entry));
      else this.anchor(entry, entry.after);
    }
  }

  /** Before run.end: one schedule.entry.unrun per entry that never ran, in entry order. */
  reportUnrun(stopReason: StopReason): void {
    for (const entry of this.schedule) {
      if (this.ran.has(entry.index)) continue;
      this.world.engine.emit('schedule.entry.unrun', { index: entry.index, do: entry.do, reason: this.why(entry, stopReason) });
    }
  }

  private run(entry: ScheduleEntry): void {
    this.ran.add(entry.index);
    this.apply(entry);
  }

  private anchor(entry: ScheduleEntry, after: NonNullable<ScheduleEntry['after']>): void {
    const { engine } = this.world;
    const off = engine.trace.subscribe((e) => {
      if (e.type !== after.event || (after.host !== undefined && (e as { host?: string }).host !== after.host)) return;
      off();
      this.anchored.add(entry.index);
      engine.at(e.t + entry.atMs, () => this.run(entry));
    });
  }

  private why(entry: ScheduleEntry, stopReason: StopReason): string {
    if (entry.after !== undefined && !this.anchored.has(entry.index)) {
      return `its anchor ${entry.after.event}${entry.after.host === undefined ? '' : ` on ${entry.after.host}`} never happened`;
    }
    if (stopReason === 'eventsMax') return 'the run stopped at eventsMax before it was due';
    if (stopReason === 'invariant') return 'the run stopped at a broken invariant before it was due';
    return 'fires after until';
  }
}
