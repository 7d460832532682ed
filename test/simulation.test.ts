import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../sim/run.ts';
import { createSimulation } from '../sim/simulation.ts';
import { scenarioFrom } from './support/scenario.ts';

const FILE = 'scenarios/vsan-maintenance-risk.yaml';
const scenario = () => scenarioFrom(readFileSync(FILE, 'utf8'), FILE);

describe('createSimulation', () => {
  it('advanced in pieces gives the same trace and summary as one run to the end', () => {
    const whole = runScenario(scenario());
    const sim = createSimulation(scenario());
    for (let t = 0; !sim.done; t += 600_000) sim.advance(t);
    expect(sim.traceHash()).toBe(whole.traceHash);
    expect(sim.summary()).toEqual(whole.summary);
  });

  it('streams every event to a subscriber, from run.start to run.end, with its events.jsonl line', () => {
    const sim = createSimulation(scenario());
    const types: string[] = [];
    let lastT = 0;
    sim.subscribe((e, line) => {
      types.push(e.type);
      expect(e.t).toBeGreaterThanOrEqual(lastT);
      lastT = e.t;
      expect(JSON.parse(line)).toMatchObject({ t: e.t / 1000, type: e.type });
    });
    sim.finish();
    expect(types[0]).toBe('run.start');
    expect(types.at(-1)).toBe('run.end');
    expect(types.length).toBe(sim.eventCount);
    expect(sim.summary().eventCount).toBe(sim.eventCount);
  });

  it('gives a live summary mid-run that counts what happened so far', () => {
    const sim = createSimulation(scenario());
    sim.advance(2 * 3_600_000);
    expect(sim.done).toBe(false);
    const live = sim.summary();
    expect(live.stopReason).toBe('running');
    expect(live.simulatedSeconds).toBe(7200);
    expect(live.eventCount).toBe(sim.eventCount);
    sim.finish();
    const final = sim.summary();
    expect(final.stopReason).not.toBe('running');
    expect(final.eventCount).toBeGreaterThan(live.eventCount);
    expect(final.migrations.started).toBeGreaterThanOrEqual(live.migrations.started);
  });

  it('steps a given number of engine events, and does nothing once done', () => {
    const sim = createSimulation(scenario());
    sim.step(1);
    const first = sim.nowMs;
    sim.step(50);
    expect(sim.nowMs).toBeGreaterThanOrEqual(first);
    expect(sim.done).toBe(false);
    sim.finish();
    const { eventCount } = sim;
    sim.advance(Infinity);
    sim.step(10);
    expect(sim.eventCount).toBe(eventCount);
  });

  it('keeps no events unless asked', () => {
    const lean = createSimulation(scenario());
    lean.finish();
    expect(lean.events()).toEqual([]);
    const kept = createSimulation(scenario(), { keepEvents: true });
    kept.finish();
    expect(kept.events().length).toBe(kept.eventCount);
  });
});
