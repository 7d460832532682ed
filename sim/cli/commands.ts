// The three commands. Each takes its arguments and an Io (where to write, whether stderr is a
// terminal) and returns an exit code, so main.ts only parses flags and the commands can be read
// without commander in the way. `run` loads the simulation models only when it runs: `validate`
// and `schema` stay fast and work even while a model is broken.
import { readFileSync, writeFileSync } from 'node:fs';
import { randomFailuresProblem } from '../scenario/budget.ts';
import { formatSeconds } from '../scenario/duration.ts';
import { scenarioJsonSchema } from '../scenario/schema.ts';
import type { Scenario } from '../scenario/types.ts';
import { EXIT_INTERNAL, EXIT_OK, UserError, describeFsError } from './errors.ts';
import { formatNumber, formatSummary } from './format.ts';
import type { Summary } from '../summary.ts';
import { eventLine } from '../core/trace.ts';
import type { Violation } from '../invariants/index.ts';
import { defaultOutDir, RunOutput } from './output.ts';
import { lazyProgress } from './progress.ts';
import { readScenarioFile } from './read.ts';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stderr: NodeJS.WriteStream;
  pid: number;
}

export function validateCommand(file: string, io: Io): number {
  const { scenario, warnings } = readScenarioFile(file);
  for (const w of warnings) io.err(w + '\n');
  const n = scenario.schedule.length;
  io.out(`${file}: ok (${scenario.hosts.length} hosts, ${scenario.vms.length} VMs, ${n} schedule ${n === 1 ? 'entry' : 'entries'})\n`);
  return EXIT_OK;
}

export interface RunFlags {
  seed?: number;
  untilMs?: number;
  out?: string;
  quiet?: boolean;
  check?: boolean;
  /** VMs whose placement decisions are recorded in full. */
  explain?: (vmId: string) => boolean;
  /** Also write a single-file HTML report that replays the run. */
  html?: string;
}

export async function runCommand(file: string, flags: RunFlags, io: Io): Promise<number> {
  let { scenario, warnings } = readScenarioFile(file);
  if (flags.untilMs !== undefined) {
    // The flag's own limit first (its message names the flag), then the file loaded again at that
    // horizon: a schedule entry --until brings within reach is no "never runs" warning, one it cuts off is.
    untilWithinBudget(scenario, flags.untilMs);
    ({ scenario, warnings } = readScenarioFile(file, [{ path: 'until', value: flags.untilMs / 1000 }]));
  }
  if (!flags.quiet) for (const w of warnings) io.err(w + '\n');
  if (flags.seed !== undefined) scenario.seed = flags.seed;
  if (flags.untilMs !== undefined) scenario.untilMs = untilWithinBudget(scenario, flags.untilMs);
  const { runScenarioYielding } = await import('./run-loop.ts');
  const dir = flags.out ?? defaultOutDir(file);
  const cannotWrite = (error: unknown) => new UserError(`hcisim: cannot write to ${dir}: ${describeFsError(error)}`);
  let output: RunOutput;
  try {
    output = new RunOutput(dir, io.pid);
  } catch (error) {
    throw cannotWrite(error);
  }
  // The report inlines the whole trace, so only a run that asks for one keeps its lines.
  const reportLines: string[] | undefined = flags.html === undefined ? undefined : [];
  const viewer = flags.html === undefined ? undefined : (await import('./report-html.ts')).readViewer();
  const progress = lazyProgress(io.stderr, !flags.quiet);
  let result: Awaited<ReturnType<typeof runScenarioYielding>>;
  try {
    result = await runScenarioYielding(scenario, {
      seed: scenario.seed, untilMs: scenario.untilMs, onProgress: progress.onProgress, check: flags.check, explain: flags.explain,
      onEvent: (_event, line) => {
        output.event(line);
        reportLines?.push(line);
      },
    });
  } catch (error) {
    output.abort();
    throw isFsError(error) ? cannotWrite(error) : error;
  } finally {
    progress.stop();
  }
  let paths;
  try {
    paths = output.commit(result.summary);
  } catch (error) {
    throw cannotWrite(error);
  }
  if (!flags.quiet) io.out(formatSummary(result.summary, paths));
  if (!flags.quiet) for (const w of runWarnings(result.summary)) io.err(w + '\n');
  if (flags.html !== undefined && viewer !== undefined && reportLines !== undefined) {
    const report = await writeReport(flags.html, viewer, reportLines, result.summary, file);
    if (!flags.quiet) io.out(report + '\n');
  }
  const violations = result.violations ?? [];
  for (const v of violations) io.err(describeViolation(v));
  if (flags.check && !flags.quiet && violations.length === 0) io.out('invariants: all held after every event\n');
  return violations.length > 0 ? EXIT_INTERNAL : EXIT_OK;
}

