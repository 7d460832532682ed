// `hcisim study overhead FILE --tax 0,2,5,10,15`: the scenario rerun at each CPU tax (and, with
// --memory-overhead, each host memory share) in the sweep's worker pool, plus once on bare metal,
// to set what the hypervisor tax costs (usable cores, allocatable memory, VMs that still fit,
// contended VM-hours, hosts beyond bare metal's) beside what the platform saves (the downtime of
// the same rollout and failures). A swept tax is taken as burnt, not only reserved: the module's
// "virtualisation costs 5-15 % CPU" is CPU consumed, so cpuConsumedPercent follows it.
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { Override } from '../scenario/load.ts';
import { sizeScenario } from '../sizing/index.ts';
import type { Io } from './commands.ts';
import { describeFsError, EXIT_OK, UserError } from './errors.ts';
import { readText } from './read.ts';
import { loadAs, loadOwn, platformOverrides } from './size-command.ts';
import { runPool } from './sweep-pool.ts';
import { formatStudy, type StudyReport, type StudyRow } from './study-format.ts';
import { studySvg } from './study-svg.ts';

export interface StudyFlags {
  taxPercents: number[];
  /** Host memory kept by the platform, % of each host's memory: one value, or one per tax value. */
  memoryOverheadPercents?: number[];
  workers?: number;
  json?: boolean;
  svg?: string;
}

/**
 * What the study reads from each run's figures (sim/sweep/metrics.ts names). `cpu.contendedVmHours`
 * comes with the CPU contention model; until a summary carries it the rows say null.
 */
const FIGURES = ['capacity.usableCores', 'capacity.allocatableMemoryGiB', 'vms.count', 'vms.unplaced', 'cpu.contendedVmHours', 'vms.downtimeSeconds.total', 'vms.vmsWithOutage', 'maintenance.stalled'] as const;
type Figures = Record<(typeof FIGURES)[number], number | null>;

export async function studyOverheadCommand(file: string, flags: StudyFlags, io: Io): Promise<number> {
  const text = readText(file);
  const own = loadOwn(text, file, io, true);
  const memory = memoryValues(flags);
  const combinations: Override[][] = flags.taxPercents.map((tax, i) => overheadOverrides(tax, memory?.[i], own.hosts[0].memoryGiB));
  const bareOverrides = platformOverrides(text, file, 'baremetal');
  // Everything loads before any run: a value the scenario rejects stops the study here.
  const scenarios = combinations.map((c) => loadAs(text, file, own.platform, c, true));
  const bare = loadAs(text, file, 'baremetal', [], true);
  const tasks = [...combinations, bareOverrides].map((_, combination) => ({ combination, run: 0, seed: own.seed }));
  const workers = Math.max(1, Math.min(flags.workers ?? availableParallelism(), tasks.length));
  const result = await runPool({ setup: { text, fileName: file, combinations: [...combinations, bareOverrides] }, tasks, workers });
  const figures = byCombination(result.metricNames, result.rows, tasks.length);
  const bareHosts = sizeScenario(bare, { haHostFailures: 0, headroomPercent: 0 }).hostsNeeded;
  const rows: StudyRow[] = scenarios.map((s, i) => row(s.parameters.overhead.cpuTaxPercent, s.parameters.overhead.hostMemoryGiB, figures[i], sizeScenario(s, { haHostFailures: 0, headroomPercent: 0 }).hostsNeeded, bareHosts));
  const b = figures[combinations.length];
  const report: StudyReport = {
    scenario: own.name,
    platform: own.platform,
    rows,
    bareMetal: { hostsNeeded: bareHosts, usableCores: b['capacity.usableCores'] ?? 0, vmsPlaced: placed(b), downtimeSeconds: b['vms.downtimeSeconds.total'] ?? 0, vmsWithOutage: b['vms.vmsWithOutage'] ?? 0 },
  };
  if (flags.svg !== undefined) writeSvg(flags.svg, studySvg(report));
  io.out(flags.json ? JSON.stringify(report, null, 2) + '\n' : formatStudy(report, flags.svg));
  return EXIT_OK;
}

function memoryValues(flags: StudyFlags): number[] | undefined {
  const m = flags.memoryOverheadPercents;
  if (m === undefined) return undefined;
  if (m.length === 1) return flags.taxPercents.map(() => m[0]);
  if (m.length !== flags.taxPercents.length) {
    throw new UserError(`hcisim: --memory-overhead: give one value or one per --tax value (${flags.taxPercents.length}), got ${m.length}`);
  }
  return m;
}

function overheadOverrides(tax: number, memoryPercent: number | undefined, hostMemoryGiB: number): Override[] {
  const overrides: Override[] = [{ path: 'overhead.cpuTaxPercent', value: tax }, { path: 'overhead.cpuConsumedPercent', value: tax }];
  if (memoryPercent !== undefined) overrides.push({ path: 'overhead.hostMemoryGiB', value: (hostMemoryGiB * memoryPercent) / 100 });
  return overrides;
}

export function byCombination(names: readonly string[], rows: readonly { combination: number; values: number[] }[], count: number): Figures[] {
  const index = FIGURES.map((f) => names.indexOf(f));
  const out: Figures[] = [];
  for (const r of rows) out[r.combination] = Object.fromEntries(FIGURES.map((f, i) => [f, index[i] < 0 ? null : r.values[index[i]]])) as Figures;
  if (out.length !== count || out.some((f) => f === undefined)) throw new Error('study: a run is missing from the pool results');
  return out;
}

const placed = (f: Figures) => (f['vms.count'] ?? 0) - (f['vms.unplaced'] ?? 0);

function row(tax: number, hostMemoryGiB: number, f: Figures, hosts: number | null, bareHosts: number | null): StudyRow {
  return {
    cpuTaxPercent: tax,
    hostMemoryGiB,
    usableCores: f['capacity.usableCores'] ?? 0,
    allocatableMemoryGiB: f['capacity.allocatableMemoryGiB'] ?? 0,
    vmsPlaced: placed(f),
    contendedVmHours: f['cpu.contendedVmHours'],
    hostsNeeded: hosts,
    extraHostsVsBareMetal: hosts === null || bareHosts === null ? null : hosts - bareHosts,
    downtimeSeconds: f['vms.downtimeSeconds.total'] ?? 0,
    vmsWithOutage: f['vms.vmsWithOutage'] ?? 0,
    rolloutStalled: (f['maintenance.stalled'] ?? 0) > 0,
  };
}

function writeSvg(path: string, svg: string): void {
  try {
    writeFileSync(path, svg);
  } catch (error) {
    throw new UserError(`hcisim: cannot write ${path}: ${describeFsError(error)}`);
  }
}
