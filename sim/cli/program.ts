// The command line: `hcisim run | validate | schema | compare | sweep | merge | size | study | cost`, parsed with commander.
// Commander's own failures (unknown command or option, missing argument, bad flag value) are user
// mistakes: they become one `hcisim: ...` line on stderr and exit 2. Help and version exit 0.
// Each command's module is imported inside its action: `--version` and `--help` load commander and
// nothing of the simulator, zod, yaml or cli-progress, so they answer in about the time Node starts.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { parseExplain, parseSeed, parseUntilMs } from './args.ts';
import type { Io, RunFlags } from './commands.ts';
import { EXIT_OK, EXIT_USAGE, reportError } from './errors.ts';
import type { SweepFlags } from './sweep-command.ts';
import { parseHaFailures, parseHeadroom, parseMemoryOverheadList, parsePlatformList, parseTaxList, parseWorkerCount } from './sizing-args.ts';
import * as costArgs from './cost-args.ts';
import type { CostFlags } from './cost-args.ts';
import { PLATFORMS, type PlatformName } from '../platforms/parameters.ts';
import type { Shard } from '../sweep/shard.ts';

const EXAMPLES = `
Examples:
  $ hcisim run scenarios/vsphere-firmware-rollout.yaml
  $ hcisim run my-cluster.yaml --seed 7 --until 3d --out out/my-cluster-seed7
  $ hcisim run big-fleet.yaml --explain 'db-*'
  $ hcisim run scenarios/vsan-disk-failure.yaml --html report.html
  $ hcisim validate my-cluster.yaml
  $ hcisim schema --out scenarios/schema.json
  $ hcisim compare scenarios/vsphere-firmware-rollout.yaml --platforms vsphere,harvester,openstack,baremetal
  $ hcisim sweep random-failures.yaml --runs 1000 --set storage.replicas=2,3
  $ hcisim sweep random-failures.yaml --runs 1000 --shard 2/4 --out parts/
  $ hcisim merge parts/sweep-part-*.json --out results/
  $ hcisim size scenarios/harvester-three-nodes-sizing.yaml --headroom 20
  $ hcisim study overhead scenarios/overhead-study.yaml --tax 0,2,5,10,15 --svg tax.svg

Scenario format: docs in scenarios/schema.json; durations are seconds or 90s, 20m, 1.5h, 14d.
Exit codes: 0 ok, 1 internal error, 2 bad input (file, scenario or flag).`;

