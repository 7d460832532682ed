// `hcisim cost FILE --years 3`: the scenario's cluster priced on each platform (licence, staff,
// support, training; sim/cost/price.ts), and with `--downtime-cost-per-hour` the expected cost of
// the downtime and data loss that a sweep of the same scenario measured on each platform, run in
// the sweep's worker pool: platforms then compare on risk-adjusted cost. Each platform runs with
// its native storage, as `hcisim compare` does.
import { availableParallelism } from 'node:os';
import { directCost } from '../cost/price.ts';
import { riskCost, type MeasuredRisk } from '../cost/risk.ts';
import type { PlatformName } from '../platforms/parameters.ts';
import { formatProblem, loadScenarioText, type Override } from '../scenario/load.ts';
import { PROBLEM_LINES_MAX } from '../scenario/limits.ts';
import { boundedLines } from '../scenario/problem.ts';
import type { Scenario } from '../scenario/types.ts';
import type { SweepRows } from '../sweep/aggregate.ts';
import { DATA_LOSS_METRIC } from '../sweep/metrics.ts';
import type { Io } from './commands.ts';
import { formatCost } from './cost-format.ts';
import type { CostFlags, CostRow } from './cost-args.ts';
import { EXIT_OK, UserError } from './errors.ts';
import { overridesFor } from './compare-command.ts';
import { runPool } from './sweep-pool.ts';
import { sweepProgress } from './sweep-progress.ts';
import type { Task } from './sweep-protocol.ts';
import { readText } from './read.ts';

export const COST_RUNS_DEFAULT = 20;

/** The flags that only the risk sweep reads, as the user typed them. */
const SWEEP_FLAGS = [['--data-loss-cost', 'dataLossCostUsd'], ['--runs', 'runs'], ['--seed', 'seed'], ['--workers', 'workers']] as const;

export async function costCommand(file: string, flags: CostFlags, io: Io): Promise<number> {
  // A flag that would change nothing is refused, so that no one reads a result it did not shape.
  const idle = SWEEP_FLAGS.filter(([, key]) => flags[key] !== undefined).map(([name]) => name);
  if (idle.length > 0 && flags.downtimeCostPerHourUsd === undefined) {
    throw new UserError(`hcisim: ${idle.join(', ')} ${idle.length === 1 ? 'belongs' : 'belong'} to the risk sweep: give --downtime-cost-per-hour too (0 is allowed)`);
  }
  const text = readText(file);
  // Pricing alone runs nothing: only a risk sweep (--downtime-cost-per-hour) is held to the run's work limit.
  const scenarios = flags.platforms.map((platform) => loadAs(text, file, platform, flags.downtimeCostPerHourUsd !== undefined));
  const periodMs = scenarios[0].untilMs;
  if (flags.downtimeCostPerHourUsd !== undefined && periodMs === undefined) {
    // Without until a run ends at its last event, a different time on each platform; scaling that
    // to years would repeat a one-off schedule by a different factor per platform.
    throw new UserError(
      `hcisim: ${file}: --downtime-cost-per-hour scales what the runs measure to ${flags.years} ${flags.years === 1 ? 'year' : 'years'}, so the file must say what period a run represents: set until (e.g. until: 365d for a year of its schedule)`,
    );
  }
  const rows: CostRow[] = scenarios.map((s) => directCost(s.platform, s.hosts, s.cost[s.platform], flags.years));
  if (flags.downtimeCostPerHourUsd !== undefined) {
    const measured = await measureRisk(text, file, scenarios, flags, periodMs! / 1000, io);
    const prices = { years: flags.years, downtimeCostPerHourUsd: flags.downtimeCostPerHourUsd, dataLossCostPerVolumeUsd: flags.dataLossCostUsd ?? 0 };
    rows.forEach((row, i) => {
      const risk = { ...measured[i], ...riskCost(measured[i], prices) };
      row.risk = risk;
      row.riskAdjustedTotalUsd = row.totalUsd + risk.downtimeUsd + risk.dataLossUsd;
    });
  }
  if (flags.json) io.out(JSON.stringify({ scenario: scenarios[0].name, years: flags.years, platforms: rows }, null, 2) + '\n');
  else io.out(formatCost(scenarios[0], flags, rows));
  return EXIT_OK;
}


function loadAs(text: string, file: string, platform: PlatformName, simulates: boolean): Scenario {
  const loaded = loadScenarioText(text, file, overridesFor(platform, false), { simulates });
  if (!loaded.ok) throw new UserError(boundedLines(file, loaded.problems.map((p) => formatProblem(file, { ...p, message: `(as ${platform}) ${p.message}` })), PROBLEM_LINES_MAX));
  return loaded.scenario;
}

/** Runs `flags.runs` seeds of the scenario on each platform in the sweep's pool; means per platform. */
async function measureRisk(text: string, file: string, scenarios: readonly Scenario[], flags: CostFlags, periodSeconds: number, io: Io): Promise<MeasuredRisk[]> {
  const combinations: Override[][] = scenarios.map((s) => overridesFor(s.platform, false));
  const seed = flags.seed ?? scenarios[0].seed;
  const runs = flags.runs ?? COST_RUNS_DEFAULT;
  const tasks: Task[] = combinations.flatMap((_, combination) => Array.from({ length: runs }, (_, run) => ({ combination, run, seed: seed + run })));
  const workers = Math.max(1, Math.min(flags.workers ?? availableParallelism(), tasks.length));
  const progress = sweepProgress(io.stderr, true, tasks.length);
  let data: SweepRows;
  try {
    data = await runPool({ setup: { text, fileName: file, combinations }, tasks, workers, onRun: progress.onRun });
  } finally {
    progress.stop();
  }
  const column = (name: string) => {
    const i = data.metricNames.indexOf(name);
    if (i < 0) throw new Error(`the run summaries have no ${name}`);
    return i;
  };
  const [downtime, lost, simulated] = [column('vms.downtimeSeconds.total'), column(DATA_LOSS_METRIC), column('simulatedSeconds')];
  return scenarios.map((s, combination) => {
    // Summed in run order, so the worker count cannot change a figure's rounding.
    const rows = data.rows.filter((r) => r.combination === combination).sort((a, b) => a.run - b.run);
    const mean = (c: number) => rows.reduce((sum, r) => sum + r.values[c], 0) / rows.length;
    return {
      platform: s.platform,
      runs: rows.length,
      periodSeconds,
      simulatedSeconds: mean(simulated),
      downtimeSecondsMean: mean(downtime),
      volumesLostMean: mean(lost),
      dataLossRunShare: rows.filter((r) => r.values[lost] > 0).length / rows.length,
    };
  });
}
