import { describe, it, expect } from 'vitest';
import { Engine } from '../../sim/core/engine.ts';

/** Schedules a recorder at each time and returns the list the recorder fills with engine.now. */
function recordAt(engine: Engine, times: number[]): number[] {
  const ran: number[] = [];
  for (const t of times) engine.at(t, () => ran.push(engine.now));
  return ran;
}

describe('Engine.run', () => {
  it('runs events at exactly until, none after, and leaves the clock at until', () => {
    const engine = new Engine();
    const ran = recordAt(engine, [100, 500, 500, 501, 900]);
    engine.run(500);
    expect(ran).toEqual([100, 500, 500]);
    expect(engine.now).toBe(500);
    expect(engine.stopReason).toBe('until');
    expect(engine.pending).toBe(2);
  });

  it('moves the clock to until when the queue empties first', () => {
    const engine = new Engine();
    const ran = recordAt(engine, [100, 200]);
    engine.run(1000);
    expect(ran).toEqual([100, 200]);
    expect(engine.now).toBe(1000);
    expect(engine.stopReason).toBe('empty');
  });

  it('without until runs everything and leaves the clock at the last event', () => {
    const engine = new Engine();
    recordAt(engine, [300, 100, 200]);
    engine.run();
    expect(engine.now).toBe(300);
    expect(engine.processed).toBe(3);
    expect(engine.stopReason).toBe('empty');
  });

  it('continues where the previous run stopped', () => {
    const engine = new Engine();
    const ran = recordAt(engine, [100, 200, 300]);
    engine.run(150);
    engine.run(250);
    expect(ran).toEqual([100, 200]);
    expect(engine.now).toBe(250);
  });

  it('stops a self-rescheduling action at eventsMax with stopReason eventsMax', () => {
    const engine = new Engine({ eventsMax: 1000 });
    const tick = (): void => {
      engine.after(10, tick);
    };
    engine.after(10, tick);
    engine.run();
    expect(engine.stopReason).toBe('eventsMax');
    expect(engine.processed).toBe(1000);
    expect(engine.now).toBe(10_000);
    expect(engine.pending).toBe(1);
  });

  it('reports empty, not eventsMax, when the last allowed event was also the last one left', () => {
    const engine = new Engine({ eventsMax: 2 });
    recordAt(engine, [1, 2]);
    engine.run();
    expect(engine.stopReason).toBe('empty');
  });

  it('reports until, not eventsMax, when the bound is reached but nothing more is due', () => {
    const engine = new Engine({ eventsMax: 2 });
    recordAt(engine, [1, 2, 50]);
    engine.run(10);
    expect(engine.stopReason).toBe('until');
    expect(engine.now).toBe(10);
  });

  it('calls afterEach after every event, in run and in step', () => {
    const engine = new Engine();
    const ran = recordAt(engine, [1, 2, 3]);
    const seen: number[] = [];
    engine.afterEach = () => seen.push(ran.length);
    engine.step();
    engine.run();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops after a budget of events with the clock at the last one, and resumes where it stopped', () => {
    const engine = new Engine();
    recordAt(engine, Array.from({ length: 10 }, (_, i) => (i + 1) * 100));
    const seen: number[] = [];
    for (;;) {
      engine.run(Infinity, 4);
      seen.push(engine.now);
      if (engine.stopReason !== 'budget') break;
    }
    expect(seen).toEqual([400, 800, 1000]);
    expect(engine.stopReason).toBe('empty');
    expect(engine.processed).toBe(10);
  });
});

describe('Engine scheduling', () => {
  it('runs an event scheduled in the past at the current time, after those already due then', () => {
    const engine = new Engine();
    const order: string[] = [];
    engine.at(500, () => {
      order.push(`first@${engine.now}`);
      engine.at(100, () => order.push(`past@${engine.now}`));
    });
    engine.at(500, () => order.push(`second@${engine.now}`));
    engine.run();
    expect(order).toEqual(['first@500', 'second@500', 'past@500']);
  });

  it('rounds times up to whole milliseconds', () => {
    const engine = new Engine();
    const ran = recordAt(engine, [1500.0001, 2000, 0.2]);
    engine.after(2999.5, () => ran.push(engine.now));
    engine.run();
    expect(ran).toEqual([1, 1501, 2000, 3000]);
  });

  it('steps one event at a time and returns false when none is left', () => {
    const engine = new Engine();
    const ran = recordAt(engine, [20, 10]);
    expect(engine.step()).toBe(true);
    expect(ran).toEqual([10]);
    expect(engine.now).toBe(10);
    expect(engine.step()).toBe(true);
    expect(engine.step()).toBe(false);
    expect(engine.now).toBe(20);
    expect(engine.processed).toBe(2);
  });

  it('never runs a cancelled action, and cancels a handle only once', () => {
    const engine = new Engine();
    let ran = false;
    const handle = engine.after(100, () => {
      ran = true;
    });
    expect(engine.cancel(handle)).toBe(true);
    expect(engine.cancel(handle)).toBe(false);
    expect(engine.cancel(undefined)).toBe(false);
    expect(engine.pending).toBe(0);
    engine.run();
    expect(ran).toBe(false);
    expect(engine.processed).toBe(0);
  });
});

describe('Engine.emit', () => {
  it('records events at the current time and changes the trace hash', () => {
    const engine = new Engine();
    const empty = engine.trace.hash();
    engine.at(2500, () => engine.emit('host.maintenance.start', { host: 'esx-01' }));
    engine.run();
    expect(engine.trace.events).toEqual([{ t: 2500, type: 'host.maintenance.start', host: 'esx-01' }]);
    expect(engine.trace.hash()).not.toBe(empty);
  });

  it('gives the same trace hash for the same seed and schedule', () => {
    const hashOf = (seed: number): string => {
      const engine = new Engine({ seed });
      const rng = engine.stream('arrivals');
      const arrive = (): void => {
        engine.emit('vm.arrive', { n: engine.processed });
        if (engine.processed < 50) engine.after(rng.exponential(1000), arrive);
      };
      engine.after(0, arrive);
      engine.run();
      return engine.trace.hash();
    };
    expect(hashOf(7)).toBe(hashOf(7));
    expect(hashOf(7)).not.toBe(hashOf(8));
  });
});
