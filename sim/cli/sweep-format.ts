// The table `hcisim sweep` and `hcisim merge` print: for each grid combination, the figures that
// varied between runs (mean, p50, p95, p99) and the probability of data loss with its 95 %
// interval. Figures that were the same in every run are counted, not listed: they are in
// sweep.json, and a sweep's table is for what the randomness changed.
import type { CombinationReport, SweepReport } from '../sweep/aggregate.ts';
import { formatCombination } from '../sweep/grid.ts';
import type { Override } from '../scenario/load.ts';
import { formatNumber, table } from './format.ts';
import type { SweepPaths, SweepTiming } from './sweep-output.ts';

export function formatSweep(report: SweepReport, timing: SweepTiming | undefined, paths?: SweepPaths): string {
  const last = report.seed + report.runs - 1;
  const combos = report.combinations.length;
  const each = combos > 1 ? ` of each of ${combos} combinations` : '';
  const lines = [`${report.scenario}: ${formatNumber(report.runs)} runs${each} (seeds ${report.seed}..${last})`];
  if (timing) {
    const workers = `${timing.workers} ${timing.workers === 1 ? 'worker' : 'workers'}`;
    const rate = `${formatNumber(timing.runsPerSecond, 1)} runs/s`;
    lines.push(`${formatNumber(report.totalRuns)} runs on ${workers} in ${formatNumber(timing.wallSeconds, 1)}s (${rate})`);
  }
  for (const c of report.combinations) lines.push('', ...combinationLines(c));
  if (paths) lines.push('', ...table([['output', 'sweep.json', paths.json], ['', 'sweep.csv', paths.csv]]));
  return lines.join('\n') + '\n';
}

function combinationLines(c: CombinationReport): string[] {
  const overrides: Override[] = Object.entries(c.set).map(([path, value]) => ({ path, value }));
  const title = overrides.length > 0 ? [formatCombination(overrides)] : [];
  const names = Object.keys(c.metrics);
  const varied = names.filter((n) => c.metrics[n].min !== c.metrics[n].max);
  const rows = [['figure', 'mean', 'p50', 'p95', 'p99']];
  for (const name of varied) {
    const d = c.metrics[name];
    rows.push([name, figure(d.mean), figure(d.p50), figure(d.p95), figure(d.p99)]);
  }
  const loss = c.dataLossProbability;
  const [low, high] = loss.ci95;
  const lossText =
    `${formatNumber(loss.runsWithLoss)} of ${formatNumber(c.runs)} runs lost data: ` +
    `${percent(loss.estimate)} (95% CI ${percent(low)} to ${percent(high)})`;
  const same = names.length - varied.length;
  const risk = c.riskEstimate;
  const riskText = risk
    ? [`estimated from the runs' short windows: ${probability(risk.lossProbability)} (95% CI ${probability(risk.ci95[0])} to ${probability(risk.ci95[1])})`]
    : [];
  return [
    ...title,
    ...(varied.length > 0 ? aligned(rows) : ['no figure varied between runs']),
    lossText,
    ...riskText,
    `${formatNumber(same)} other ${same === 1 ? 'figure was' : 'figures were'} the same in every run (all are in sweep.json)`,
  ];
}

/** Columns aligned, numbers right-aligned under their headings. */
function aligned(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd());
}

function figure(value: number): string {
  return formatNumber(value, 3);
}

/** A probability as a percentage, in scientific notation below 0.01 %. */
function probability(p: number): string {
  if (p === 0) return '0%';
  return p >= 1e-4 ? percent(p) : `${(p * 100).toExponential(2)}%`;
}

function percent(p: number): string {
  return `${formatNumber(p * 100, 2)}%`;
}
