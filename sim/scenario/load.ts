// Loading a scenario: text -> YAML document with positions -> schema -> platform defaults merged
// -> groups expanded -> references checked -> the Scenario the engine runs. Pure (no file system),
// so the CLI, the tests and the browser all load scenarios the same way. Every problem found is
// returned at once, each with its dotted path and the line and column of the node it concerns.
// Overrides (`hcisim sweep --set path=value`) are laid on the parsed document before the schema
// sees it, so an overridden value is checked exactly like one written in the file.
import { profileFor } from '../platforms/index.ts';
import { checkBudget, grouped } from './budget.ts';
import { checkCluster } from './checks.ts';
import { validDurationMs } from './duration.ts';
import { expandHosts, expandVms } from './expand.ts';
import { validateFile } from './issues.ts';
import { FILE_BYTES_MAX } from './limits.ts';
import { mergeParameters } from './merge.ts';
import { mergeCosts } from './cost-schema.ts';
import { parseText, type ParsedText } from './positions.ts';
import { dotted, sortProblems, type Finding, type Problem } from './problem.ts';
import { applyRules, checkLoadCurves } from './rules.ts';
import { checkAnchors } from './anchors.ts';
import { buildSchedule } from './schedule.ts';
import type { ScenarioFile } from './schema.ts';
import type { FailureRates, Scenario } from './types.ts';

export { formatProblem } from './problem.ts';
export type { Problem } from './problem.ts';

export type LoadResult =
  | { ok: true; scenario: Scenario; warnings: Problem[] }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

/** One `--set`: a dotted path into the file (numbers index lists) and the value to put there. */
export interface Override {
  path: string;
  value: unknown;
}

/**
 * `simulates: false` for commands that only place or price the file (size, cost without a risk
 * sweep): the work its random failures would cost a run is not theirs to refuse.
 */
export function loadScenarioText(text: string, fileName: string, overrides: readonly Override[] = [], options: { simulates?: boolean } = {}): LoadResult {
  if (text.length > FILE_BYTES_MAX) {
    return { ok: false, problems: [{ path: '', message: `the file has ${grouped(text.length)} characters, at most ${grouped(FILE_BYTES_MAX)} (a scenario is a few kilobytes)` }], warnings: [] };
  }
  const parsed = parseText(text, { json: /\.json$/i.test(fileName) });
  if (parsed.problems.length > 0) return { ok: false, problems: sortProblems(parsed.problems), warnings: [] };
  const overridden = applyOverrides(parsed, overrides);
  if (overridden.problems.length > 0) return { ok: false, problems: overridden.problems, warnings: [] };
  const { created } = overridden;
  const validated = validateFile(parsed.data);
  if (!validated.ok) return { ok: false, problems: place(parsed, validated.findings, created), warnings: [] };
  const file = validated.file;
  const parameters = mergeParameters(profileFor(file.platform).defaults, file);
  // Before anything is expanded: a file beyond the work limits must not cost memory to refuse.
  const overBudget = checkBudget(file, parameters, { simulates: options.simulates ?? true });
  if (overBudget.length > 0) return { ok: false, problems: place(parsed, overBudget, created), warnings: [] };
  const hosts = expandHosts(file.hosts);
  const vms = expandVms(file.vms);
  const untilMs = file.until === undefined ? undefined : validDurationMs(file.until);
  // compare, size and cost load one file as each platform: its balancer settings were written for
  // its own platform, so on another one they are said to be unread, not refused.
  const cluster = checkCluster(file, parameters, { asAnotherPlatform: overrides.some((o) => o.path === 'platform') });
  const plan = buildSchedule(file.schedule, hosts, vms, untilMs);
  const anchors = checkAnchors(plan.schedule, hosts, file.failures, untilMs);
  const rules = applyRules(file.rules, hosts, vms);
  const warnings = place(parsed, [...cluster.warnings, ...plan.warnings, ...anchors.warnings, ...rules.warnings], created);
  const errors = [...cluster.errors, ...plan.errors, ...anchors.errors, ...rules.errors, ...checkLoadCurves(file)];
  if (errors.length > 0) return { ok: false, problems: place(parsed, errors, created), warnings };
  const scenario: Scenario = {
    name: file.name,
    platform: file.platform,
    seed: file.seed,
    hosts,
    vms,
    parameters,
    schedule: plan.schedule,
    cost: mergeCosts(file.cost),
    source: fileName,
  };
  if (file.description !== undefined) scenario.description = file.description;
  if (untilMs !== undefined) scenario.untilMs = untilMs;
  if (file.failures !== undefined) scenario.failures = failureRates(file.failures);
  return { ok: true, scenario, warnings };
}

