// `hcisim compare FILE --platforms vsphere,harvester,...`: the same scenario on several platforms,
// one run each with the same seed, summarised side by side. The file's cluster, workloads and
// schedule stay; the platform changes, and with it every profile default (overhead, migration,
// HA, storage policies). Storage kind and replicas follow each platform's native storage unless
// `--keep-storage`, because a file written for vSAN names `kind: vsan`, which no other platform has.
import { PLATFORMS, type PlatformName } from '../platforms/parameters.ts';
import { profileFor } from '../platforms/index.ts';
import { formatProblem, loadScenarioText, type Override } from '../scenario/load.ts';
import { PROBLEM_LINES_MAX } from '../scenario/limits.ts';
import { boundedLines } from '../scenario/problem.ts';
import type { Summary } from '../summary.ts';
import { untilWithinBudget, type Io } from './commands.ts';
import { formatCompare } from './compare-format.ts';
import { EXIT_OK, UserError } from './errors.ts';
import { readText } from './read.ts';

export interface CompareFlags {
  platforms: PlatformName[];
  seed?: number;
  untilMs?: number;
  keepStorage?: boolean;
  json?: boolean;
}

export function parsePlatforms(value: string): PlatformName[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) {
    if (!(PLATFORMS as readonly string[]).includes(n)) throw new UserError(`hcisim: --platforms: unknown platform '${n}' (one of ${PLATFORMS.join(', ')})`);
  }
  if (names.length < 2) throw new UserError('hcisim: --platforms: name at least two platforms, comma-separated');
  return [...new Set(names)] as PlatformName[];
}

export async function compareCommand(file: string, flags: CompareFlags, io: Io): Promise<number> {
  const text = readText(file);
  const scenarios = flags.platforms.map((platform) => {
    const loaded = loadScenarioText(text, file, overridesFor(platform, flags.keepStorage ?? false));
    if (!loaded.ok) throw new UserError(boundedLines(file, loaded.problems.map((p) => formatProblem(file, { ...p, message: `(as ${platform}) ${p.message}` })), PROBLEM_LINES_MAX));
    return loaded.scenario;
  });
  // Every platform's --until is checked before the first run.
  if (flags.untilMs !== undefined) for (const scenario of scenarios) scenario.untilMs = untilWithinBudget(scenario, flags.untilMs);
  const { runScenario } = await import('../run.ts');
  const summaries: Summary[] = scenarios.map((scenario) => runScenario(scenario, { seed: flags.seed ?? scenario.seed, untilMs: scenario.untilMs }).summary);
  if (flags.json) io.out(JSON.stringify({ scenario: summaries[0].scenario, platforms: summaries.map((s) => ({ platform: s.platform, summary: s })) }, null, 2) + '\n');
  else io.out(formatCompare(summaries));
  return EXIT_OK;
}

export function overridesFor(platform: PlatformName, keepStorage: boolean): Override[] {
  const overrides: Override[] = [{ path: 'platform', value: platform }];
  if (keepStorage) return overrides;
  const native = profileFor(platform).defaults.storage;
  overrides.push({ path: 'storage.kind', value: native.kind }, { path: 'storage.replicas', value: native.replicas });
  return overrides;
}
