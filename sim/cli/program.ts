// The command line: `hcisim run | validate | schema | sweep | merge`, parsed with commander.
// Commander's own failures (unknown command or option, missing argument, bad flag value) are user
// mistakes: they become one `hcisim: ...` line on stderr and exit 2. Help and version exit 0.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { parseExplain, parseSeed, parseUntilMs } from './args.ts';
import { runCommand, schemaCommand, validateCommand, type Io, type RunFlags } from './commands.ts';
import { EXIT_OK, EXIT_USAGE, reportError } from './errors.ts';
import { mergeCommand } from './merge-command.ts';
import { collectSet, parseRuns, parseShardFlag, parseWorkers } from './sweep-args.ts';
import { sweepCommand, type SweepFlags } from './sweep-command.ts';
import type { Shard } from '../sweep/shard.ts';

const EXAMPLES = `
Examples:
  $ hcisim run scenarios/vsphere-firmware-rollout.yaml
  $ hcisim run my-cluster.yaml --seed 7 --until 3d --out out/my-cluster-seed7
  $ hcisim run big-fleet.yaml --explain 'db-*'
  $ hcisim validate my-cluster.yaml
  $ hcisim schema --out scenarios/schema.json
  $ hcisim sweep random-failures.yaml --runs 1000 --set storage.replicas=2,3
  $ hcisim sweep random-failures.yaml --runs 1000 --shard 2/4 --out parts/
  $ hcisim merge parts/sweep-part-*.json --out results/

Scenario format: docs in scenarios/schema.json; durations are seconds or 90s, 20m, 1.5h, 14d.
Exit codes: 0 ok, 1 internal error, 2 bad input (file, scenario or flag).`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Commander's multi-line message as one line: `hcisim: unknown command 'runn' (did you mean run?)`. */
function oneLine(message: string): string {
  const text = message
    .trim()
    .replace(/^error: /, '')
    .replace(/\n\(Did you mean (.*)\)/, ' (did you mean $1)')
    .replace(/\s*\n\s*/g, ' ');
  return `hcisim: ${text}\n`;
}

function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command('hcisim')
    .description('Discrete-event simulator of private-cloud platforms: rolling maintenance, live migration, failures, HA.')
    .version(version(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: (str, write) => write(oneLine(str)) })
    .addHelpText('after', EXAMPLES);
  program
    .command('run')
    .description('run a scenario; write DIR/summary.json and DIR/events.jsonl and print a summary')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--seed <n>', "override the file's seed", parseSeed)
    .option('--until <duration>', "override the file's until (e.g. 3d; at most 400d)", parseUntilMs)
    .option('--out <dir>', 'output directory (default: out/<file name without extension>/)')
    .option('--quiet', 'print nothing but errors (no table, no progress bar, no warnings)')
    .option('--check', 'run every invariant checker after every event; exit 1 on a violation')
    .option('--explain <vm-glob>', 'keep the full placement record (every candidate and rejected host) for these VMs; clusters of up to 64 hosts keep it for all', parseExplain)
    .action(async (file: string, opts: { seed?: number; until?: number; out?: string; quiet?: boolean; check?: boolean; explain?: (vmId: string) => boolean }) => {
      const flags: RunFlags = { seed: opts.seed, untilMs: opts.until, out: opts.out, quiet: opts.quiet, check: opts.check, explain: opts.explain };
      setCode(await runCommand(file, flags, io));
    });
  program
    .command('validate')
    .description('check a scenario: print FILE: ok, or every problem as FILE:LINE:COL: path: message')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .action((file: string) => setCode(validateCommand(file, io)));
  program
    .command('schema')
    .description('print the scenario JSON Schema (for YAML language servers), or write it to a file')
    .option('--out <file>', 'write the schema to this file')
    .action((opts: { out?: string }) => setCode(schemaCommand(opts.out, io)));
  addSweepCommands(program, io, setCode);
  return program;
}

function addSweepCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('sweep')
    .description('Monte Carlo: run a scenario with seeds S, S+1, ... (over a --set grid) in worker threads; write DIR/sweep.json and DIR/sweep.csv')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--runs <n>', 'runs per grid combination', parseRuns)
    .option('--seed <n>', "seed of run 0; run i uses seed + i (default: the file's seed)", parseSeed)
    .option('--set <path=values>', 'a grid axis: a file field by dotted path and comma-separated values, e.g. storage.replicas=2,3 (repeatable)', collectSet)
    .option('--workers <n>', 'worker threads (default: the available cores)', parseWorkers)
    .option('--shard <I/N>', 'run only shard I of N (run indices i with i % N = I - 1) and write DIR/sweep-part-I-of-N.json for merge', parseShardFlag)
    .option('--out <dir>', 'output directory (default: out/<file name without extension>/)')
    .option('--quiet', 'print nothing but errors (no table, no progress bar, no warnings)')
    .action(async (file: string, opts: { runs: number; seed?: number; set?: string[]; workers?: number; shard?: Shard; out?: string; quiet?: boolean }) => {
      const flags: SweepFlags = { runs: opts.runs, seed: opts.seed, sets: opts.set ?? [], workers: opts.workers, shard: opts.shard, out: opts.out, quiet: opts.quiet };
      setCode(await sweepCommand(file, flags, io));
    });
  program
    .command('merge')
    .description('combine the sweep-part-I-of-N.json files of a sharded sweep into sweep.json and sweep.csv')
    .argument('<parts...>', 'every part of one sweep')
    .option('--out <dir>', 'output directory (default: the directory of the first part)')
    .option('--quiet', 'print nothing but errors')
    .action((parts: string[], opts: { out?: string; quiet?: boolean }) => setCode(mergeCommand(parts, opts, io)));
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let code = EXIT_OK;
  try {
    const program = buildProgram(io, (c) => (code = c));
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
    }
    return reportError(error, io.err, env);
  }
}