/**
 * Findings with the line and column of their node, in file order. A finding at or under a node
 * an override created or replaced gets no position: that value is not in the file, and pointing
 * at its nearest parent there would blame the wrong line.
 */
function place(parsed: ParsedText, findings: readonly Finding[], created: ReadonlySet<string> = new Set()): Problem[] {
  return sortProblems(
    findings.map((f) => {
      const path = dotted(f.path);
      const overridden = f.path.some((_, i) => created.has(dotted(f.path.slice(0, i + 1))));
      return overridden ? { path, message: f.message } : { path, message: f.message, ...parsed.locate(f.path, f.target) };
    }),
  );
}

/**
 * Sets each override in the parsed data, creating missing mappings on the way (so
 * `policies.storage.repairDelay` works in a file without `policies`). A path through a list needs
 * an existing index; a path through a scalar is a problem, named by the override's path.
 */
function applyOverrides(parsed: ParsedText, overrides: readonly Override[]): { problems: Problem[]; created: Set<string> } {
  const problems: Problem[] = [];
  // Dotted paths of the nodes the overrides made or replaced.
  const created = new Set<string>();
  // An empty file has nothing to lay values on; the schema reports it.
  if (typeof parsed.data !== 'object' || parsed.data === null) return { problems, created };
  for (const { path, value } of overrides) {
    const segments = path.split('.');
    if (segments.some((s) => s === '')) {
      problems.push({ path, message: 'malformed path: expected dotted field names such as storage.replicas' });
      continue;
    }
    let node: unknown = parsed.data;
    for (let i = 0; i < segments.length; i++) {
      const last = i === segments.length - 1;
      const step = stepInto(node, segments[i], last, value);
      if (typeof step === 'string') {
        problems.push({ path, message: `cannot set ${path}: ${segments.slice(0, i).join('.') || 'the file'} ${step}` });
        break;
      }
      if (step.created) created.add(segments.slice(0, i + 1).join('.'));
      node = step.next;
    }
  }
  return { problems, created };
}

/** One step down `segment`, setting it to `value` when `last`; a string says why it cannot. */
function stepInto(node: unknown, segment: string, last: boolean, value: unknown): { next: unknown; created: boolean } | string {
  if (Array.isArray(node)) {
    const index = /^[0-9]+$/.test(segment) ? Number(segment) : NaN;
    if (!(index < node.length)) return `is a list of ${node.length}, with no item '${segment}'`;
    if (last) node[index] = value;
    return { next: node[index], created: last };
  }
  if (typeof node !== 'object' || node === null) return 'is not a mapping';
  const record = node as Record<string, unknown>;
  const current = Object.hasOwn(record, segment) ? record[segment] : undefined;
  // Own properties only, defined rather than assigned, so `__proto__` is a key the schema rejects.
  const set = (v: unknown) => Object.defineProperty(record, segment, { value: v, enumerable: true, writable: true, configurable: true });
  const missing = current === undefined || current === null;
  if (last) set(value);
  else if (missing) set({});
  return { next: record[segment], created: last || missing };
}

function failureRates(f: NonNullable<ScenarioFile['failures']>): FailureRates {
  return {
    diskAfrPercent: f.diskAfrPercent,
    hostAfrPercent: f.hostAfrPercent,
    diskReplaceMs: validDurationMs(f.diskReplace),
    hostRepairMs: validDurationMs(f.hostRepair),
  };
}