/** package.json is two directories up from sim/cli/program.ts, three from the compiled lib/sim/cli/program.js. */
function version(): string {
  const path = import.meta.url.endsWith('.ts') ? '../../package.json' : '../../../package.json';
  const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { version: string };
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

type SweepArgParsers = Pick<typeof import('./sweep-args.ts'), 'collectSet' | 'parseRuns' | 'parseShardFlag' | 'parseWorkers'>;

/**
 * The sweep's flag parsers. Its --set parser checks each value with sweep/grid.ts, which loads yaml,
 * so they are imported only when the command line names `sweep`, the one command with these
 * flags. Without it, `sweep` is still declared (for --help and suggestions) with stand-ins that
 * no parse can reach.
 */
async function sweepArgParsers(argv: readonly string[]): Promise<SweepArgParsers> {
  if (argv.includes('sweep')) return import('./sweep-args.ts');
  const unreachable = (): never => {
    throw new Error('a sweep flag was parsed on a command line without `sweep`');
  };
  return { collectSet: unreachable, parseRuns: unreachable, parseShardFlag: unreachable, parseWorkers: unreachable };
}

function buildProgram(io: Io, setCode: (code: number) => void, sweepArgs: SweepArgParsers): Command {
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
    .option('--check', 'run every invariant checker after every event; the first violation stops the run (exit 1)')
    .option('--html <file>', 'also write one self-contained HTML file that replays the run (needs npm run build)')
    .option('--explain <vm-glob>', 'keep the full placement record (every candidate and rejected host) for these VMs; clusters of up to 64 hosts keep it for all', parseExplain)
    .action(async (file: string, opts: { seed?: number; until?: number; out?: string; quiet?: boolean; check?: boolean; explain?: (vmId: string) => boolean; html?: string }) => {
      const flags: RunFlags = { seed: opts.seed, untilMs: opts.until, out: opts.out, quiet: opts.quiet, check: opts.check, explain: opts.explain, html: opts.html };
      const { runCommand } = await import('./commands.ts');
      setCode(await runCommand(file, flags, io));
    });
  program
    .command('validate')
    .description('check a scenario: print FILE: ok, or every problem as FILE:LINE:COL: path: message')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .action(async (file: string) => setCode((await import('./commands.ts')).validateCommand(file, io)));
  program
    .command('schema')
    .description('print the scenario JSON Schema (for YAML language servers), or write it to a file')
    .option('--out <file>', 'write the schema to this file')
    .action(async (opts: { out?: string }) => setCode((await import('./commands.ts')).schemaCommand(opts.out, io)));
  program
    .command('compare')
    .description('run one scenario on several platforms (same seed) and print their figures side by side')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--platforms <list>', 'comma-separated platforms, e.g. vsphere,harvester,openstack,baremetal')
    .option('--seed <n>', "override the file's seed", parseSeed)
    .option('--until <duration>', "override the file's until", parseUntilMs)
    .option('--keep-storage', "keep the file's storage kind and replicas on every platform (default: each platform's native storage)")
    .option('--json', 'print {scenario, platforms: [{platform, summary}]} instead of the table')
    .action(async (file: string, opts: { platforms: string; seed?: number; until?: number; keepStorage?: boolean; json?: boolean }) => {
      const { compareCommand, parsePlatforms } = await import('./compare-command.ts');
      const flags = { platforms: parsePlatforms(opts.platforms), seed: opts.seed, untilMs: opts.until, keepStorage: opts.keepStorage, json: opts.json };
      setCode(await compareCommand(file, flags, io));
    });
  addSweepCommands(program, io, setCode, sweepArgs);
  addSizingCommands(program, io, setCode);
  addCostCommand(program, io, setCode);
  return program;
}

function addSweepCommands(program: Command, io: Io, setCode: (code: number) => void, sweepArgs: SweepArgParsers): void {
  const { collectSet, parseRuns, parseShardFlag, parseWorkers } = sweepArgs;
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
      const { sweepCommand } = await import('./sweep-command.ts');
      setCode(await sweepCommand(file, flags, io));
    });
  program
    .command('merge')
    .description('combine the sweep-part-I-of-N.json files of a sharded sweep into sweep.json and sweep.csv')
    .argument('<parts...>', 'every part of one sweep')
    .option('--out <dir>', 'output directory (default: the directory of the first part)')
    .option('--quiet', 'print nothing but errors')
    .action(async (parts: string[], opts: { out?: string; quiet?: boolean }) => setCode((await import('./merge-command.ts')).mergeCommand(parts, opts, io)));
}

