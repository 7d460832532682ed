import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../sim/scenario/load.ts';
import { createSimulation } from '../../sim/simulation.ts';
import { driveRun, unpackBatch } from '../../sim/worker/drive.ts';
import type { EventBatch } from '../../sim/worker/protocol.ts';

const file = 'scenarios/vsphere-firmware-rollout.yaml';
const text = readFileSync(file, 'utf8');

function cliHash(seed: number): string {
  const loaded = loadScenarioText(text, file);
  if (!loaded.ok) throw new Error('does not load');
  const sim = createSimulation(loaded.scenario, { seed });
  sim.finish();
  return sim.traceHash();
}

describe('driveRun', () => {
  it('streams the whole trace in a few packed batches and ends with the same hash as a run in one go', async () => {
    const batches: EventBatch[] = [];
    const outcome = await driveRun({ text, fileName: file, overrides: [], seed: 3, stepEvents: 500 }, (b) => void batches.push(b), () => false);
    if (outcome.kind !== 'done') throw new Error(outcome.kind);
    expect(outcome.traceHash).toBe(cliHash(3));
    const lines = batches.flatMap((b) => unpackBatch(b.bytes));
    expect(lines.length).toBe(outcome.eventCount);
    expect(batches.reduce((n, b) => n + b.events, 0)).toBe(outcome.eventCount);
    expect(batches.length).toBeLessThan(outcome.eventCount / 100);
    expect(JSON.parse(lines[0]).type).toBe('run.start');
    expect(JSON.parse(lines[lines.length - 1]).type).toBe('run.end');
  });

  it('applies the knobs as overrides, checked like the file', async () => {
    const outcome = await driveRun({ text, fileName: file, overrides: [{ path: 'storage.replicas', value: 0 }] }, () => {}, () => false);
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind === 'invalid') expect(outcome.problems.join('\n')).toMatch(/storage\.replicas/);
  });

  it('reports a malformed file as FILE:LINE:COL problems', async () => {
    const outcome = await driveRun({ text: 'name: x\nplatform: vmware\n', fileName: 'bad.yaml', overrides: [] }, () => {}, () => false);
    expect(outcome).toMatchObject({ kind: 'invalid' });
    if (outcome.kind === 'invalid') expect(outcome.problems[0]).toMatch(/^bad\.yaml:2:11: platform: /);
  });

  it('stops at the next step once cancelled', async () => {
    let batches = 0;
    const outcome = await driveRun({ text, fileName: file, overrides: [], stepEvents: 100 }, () => void batches++, () => batches >= 2);
    expect(outcome).toMatchObject({ kind: 'cancelled', eventCount: expect.any(Number) });
    expect(batches).toBe(2);
  });
});

describe('unpackInSlices', () => {
  it('gives back every event of a batch larger than a slice, in order, in several slices', async () => {
    const { unpackInSlices } = await import('../../viz/src/unpack.ts');
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ t: i, type: 'vm.up', vm: `vm-${i}`, host: 'h'.repeat(i % 50) }));
    const slices: number[] = [];
    const seen: number[] = [];
    await unpackInSlices(new TextEncoder().encode(lines.join('\n')), (events) => {
      slices.push(events.length);
      for (const e of events) seen.push(e.t);
    });
    expect(seen).toEqual(lines.map((_, i) => i));
    expect(slices.length).toBeGreaterThan(1);
  });
});
