// The total work a file asks for, checked before anything is built. The schema bounds each field
// on its own (no host has more than 64 TiB, no group more than 10,000 hosts), but products of
// fields decide what a run costs: 300 groups of 10,000 hosts, 16,000 OSDs at 1,000 PGs each, an
// AFR that draws a failure every millisecond for a year. Each total is computed from the counts in
// the validated file (never by expanding it) and compared with its limit in limits.ts; beyond one,
// the loader answers with one problem naming the field, the limit and the value.
import type { Parameters } from '../platforms/parameters.ts';
import { pgNum } from '../storage/ceph-crush.ts';
import { validDurationMs } from './duration.ts';
import {
  DISKS_TOTAL_MAX, HOSTS_TOTAL_MAX, PG_COPIES_MAX, PG_STRIPES_MAX, RANDOM_FAILURES_MAX, SCHEDULE_MATCHES_MAX, VMS_TOTAL_MAX,
} from './limits.ts';
import type { Finding } from './problem.ts';
import type { ScenarioFile } from './schema.ts';
import { UNTIL_MAX_MS, type FailureRates, type HostSpec } from './types.ts';

/** The year random-failures.ts converts an AFR with (365.25 days). */
const YEAR_MS = 8766 * 3_600_000;

export interface Work {
  hosts: number;
  vms: number;
  disks: number;
  /** Ceph only (0 otherwise): pg_num x size, and pg_num x distinct volume sizes. */
  pgCopies: number;
  pgStripes: number;
  /** Expected random failures over the run (0 without `failures`). */
  randomFailures: number;
  /** Schedule entries x (hosts + VMs): the name matching done before the run. */
  scheduleMatches: number;
}

export function workOf(file: ScenarioFile, p: Parameters): Work {
  const hosts = sum(file.hosts, (h) => h.count);
  const vms = sum(file.vms, (v) => v.count);
  const disks = sum(file.hosts, (h) => h.count * h.disks.count);
  let pgCopies = 0;
  let pgStripes = 0;
  if (p.storage.kind === 'ceph' && disks > 0) {
    const size = Math.max(1, p.storage.replicas);
    const pgs = pgNum(disks, size, p.policies.storage.ceph.pgsPerOsd);
    pgCopies = pgs * size;
    pgStripes = pgs * new Set(file.vms.filter((v) => v.count > 0 && v.diskGiB > 0).map((v) => v.diskGiB)).size;
  }
  const untilMs = file.until === undefined ? UNTIL_MAX_MS : validDurationMs(file.until);
  const randomFailures = file.failures === undefined ? 0 : expectedFailures(
    file.hosts.map((h) => ({ hosts: h.count, disks: h.count * h.disks.count })),
    { diskAfrPercent: file.failures.diskAfrPercent, hostAfrPercent: file.failures.hostAfrPercent,
      diskReplaceMs: validDurationMs(file.failures.diskReplace), hostRepairMs: validDurationMs(file.failures.hostRepair) },
    untilMs,
  );
  return { hosts, vms, disks, pgCopies, pgStripes, randomFailures, scheduleMatches: file.schedule.length * (hosts + vms) };
}

/** One finding per total beyond its limit, at the field that drives it. */
export function checkBudget(file: ScenarioFile, p: Parameters): Finding[] {
  const w = workOf(file, p);
  const cephPath = file.policies?.storage?.ceph?.pgsPerOsd === undefined ? ['hosts'] : ['policies', 'storage', 'ceph', 'pgsPerOsd'];
  const checks: [number, number, readonly (string | number)[], string][] = [
    [w.hosts, HOSTS_TOTAL_MAX, ['hosts'], 'hosts in all groups'],
    [w.vms, VMS_TOTAL_MAX, ['vms'], 'VMs in all groups'],
    [w.disks, DISKS_TOTAL_MAX, ['hosts'], 'data disks in all hosts (count x disks.count)'],
    [w.pgCopies, PG_COPIES_MAX, cephPath, 'Ceph PG copies (pg_num x size)'],
    [w.pgStripes, PG_STRIPES_MAX, cephPath, 'Ceph striping work (pg_num x distinct volume sizes)'],
    [w.randomFailures, RANDOM_FAILURES_MAX, ['failures'], `random failures expected over ${file.until === undefined ? 'the 400-day bound (no until)' : 'until'}`],
    [w.scheduleMatches, SCHEDULE_MATCHES_MAX, ['schedule'], 'name matches (schedule entries x (hosts + VMs))'],
  ];
  // One finding per field: 300 groups of 10,000 hosts are too many hosts, not also too many disks and PGs.
  const seen = new Set<string>();
  return checks
    .filter(([value, max, path]) => value > max && !seen.has(path.join('.')) && seen.add(path.join('.')))
    .map(([value, max, path, what]) => overBudget(path, what, value, max));
}

/** The same check for random failures once the CLI's --until replaced the file's. */
export function randomFailuresProblem(hosts: readonly HostSpec[], rates: FailureRates | undefined, untilMs: number): string | undefined {
  if (rates === undefined) return undefined;
  const value = expectedFailures(hosts.map((h) => ({ hosts: 1, disks: h.disks.count })), rates, untilMs);
  return value > RANDOM_FAILURES_MAX ? overBudget([], 'random failures expected over --until', value, RANDOM_FAILURES_MAX).message : undefined;
}

/**
 * Expected failures of devices that fail at the AFR's rate and come back after their repair: a
 * renewal process with a cycle of MTTF + repair, so until / (MTTF + repair) per device.
 */
export function expectedFailures(groups: readonly { hosts: number; disks: number }[], rates: FailureRates, untilMs: number): number {
  const perDevice = (afrPercent: number, repairMs: number) => (afrPercent > 0 ? untilMs / (YEAR_MS / (afrPercent / 100) + repairMs) : 0);
  const host = perDevice(rates.hostAfrPercent, rates.hostRepairMs);
  const disk = perDevice(rates.diskAfrPercent, rates.diskReplaceMs);
  return sum(groups, (g) => g.hosts * host + g.disks * disk);
}

function overBudget(path: readonly (string | number)[], what: string, value: number, max: number): Finding {
  return { path, message: `${grouped(value)} ${what}, at most ${grouped(max)} (hcisim's work limit for one run)` };
}

/** 3000000 -> `3,000,000`; fractions rounded up (an expected 100,000.4 failures is over 100,000). */
export function grouped(value: number): string {
  return String(Math.ceil(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function sum<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((n, item) => n + f(item), 0);
}