/** `size` and `study overhead`; their flag parsers are small and load no model. */
function addSizingCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  const all = PLATFORMS.join(',');
  program
    .command('size')
    .description("the smallest number of the file's hosts that runs its VMs on each platform, and the resource that binds")
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--ha <n>', "host failures whose VMs must still find room (default: each platform's policies.ha.hostFailuresToTolerate while HA and admission control are on, vSphere 1; else 0)", parseHaFailures)
    .option('--headroom <percent>', 'share of the memory left after the overhead, and of the usable CPU, to keep free (the module advises 20)', parseHeadroom, 0)
    .option('--platforms <list>', `comma-separated platforms (default ${all})`, parsePlatformList)
    .option('--json', 'print {scenario, haHostFailures, headroomPercent, platforms: [...]} instead of the table')
    .action(async (file: string, opts: { ha?: number; headroom: number; platforms?: PlatformName[]; json?: boolean }) => {
      const { sizeCommand } = await import('./size-command.ts');
      setCode(sizeCommand(file, { haHostFailures: opts.ha, headroomPercent: opts.headroom, platforms: opts.platforms ?? [...PLATFORMS], json: opts.json }, io));
    });
  const study = program.command('study').description('rerun a scenario over a model parameter and report what it costs');
  study
    .command('overhead')
    .description('rerun the scenario at each CPU tax (in worker threads) and once on bare metal: capacity, VMs that fit, contention, hosts beyond bare metal, downtime')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .requiredOption('--tax <list>', 'CPU tax percentages, e.g. 0,2,5,10,15', parseTaxList)
    .option('--memory-overhead <list>', "host memory the platform keeps, % of each host's memory: one value, or one per --tax value", parseMemoryOverheadList)
    .option('--workers <n>', 'worker threads (default: the available cores)', parseWorkerCount)
    .option('--svg <file>', 'also write a chart of usable cores and extra hosts over the tax')
    .option('--json', 'print {rows: [{cpuTaxPercent, usableCores, allocatableMemoryGiB, vmsPlaced, contendedVmHours, extraHostsVsBareMetal, ...}], bareMetal} instead of the table')
    .action(async (file: string, opts: { tax: number[]; memoryOverhead?: number[]; workers?: number; svg?: string; json?: boolean }) => {
      const { studyOverheadCommand } = await import('./study-command.ts');
      setCode(await studyOverheadCommand(file, { taxPercents: opts.tax, memoryOverheadPercents: opts.memoryOverhead, workers: opts.workers, svg: opts.svg, json: opts.json }, io));
    });
}

function addCostCommand(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('cost')
    .description("price the scenario's cluster on each platform (licence, staff, support, training); with --downtime-cost-per-hour add the downtime and data loss a sweep measured")
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--years <n>', 'pricing horizon in years', costArgs.parseYears, 3)
    .option('--platforms <list>', 'comma-separated platforms (default: all)', costArgs.parseCostPlatforms)
    .option('--json', 'print {years, platforms: [{platform, licenceUsd, staffUsd, supportUsd, trainingUsd, totalUsd, ...}]}')
    .option('--downtime-cost-per-hour <usd>', 'price of one VM-hour of downtime; runs a sweep of the scenario on each platform (the file needs until: the period a run represents)', costArgs.parseUsd)
    .option('--data-loss-cost <usd>', 'price of one lost volume (only with --downtime-cost-per-hour)', costArgs.parseUsd)
    .option('--runs <n>', 'runs per platform of the risk sweep (default 20; only with --downtime-cost-per-hour)', costArgs.parseCount(100_000))
    .option('--seed <n>', "seed of run 0; run i uses seed + i (default: the file's seed)", parseSeed)
    .option('--workers <n>', 'worker threads of the risk sweep (default: the available cores)', costArgs.parseCount(1024))
    .action(async (file: string, opts: { years: number; platforms?: PlatformName[]; json?: boolean; downtimeCostPerHour?: number; dataLossCost?: number; runs?: number; seed?: number; workers?: number }) => {
      const { costCommand } = await import('./cost-command.ts');
      const flags: CostFlags = {
        years: opts.years, platforms: opts.platforms ?? [...PLATFORMS], json: opts.json, downtimeCostPerHourUsd: opts.downtimeCostPerHour,
        dataLossCostUsd: opts.dataLossCost, runs: opts.runs, seed: opts.seed, workers: opts.workers,
      };
      setCode(await costCommand(file, flags, io));
    });
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  let code = EXIT_OK;
  try {
    const program = buildProgram(io, (c) => (code = c), await sweepArgParsers(argv));
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
    }
    return reportError(error, io.err, env);
  }
}
