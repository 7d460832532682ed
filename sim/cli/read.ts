// Reading a scenario file from disk: the Node side of sim/scenario/load.ts. An unreadable file and
// a file with problems are both user mistakes; the problems come back as `FILE:LINE:COL: path:
// message` lines in file order, at most PROBLEM_LINES_MAX of them and a count of the rest.
import { readFileSync } from 'node:fs';
import { formatProblem, loadScenarioText, type Override, type Problem } from '../scenario/load.ts';
import { PROBLEM_LINES_MAX } from '../scenario/limits.ts';
import { boundedLines } from '../scenario/problem.ts';
import type { Scenario } from '../scenario/types.ts';
import { describeFsError, UserError } from './errors.ts';

export interface LoadedFile {
  scenario: Scenario;
  /** Warning lines, formatted like problems. */
  warnings: string[];
}

/** A file's text, or the one-line user error every command gives for a file it cannot read. */
export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`hcisim: cannot read ${file}: ${describeFsError(error)}`);
  }
}

export function readScenarioFile(file: string, overrides: readonly Override[] = []): LoadedFile {
  const text = readText(file);
  const result = loadScenarioText(text, file, overrides);
  const warnings = result.warnings.map((w) => formatWarning(file, w));
  if (!result.ok) throw new UserError(boundedLines(file, [...result.problems.map((p) => formatProblem(file, p)), ...warnings], PROBLEM_LINES_MAX));
  return { scenario: result.scenario, warnings: boundedLines(file, warnings, PROBLEM_LINES_MAX) };
}

function formatWarning(file: string, w: Problem): string {
  return formatProblem(file, { ...w, message: `warning: ${w.message}` });
}
