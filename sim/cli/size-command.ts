// `hcisim size FILE [--ha N] [--headroom PERCENT] [--platforms ...] [--json]`: the smallest number
// of hosts of the file's host type that runs the file's VMs on each platform, with the binding
// resource (sim/sizing). The file's own platform keeps the file's storage; another platform gets
// its native storage, as `compare` does, because no other platform has a file's `kind: vsan`.
import type { PlatformName } from '../platforms/parameters.ts';
import { profileFor } from '../platforms/index.ts';
import { formatProblem, loadScenarioText, type Override } from '../scenario/load.ts';
import { PROBLEM_LINES_MAX } from '../scenario/limits.ts';
import { boundedLines } from '../scenario/problem.ts';
import type { Scenario } from '../scenario/types.ts';
import { policyHaFailures, sizeScenario, SIZING_HOSTS_MAX, type HaFailuresSource, type SizingResult } from '../sizing/index.ts';
import type { Io } from './commands.ts';
import { EXIT_OK, UserError } from './errors.ts';
import { formatNumber, table } from './format.ts';
import { readText } from './read.ts';

export interface SizeFlags {
  /**
   * Host failures to survive; undefined = what each platform as configured keeps room for: its
   * policies.ha.hostFailuresToTolerate (vSphere 1) while HA and admission control are on, else 0.
   */
  haHostFailures?: number;
  headroomPercent: number;
  platforms: PlatformName[];
  json?: boolean;
}


/** The file as `platform` runs it: its own platform unchanged, another with that platform's native storage. */
export function platformOverrides(text: string, file: string, platform: PlatformName): Override[] {
  const own = loadScenarioText(text, file, [], { simulates: false });
  if (own.ok && own.scenario.platform === platform) return [];
  const native = profileFor(platform).defaults.storage;
  return [{ path: 'platform', value: platform }, { path: 'storage.kind', value: native.kind }, { path: 'storage.replicas', value: native.replicas }];
}

/** The file as written, on its own platform; its warnings go to stderr as `validate` prints them. */
function hostsNeeded(r: SizingResult): string {
  if (r.neverFits) return 'none fits';
  return r.hostsNeeded === null ? `> ${formatNumber(SIZING_HOSTS_MAX)}` : formatNumber(r.hostsNeeded);
}

/** `simulates`: the caller runs the scenarios (the overhead study), so the run's work limit applies. */
export function loadOwn(text: string, file: string, io: Io, simulates = false): Scenario {
  const loaded = loadScenarioText(text, file, [], { simulates });
  if (!loaded.ok) throw new UserError(boundedLines(file, loaded.problems.map((p) => formatProblem(file, p)), PROBLEM_LINES_MAX));
  for (const w of loaded.warnings) io.err(formatProblem(file, { ...w, message: `warning: ${w.message}` }) + '\n');
  return loadAs(text, file, loaded.scenario.platform, [], simulates);
}

export function loadAs(text: string, file: string, platform: PlatformName, extra: readonly Override[] = [], simulates = false): Scenario {
  const loaded = loadScenarioText(text, file, [...platformOverrides(text, file, platform), ...extra], { simulates });
  if (!loaded.ok) throw new UserError(boundedLines(file, loaded.problems.map((p) => formatProblem(file, { ...p, message: `(as ${platform}) ${p.message}` })), PROBLEM_LINES_MAX));
  if (loaded.scenario.hosts.length === 0) throw new UserError(`hcisim: ${file}: sizing needs a host type, and the file has no host`);
  return loaded.scenario;
}

export function sizeCommand(file: string, flags: SizeFlags, io: Io): number {
  const text = readText(file);
  loadOwn(text, file, io);
  const scenarios = flags.platforms.map((p) => loadAs(text, file, p));
  const results: PlatformSizing[] = scenarios.map((s) => {
    const policy = policyHaFailures(s.parameters);
    const haHostFailuresFrom = flags.haHostFailures === undefined ? policy.source : '--ha';
    return { ...sizeScenario(s, { haHostFailures: flags.haHostFailures ?? policy.failures, headroomPercent: flags.headroomPercent }), haHostFailuresFrom };
  });
  const options = { haHostFailures: flags.haHostFailures ?? null, headroomPercent: flags.headroomPercent };
  const host = scenarios[0].hosts[0];
  const hostType = { group: host.group, cores: host.cores, memoryGiB: host.memoryGiB, disks: host.disks };
  if (flags.json) io.out(JSON.stringify({ scenario: scenarios[0].name, hostType, ...options, platforms: results }, null, 2) + '\n');
  else io.out(formatSizing(scenarios[0], options, results));
  return EXIT_OK;
}

/** One platform's answer and where its host failures came from. */
export type PlatformSizing = SizingResult & { haHostFailuresFrom: HaFailuresSource | '--ha' };

export function formatSizing(scenario: Scenario, options: { haHostFailures: number | null; headroomPercent: number }, results: readonly PlatformSizing[]): string {
  const h = scenario.hosts[0];
  const groups = new Set(scenario.hosts.map((x) => x.group)).size;
  const type = groups > 1 ? `hosts like group ${h.group} (the first of ${groups} host groups)` : 'hosts';
  const title = `${scenario.name}: ${formatNumber(scenario.vms.length)} VMs on ${type} of ${h.cores} cores and ${formatNumber(h.memoryGiB)} GiB ` +
    `(${options.haHostFailures === null ? "each platform's own HA host failures to tolerate" : `tolerating ${options.haHostFailures} host failure(s)`}, ` +
    `${options.headroomPercent}% of the memory left after overhead and of the usable CPU kept free)`;
  const rows = [['platform', 'host failures', 'hosts needed', 'binding', `VMs placed on the file's ${formatNumber(scenario.hosts.length)} hosts`, 'why not one host fewer']];
  for (const r of results) {
    const failures = formatNumber(r.haHostFailures) + (r.haHostFailuresFrom === 'HA off' || r.haHostFailuresFrom === 'admission control off' ? ` (${r.haHostFailuresFrom})` : '');
    rows.push([r.platform, failures, hostsNeeded(r), r.binding, `${formatNumber(r.vmsPlacedOnFileHosts)} of ${formatNumber(r.vms)}`, r.detail]);
  }
  // Said again below the table in a full sentence: a row's last cell is easy to miss.
  const never = results.filter((r) => r.neverFits).map((r) => `${r.platform}: no number of hosts of this type fits: a VM-host must rule pins VMs to hosts that cannot hold them${r.haHostFailures > 0 ? `, or that ${r.haHostFailures} host failure(s) can all take` : ''}; change the rule or its hosts.`);
  return [title, '', ...table(rows), ...(never.length > 0 ? ['', ...never] : []), ''].join('\n');
}
