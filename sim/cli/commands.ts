// The three commands. Each takes its arguments and an Io (where to write, whether stderr is a
// terminal) and returns an exit code, so main.ts only parses flags and the commands can be read
// without commander in the way. `run` loads the simulation models only when it runs: `validate`
// and `schema` stay fast and work even while a model is broken.
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../scenario/schema.ts';
import { EXIT_INTERNAL, EXIT_OK, UserError, describeFsError } from './errors.ts';
import { formatSummary } from './format.ts';
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
}

export async function runCommand(file: string, flags: RunFlags, io: Io): Promise<number> {
  const { scenario, warnings } = readScenarioFile(file);
  if (!flags.quiet) for (const w of warnings) io.err(w + '\n');
  if (flags.seed !== undefined) scenario.seed = flags.seed;
  if (flags.untilMs !== undefined) scenario.untilMs = flags.untilMs;
  const { runScenario } = await import('../run.ts');
  const dir = flags.out ?? defaultOutDir(file);
  const cannotWrite = (error: unknown) => new UserError(`hcisim: cannot write to ${dir}: ${describeFsError(error)}`);
  let output: RunOutput;
  try {
    output = new RunOutput(dir, io.pid);
  } catch (error) {
    throw cannotWrite(error);
  }
  const progress = lazyProgress(io.stderr, !flags.quiet);
  let result: ReturnType<typeof runScenario>;
  try {
    result = runScenario(scenario, {
      seed: scenario.seed, untilMs: scenario.untilMs, onProgress: progress.onProgress, check: flags.check, explain: flags.explain,
      onEvent: (_event, line) => output.event(line),
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
  const violations = result.violations ?? [];
  for (const v of violations) io.err(`hcisim: invariant ${v.check} violated at ${v.tMs / 1000}s: ${v.message}\n`);
  if (flags.check && !flags.quiet && violations.length === 0) io.out('invariants: all held after every event\n');
  return violations.length > 0 ? EXIT_INTERNAL : EXIT_OK;
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
