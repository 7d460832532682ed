// `hcisim sweep FILE`: Monte Carlo replicas of one scenario, over a grid of parameter values, in
// a pool of worker threads. Everything the user gave is checked first (the file, every grid
// combination as the loader sees it, the seed range), so bad input exits 2 having run and
// written nothing. Then the runs, then either the statistics (sweep.json, sweep.csv, a table) or,
// for one shard of a split sweep, the raw rows for `hcisim merge`.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatProblem, loadScenarioText, type Override, type Problem } from '../scenario/load.ts';
import { PROBLEM_LINES_MAX } from '../scenario/limits.ts';
import { boundedLines } from '../scenario/problem.ts';
import type { Scenario } from '../scenario/types.ts';
import { summarizeSweep, type SweepDefinition, type SweepRows } from '../sweep/aggregate.ts';
import { sweepCsvLines } from '../sweep/csv.ts';
import { combinationCount, expandGrid, formatCombination, parseSets, COMBINATIONS_MAX, type GridAxis } from '../sweep/grid.ts';
import { makePart } from '../sweep/part.ts';
import { shardRuns, type Shard } from '../sweep/shard.ts';
import type { Io } from './commands.ts';
import { EXIT_OK, UserError } from './errors.ts';
import { defaultOutDir } from './output.ts';
import { formatSweep } from './sweep-format.ts';
import { writePart, writeSweepOutput, type SweepTiming } from './sweep-output.ts';
import { runPool } from './sweep-pool.ts';
import { sweepProgress } from './sweep-progress.ts';
import type { Task } from './sweep-protocol.ts';
import { readText } from './read.ts';

export interface SweepFlags {
  runs: number;
  seed?: number;
  workers?: number;
  shard?: Shard;
  out?: string;
  /** Each --set as typed: `path=v1,v2`. */
  sets: string[];
  quiet?: boolean;
}

/** Runs of all combinations together; every run's figures stay in memory until the end. */
export const TOTAL_RUNS_MAX = 1_000_000;

export async function sweepCommand(file: string, flags: SweepFlags, io: Io): Promise<number> {
  const text = readText(file);
  const axes = gridAxes(flags.sets, flags.runs);
  const base = loadOrThrow(text, file, []);
  const combinations = expandGrid(axes);
  const warnings = combinationWarnings(text, file, combinations, base.warnings);
  if (!flags.quiet) for (const w of boundedLines(file, warnings, PROBLEM_LINES_MAX)) io.err(w + '\n');
  const seed = flags.seed ?? base.scenario.seed;
  if (!Number.isSafeInteger(seed + flags.runs - 1)) throw new UserError(`hcisim: --seed ${seed} with --runs ${flags.runs} runs past the largest safe integer`);
  const definition: SweepDefinition = { scenario: base.scenario.name, scenarioHash: sha256(text), seed, runs: flags.runs, grid: axes };
  const indices = shardRuns(flags.runs, flags.shard);
  const tasks: Task[] = combinations.flatMap((_, combination) => indices.map((run) => ({ combination, run, seed: seed + run })));
  const workers = Math.max(1, Math.min(flags.workers ?? availableParallelism(), tasks.length));
  const started = performance.now();
  const progress = sweepProgress(io.stderr, !flags.quiet, tasks.length);
  let rows: SweepRows;
  try {
    rows = await runPool({ setup: { text, fileName: file, combinations }, tasks, workers, onRun: progress.onRun });
  } finally {
    progress.stop();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const timing: SweepTiming = { workers, wallSeconds, runsPerSecond: wallSeconds > 0 ? tasks.length / wallSeconds : 0 };
  const dir = flags.out ?? defaultOutDir(file);
  if (flags.shard) {
    const path = writePart(dir, { ...makePart(definition, flags.shard, rows), timing }, io.pid);
    if (!flags.quiet) io.out(`wrote ${path}: ${tasks.length} runs (shard ${flags.shard.index}/${flags.shard.count}) in ${wallSeconds.toFixed(1)}s\n`);
    return EXIT_OK;
  }
  const report = summarizeSweep(definition, rows);
  const paths = writeSweepOutput(dir, { ...report, timing }, sweepCsvLines(definition, rows), io.pid);
  if (!flags.quiet) io.out(formatSweep(report, timing, paths));
  return EXIT_OK;
}


function gridAxes(sets: readonly string[], runs: number): GridAxis[] {
  const parsed = parseSets(sets);
  if ('error' in parsed) throw new UserError(`hcisim: --set ${parsed.error}`);
  const count = combinationCount(parsed.axes);
  if (count > COMBINATIONS_MAX) throw new UserError(`hcisim: the --set grid has ${count} combinations, at most ${COMBINATIONS_MAX}`);
  if (count * runs > TOTAL_RUNS_MAX) throw new UserError(`hcisim: ${count} combinations x ${runs} runs is more than ${TOTAL_RUNS_MAX} runs`);
  return parsed.axes;
}

/** The scenario with `overrides`, or every problem as a line (the `--set` named where it caused one). */
function loadOrThrow(text: string, file: string, overrides: readonly Override[]): { scenario: Scenario; warnings: Problem[] } {
  const result = loadScenarioText(text, file, overrides);
  if (result.ok) return { scenario: result.scenario, warnings: result.warnings };
  const lines = [...result.problems, ...result.warnings.map(asWarning)].map((p) => problemLine(file, p, overrides));
  throw new UserError(boundedLines(file, lines, PROBLEM_LINES_MAX));
}

function asWarning(p: Problem): Problem {
  return { ...p, message: `warning: ${p.message}` };
}

/**
 * A problem at an overridden path reads `hcisim: --set path=value: message`; one elsewhere in the
 * file reads as `validate` prints it, followed by the combination that brought it out.
 */
function problemLine(file: string, p: Problem, overrides: readonly Override[]): string {
  // Without a position the problem is at a node the overrides made: name the --set that made it.
  const culprit = overrides.find((o) => p.path === o.path || p.path.startsWith(o.path + '.') || (p.line === undefined && o.path.startsWith(p.path + '.')));
  if (culprit) return `hcisim: --set ${formatCombination([culprit])}: ${p.path === culprit.path ? '' : p.path + ': '}${p.message}`;
  const line = formatProblem(file, p);
  return overrides.length > 0 ? `${line} (with ${formatCombination(overrides)})` : line;
}

/**
 * Loads every combination before any run (so a bad one stops the sweep before it starts) and
 * returns the warning lines: the file's own, then those a combination adds, each once.
 */
function combinationWarnings(text: string, file: string, combinations: readonly Override[][], base: readonly Problem[]): string[] {
  const lines = base.map((w) => problemLine(file, asWarning(w), []));
  const seen = new Set(lines);
  for (const overrides of combinations) {
    if (overrides.length === 0) continue;
    for (const w of loadOrThrow(text, file, overrides).warnings) {
      const key = problemLine(file, asWarning(w), []);
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(problemLine(file, asWarning(w), overrides));
    }
  }
  return lines;
}

function sha256(text: string): string {
  return 'sha256:' + createHash('sha256').update(text).digest('hex');
}
