import { describe, expect, it } from 'vitest';
import { summarizeSweep, type RunRow, type SweepDefinition } from '../../sim/sweep/aggregate.ts';
import { csvField, sweepCsvLines } from '../../sim/sweep/csv.ts';
import { makePart, mergeParts, type SweepPart } from '../../sim/sweep/part.ts';

const names = ['vms.downtimeSeconds.total', 'storage.volumesLost'];
const definition: SweepDefinition = {
  scenario: 'tiny',
  scenarioHash: 'sha256:abc',
  seed: 100,
  runs: 4,
  grid: [{ path: 'storage.replicas', values: [1, 2] }],
};
// Combination 0 (replicas 1) loses data in runs 1 and 3; combination 1 never does.
const rows: RunRow[] = [
  ...[0, 1, 2, 3].map((run) => ({ combination: 0, run, values: [run * 10, run % 2] })),
  ...[0, 1, 2, 3].map((run) => ({ combination: 1, run, values: [run, 0] })),
];

describe('summarizeSweep', () => {
  it('reports each combination, with the baseline (first values) at the top level', () => {
    const report = summarizeSweep(definition, { metricNames: names, rows });
    expect(report).toMatchObject({ schema: 'hcisim.sweep/v1', runs: 4, totalRuns: 8, seed: 100 });
    expect(report.combinations.map((c) => c.set)).toEqual([{ 'storage.replicas': 1 }, { 'storage.replicas': 2 }]);
    expect(report.metrics).toBe(report.combinations[0].metrics);
    expect(report.metrics['vms.downtimeSeconds.total']).toMatchObject({ mean: 15, p50: 10, p95: 30, p99: 30 });
    expect(report.dataLossProbability.runsWithLoss).toBe(2);
    expect(report.dataLossProbability.estimate).toBe(0.5);
    expect(report.combinations[1].dataLossProbability).toMatchObject({ runsWithLoss: 0, estimate: 0 });
    expect(report.combinations[1].dataLossProbability.ci95[0]).toBe(0);
  });

  it('puts the mean of the runs\' estimated loss probabilities beside the counted losses, with the 95 % interval of that mean', () => {
    const withRisk = ['storage.volumesLost', 'storage.risk.lossProbability'];
    const p = [0, 4e-6, 0, 2e-6];
    const risky: RunRow[] = [0, 1].flatMap((combination) => p.map((v, run) => ({ combination, run, values: [0, combination === 0 ? v : 0] })));
    const report = summarizeSweep(definition, { metricNames: withRisk, rows: risky });
    // mean 1.5e-6; sample sd sqrt(((1.5)^2 + 2.5^2 + 1.5^2 + 0.5^2) / 3) x 1e-6 = 1.9149e-6; half-width 1.96 sd / 2.
    const half = (1.959964 * Math.sqrt((1.5 ** 2 + 2.5 ** 2 + 1.5 ** 2 + 0.5 ** 2) / 3) * 1e-6) / 2;
    expect(report.riskEstimate!.lossProbability).toBeCloseTo(1.5e-6, 15);
    expect(report.riskEstimate!.ci95[0]).toBe(0);
    expect(report.riskEstimate!.ci95[1]).toBeCloseTo(1.5e-6 + half, 15);
    expect(report.riskEstimate!.method).toMatch(/mean over runs/);
    expect(report.combinations[1].riskEstimate).toMatchObject({ lossProbability: 0, ci95: [0, 0] });
    expect(report.dataLossProbability.runsWithLoss).toBe(0);
    // Summaries without storage.risk (older parts) give no estimate rather than a made-up one.
    expect(summarizeSweep(definition, { metricNames: names, rows }).riskEstimate).toBeUndefined();
  });

  it('gives the same report whatever order the runs finished in', () => {
    const a = summarizeSweep(definition, { metricNames: names, rows });
    const b = summarizeSweep(definition, { metricNames: names, rows: [...rows].reverse() });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('refuses a sweep with a run missing or given twice', () => {
    expect(() => summarizeSweep(definition, { metricNames: names, rows: rows.slice(1) })).toThrow(/7 runs, expected 8/);
    const twice = [...rows.slice(1), rows[2]];
    expect(() => summarizeSweep(definition, { metricNames: names, rows: twice })).toThrow(/not one of each run/);
  });
});

describe('sweepCsvLines', () => {
  it('writes one row per run: grid values, run index, seed, every figure', () => {
    const lines = sweepCsvLines(definition, { metricNames: names, rows });
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('set:storage.replicas,run,seed,vms.downtimeSeconds.total,storage.volumesLost');
    expect(lines[2]).toBe('1,1,101,10,1');
    expect(lines[8]).toBe('2,3,103,3,0');
  });

  it('quotes fields holding commas or quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('30m')).toBe('30m');
  });
});

describe('mergeParts', () => {
  const shardRows = (index: number) => rows.filter((r) => r.run % 2 === index - 1);
  const part = (index: number, over: Partial<SweepPart> = {}): unknown =>
    JSON.parse(JSON.stringify({ ...makePart(definition, { index, count: 2 }, { metricNames: names, rows: shardRows(index) }), ...over }));

  it('pools the parts back into the rows of the unsharded sweep', () => {
    const merged = mergeParts([
      { name: 'b.json', json: part(2) },
      { name: 'a.json', json: part(1) },
    ]);
    if (!merged.ok) throw new Error(merged.errors.join('\n'));
    expect(merged.definition).toEqual(definition);
    const whole = summarizeSweep(definition, { metricNames: names, rows });
    expect(JSON.stringify(summarizeSweep(merged.definition, merged.data))).toBe(JSON.stringify(whole));
  });

  it('refuses a missing shard, a shard given twice, and parts of another sweep', () => {
    expect(mergeParts([{ name: 'a.json', json: part(1) }])).toEqual({ ok: false, errors: ['shard 2/2 is missing'] });
    const twice = mergeParts([
      { name: 'a.json', json: part(1) },
      { name: 'b.json', json: part(1) },
      { name: 'c.json', json: part(2) },
    ]);
    expect(twice).toEqual({ ok: false, errors: ['shard 1/2 is given twice: a.json and b.json'] });
    const other = part(2, { definition: { ...definition, seed: 7 } });
    const different = mergeParts([
      { name: 'a.json', json: part(1) },
      { name: 'b.json', json: other },
    ]);
    expect(different.ok).toBe(false);
    expect(!different.ok && different.errors[0]).toMatch(/different sweeps: seed 7 vs 100/);
  });

  it('refuses a part cut short or holding runs of another shard', () => {
    const short = part(2) as SweepPart;
    short.rows.pop();
    const r = mergeParts([
      { name: 'a.json', json: part(1) },
      { name: 'b.json', json: short },
    ]);
    expect(r).toEqual({ ok: false, errors: ['b.json: holds 3 of its 4 runs (an interrupted shard?)'] });
    const stray = part(2) as SweepPart;
    stray.rows[0][1] = 0;
    const s = mergeParts([
      { name: 'a.json', json: part(1) },
      { name: 'b.json', json: stray },
    ]);
    expect(!s.ok && s.errors[0]).toMatch(/b.json: holds run 0 of combination 0, which is not in shard 2\/2/);
  });

  it('refuses a file that is not a part', () => {
    const r = mergeParts([{ name: 'x.json', json: { hello: 1 } }]);
    expect(!r.ok && r.errors[0]).toMatch(/^x.json: not a sweep part/);
  });
});
