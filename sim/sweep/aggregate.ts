// From the runs of a sweep to its report (the body of sweep.json): for each grid combination,
// the distribution of every summary figure and the probability of data loss. The rows are put in
// (combination, run) order first, so the report depends only on which runs were made, never on
// which worker or machine made them or in what order they finished.
import type { Override } from '../scenario/load.ts';
import { expandGrid, type GridAxis, type Scalar } from './grid.ts';
import { DATA_LOSS_METRIC, RISK_METRIC } from './metrics.ts';
import { distribution, estimateProbability, meanProbability, type Distribution } from './stats.ts';

/** What identifies a sweep: the parts of one sharded sweep must agree on all of it. */
export interface SweepDefinition {
  /** The scenario's name. */
  scenario: string;
  /** Hash of the scenario file's text, so parts run on different machines are known to match. */
  scenarioHash: string;
  /** Run i uses seed + i, in every combination (common random numbers across the grid). */
  seed: number;
  /** Runs per combination. */
  runs: number;
  grid: GridAxis[];
}

/** One run's figures, in the order of SweepRows.metricNames. */
export interface RunRow {
  combination: number;
  run: number;
  values: number[];
}

export interface SweepRows {
  metricNames: string[];
  rows: RunRow[];
}

export interface DataLossProbability {
  runsWithLoss: number;
  estimate: number;
  ci95: [low: number, high: number];
}

/**
 * The data-loss estimate beside the counted losses: the mean over runs of each run's
 * storage.risk.lossProbability (integrated over its short windows, so it resolves probabilities
 * far below 1 / runs) with the 95 % interval of that mean.
 */
export interface RiskEstimate {
  lossProbability: number;
  ci95: [low: number, high: number];
  method: string;
}

export const RISK_ESTIMATE_METHOD = 'mean over runs of storage.risk.lossProbability (exposure windows), normal 95 % interval of the mean';

export interface CombinationReport {
  set: Record<string, Scalar>;
  runs: number;
  metrics: Record<string, Distribution>;
  dataLossProbability: DataLossProbability;
  /** Absent for runs whose summaries had no storage.risk (parts from before it existed). */
  riskEstimate?: RiskEstimate;
}

/**
 * sweep.json. The top level's `metrics` and `dataLossProbability` are those of combination 0,
 * the baseline (each `--set`'s first value); `combinations` holds every combination, the
 * baseline included, so a reader that handles grids needs no special case.
 */
export interface SweepReport extends SweepDefinition {
  schema: 'hcisim.sweep/v1';
  totalRuns: number;
  metrics: Record<string, Distribution>;
  dataLossProbability: DataLossProbability;
  riskEstimate?: RiskEstimate;
  combinations: CombinationReport[];
}

/** Rows in (combination, run) order; throws unless each combination has runs 0..runs-1 once each. */
export function orderedRows(definition: SweepDefinition, data: SweepRows): RunRow[] {
  const combinations = expandGrid(definition.grid).length;
  const rows = [...data.rows].sort((a, b) => a.combination - b.combination || a.run - b.run);
  const expected = combinations * definition.runs;
  if (rows.length !== expected) throw new Error(`sweep has ${rows.length} runs, expected ${expected}`);
  rows.forEach((row, i) => {
    const combination = Math.floor(i / definition.runs);
    if (row.combination !== combination || row.run !== i % definition.runs) {
      throw new Error(`sweep rows are not one of each run: found combination ${row.combination} run ${row.run} at position ${i}`);
    }
    if (row.values.length !== data.metricNames.length) throw new Error(`run ${row.run} has ${row.values.length} figures, expected ${data.metricNames.length}`);
  });
  return rows;
}

export function summarizeSweep(definition: SweepDefinition, data: SweepRows): SweepReport {
  const rows = orderedRows(definition, data);
  const lossColumn = data.metricNames.indexOf(DATA_LOSS_METRIC);
  if (lossColumn < 0) throw new Error(`the run summaries have no ${DATA_LOSS_METRIC}`);
  const combinations = expandGrid(definition.grid).map((overrides, c) =>
    combinationReport(overrides, rows.slice(c * definition.runs, (c + 1) * definition.runs), data.metricNames, lossColumn),
  );
  const risk = combinations[0].riskEstimate;
  return {
    schema: 'hcisim.sweep/v1',
    ...definition,
    totalRuns: rows.length,
    metrics: combinations[0].metrics,
    dataLossProbability: combinations[0].dataLossProbability,
    ...(risk ? { riskEstimate: risk } : {}),
    combinations,
  };
}

function combinationReport(overrides: readonly Override[], rows: readonly RunRow[], names: readonly string[], lossColumn: number): CombinationReport {
  const set: Record<string, Scalar> = {};
  for (const o of overrides) set[o.path] = o.value as Scalar;
  const metrics: Record<string, Distribution> = {};
  names.forEach((name, column) => (metrics[name] = distribution(rows.map((r) => r.values[column]))));
  const runsWithLoss = rows.filter((r) => r.values[lossColumn] > 0).length;
  const report: CombinationReport = { set, runs: rows.length, metrics, dataLossProbability: { runsWithLoss, ...estimateProbability(runsWithLoss, rows.length) } };
  const riskColumn = names.indexOf(RISK_METRIC);
  if (riskColumn >= 0) {
    const { estimate, ci95 } = meanProbability(rows.map((r) => r.values[riskColumn]));
    report.riskEstimate = { lossProbability: estimate, ci95, method: RISK_ESTIMATE_METHOD };
  }
  return report;
}