/** `--until` replaces the file's until: the random failures it brings must stay within the budget too. */
export function untilWithinBudget(scenario: Scenario, untilMs: number): number {
  const over = randomFailuresProblem(scenario, untilMs);
  if (over !== undefined) throw new UserError(`hcisim: --until ${formatSeconds(untilMs / 1000)}: ${over}`);
  return untilMs;
}

/** The broken invariant, the event after which it broke and the records that show it; the run stopped there. */
function describeViolation(v: Violation): string {
  const lines = [`hcisim: invariant ${v.check} violated at ${v.tMs / 1000}s: ${v.message} (the run stopped there)`];
  if (v.event !== undefined) lines.push(`  after event: ${eventLine(v.event)}`);
  if (v.state !== undefined) lines.push(`  state: ${JSON.stringify(v.state)}`);
  return lines.join('\n') + '\n';
}

/** What a finished run must not leave unsaid on stderr: VMs it never placed, schedule entries that never ran, and what it left unresolved. */
function runWarnings(s: Summary): string[] {
  const warnings: string[] = [];
  const never = s.schedule.neverRan;
  for (const n of never.slice(0, NEVER_RAN_SHOWN)) warnings.push(`hcisim: warning: schedule.${n.entry} (${n.do}) never ran: ${n.reason}`);
  if (never.length > NEVER_RAN_SHOWN) warnings.push(`hcisim: warning: ... and ${never.length - NEVER_RAN_SHOWN} more schedule entries never ran (summary.json schedule.neverRan)`);
  if (s.vms.unplaced > 0) warnings.push(`hcisim: warning: ${s.vms.unplaced} of ${s.vms.count} VMs could not be placed and never ran (see vm.unplaced in events.jsonl)`);
  if (s.vms.volumeUnplaced > 0) {
    warnings.push(`hcisim: warning: ${s.vms.volumeUnplaced} of ${s.vms.count} VMs were placed but their volumes could not be, so they never ran (see storage.unplaced and vm.down in events.jsonl)`);
  }
  const unfinished = s.maintenance.drains.filter((d) => d.outcome === 'unfinished');
  if (unfinished.length > 0) {
    warnings.push(`hcisim: warning: the rollout did not finish: ${unfinished.length} host${unfinished.length === 1 ? ' was' : 's were'} still draining at the end (${unfinished.map((d) => d.host).slice(0, 5).join(', ')}; summary.json maintenance.drains)`);
  }
  const e = s.endOfRun;
  const volumesOut = e.volumesInaccessible + e.volumesLost;
  if (e.vmsOut > 0 || volumesOut > 0) {
    warnings.push(`hcisim: warning: the run ends with ${e.vmsOut} VMs out of service and ${volumesOut} volumes inaccessible or lost (summary.json endOfRun)`);
  }
  return warnings;
}

const NEVER_RAN_SHOWN = 10;

/** Writes the HTML report and returns the line that says what it holds (bytes per event). */
async function writeReport(out: string, viewer: string, lines: readonly string[], summary: Summary, file: string): Promise<string> {
  const { reportHtml } = await import('./report-html.ts');
  const { guideOf } = await import('../scenario/guide.ts');
  const { html, traceBytes } = reportHtml(viewer, lines, { summary, traceHash: summary.traceHash, fileName: file, guide: guideOf(readFileSync(file, 'utf8')) });
  try {
    writeFileSync(out, html);
  } catch (error) {
    throw new UserError(`hcisim: cannot write ${out}: ${describeFsError(error)}`);
  }
  const perEvent = (traceBytes / Math.max(1, lines.length)).toFixed(1);
  return `report       ${out} (${formatNumber(html.length)} bytes: trace ${formatNumber(traceBytes)} bytes, ${perEvent} bytes per event)`;
}

/** An error from the file system (writing events.jsonl mid-run), as opposed to a failure of the model. */
function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

export function schemaCommand(outFile: string | undefined, io: Io): number {
  const text = JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
  if (outFile === undefined) {
    io.out(text);
    return EXIT_OK;
  }
  try {
    writeFileSync(outFile, text);
  } catch (error) {
    throw new UserError(`hcisim: cannot write ${outFile}: ${describeFsError(error)}`);
  }
  io.err(`wrote ${outFile}\n`);
  return EXIT_OK;
}
