// Loading a scenario: text -> YAML document with positions -> schema -> platform defaults merged
// -> groups expanded -> references checked -> the Scenario the engine runs. Pure (no file system),
// so the CLI, the tests and the browser all load scenarios the same way. Every problem found is
// returned at once, each with its dotted path and the line and column of the node it concerns.
import { profileFor } from '../platforms/index.ts';
import { checkCluster } from './checks.ts';
import { validDurationMs } from './duration.ts';
import { expandHosts, expandVms } from './expand.ts';
import { validateFile } from './issues.ts';
import { mergeParameters } from './merge.ts';
import { parseText, type ParsedText } from './positions.ts';
import { dotted, sortProblems, type Finding, type Problem } from './problem.ts';
import { buildSchedule } from './schedule.ts';
import type { ScenarioFile } from './schema.ts';
import type { FailureRates, Scenario } from './types.ts';

export { formatProblem } from './problem.ts';
export type { Problem } from './problem.ts';

export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

export function loadScenarioText(text: string, fileName: string): LoadResult {
  const parsed = parseText(text);
  if (parsed.problems.length > 0) return { ok: false, problems: sortProblems(parsed.problems), warnings: [] };
  const validated = validateFile(parsed.data);
  if (!validated.ok) return { ok: false, problems: place(parsed, validated.findings), warnings: [] };
  const file = validated.file;
  const parameters = mergeParameters(profileFor(file.platform).defaults, file);
  const hosts = expandHosts(file.hosts);
  const vms = expandVms(file.vms);
  const untilMs = file.until === undefined ? undefined : validDurationMs(file.until);
  const cluster = checkCluster(file, parameters);
  const plan = buildSchedule(file.schedule, hosts, vms, untilMs);
  const warnings = place(parsed, [...cluster.warnings, ...plan.warnings]);
  const errors = [...cluster.errors, ...plan.errors];
  if (errors.length > 0) return { ok: false, problems: place(parsed, errors), warnings };
  const scenario: Scenario = {
    name: file.name,
    platform: file.platform,
    seed: file.seed,
    hosts,
    vms,
    parameters,
    schedule: plan.schedule,
    source: fileName,
  };
  if (file.description !== undefined) scenario.description = file.description;
  if (untilMs !== undefined) scenario.untilMs = untilMs;
  if (file.failures !== undefined) scenario.failures = failureRates(file.failures);
  return { ok: true, scenario, warnings };
}

/** Findings with the line and column of their node, in file order. */
function place(parsed: ParsedText, findings: readonly Finding[]): Problem[] {
  return sortProblems(
    findings.map((f) => {
      const position = parsed.locate(f.path, f.target);
      return { path: dotted(f.path), message: f.message, ...position };
    }),
  );
}

function failureRates(f: NonNullable<ScenarioFile['failures']>): FailureRates {
  return {
    diskAfrPercent: f.diskAfrPercent,
    hostAfrPercent: f.hostAfrPercent,
    diskReplaceMs: validDurationMs(f.diskReplace),
    hostRepairMs: validDurationMs(f.hostRepair),
  };
}
