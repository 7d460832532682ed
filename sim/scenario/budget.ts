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
  DISKS_TOTAL_MAX, HOSTS_TOTAL_MAX, PG_COPIES_MAX, PG_STRIPES_MAX, RANDOM_FAILURE_EVENTS_MAX, RANDOM_FAILURES_MAX, SCHEDULE_MATCHES_MAX,
  VMS_TOTAL_MAX,
} from './limits.ts';
import type { Finding } from './problem.ts';
import type { ScenarioFile } from './schema.ts';
import type { ClusterSpec } from '../model/specs.ts';
import { UNTIL_MAX_MS, type FailureRates } from './types.ts';

/** The year random-failures.ts converts an AFR with (365.25 days). */
const YEAR_MS = 8766 * 3_600_000;

/**
 * Events one random failure causes: a few of its own (fail, repair, placement), and per VM restarted
 * and per volume copy rebuilt some 7-15 (restart, copy job start and end, network flow changes),
 * measured at AFR 10,000 % over 2 days: Nutanix 50 nodes, 2,000 VMs 586 events a failure for 40 VMs
 * and copies touched (15 each on 0.1 GbE, 11 on 25 GbE), Harvester 20 nodes 200 for 28 (7).
 */
const EVENTS_PER_FAILURE = 10;
const EVENTS_PER_TOUCHED = 16;

export interface Work {
  hosts: number;
  vms: number;
  disks: number;
  /** Ceph only (0 otherwise): pg_num x size, and pg_num x distinct volume sizes. */
  pgCopies: number;
  pgStripes: number;
  /** Expected random failures over the run (0 without `failures`). */
  randomFailures: number;
  /** Events those failures are expected to cause, and the rate that causes most of them. */
  randomFailureEvents: number;
  randomFailureEventsPath: 'hostAfrPercent' | 'diskAfrPercent';
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
  const rates = file.failures === undefined ? undefined : {
    diskAfrPercent: file.failures.diskAfrPercent, hostAfrPercent: file.failures.hostAfrPercent,
    diskReplaceMs: validDurationMs(file.failures.diskReplace), hostRepairMs: validDurationMs(file.failures.hostRepair),
  };
  const groups = file.hosts.map((h) => ({ hosts: h.count, disks: h.count * h.disks.count }));
  const copies = volumeCopies(sum(file.vms, (v) => (v.diskGiB > 0 ? v.count : 0)), p);
  const f = failureWork(groups, { vms, copies }, rates, untilMs);
  return {
    hosts, vms, disks, pgCopies, pgStripes, randomFailures: f.failures, randomFailureEvents: f.events,
    randomFailureEventsPath: f.path, scheduleMatches: file.schedule.length * (hosts + vms),
  };
}

/** One finding per total beyond its limit, at the field that drives it. */
export function checkBudget(file: ScenarioFile, p: Parameters, options: { simulates: boolean } = { simulates: true }): Finding[] {
  const w = workOf(file, p);
  const over = file.until === undefined ? 'the 400-day bound (no until)' : 'until';
  const cephPath = file.policies?.storage?.ceph?.pgsPerOsd === undefined ? ['hosts'] : ['policies', 'storage', 'ceph', 'pgsPerOsd'];
  const checks: [number, number, readonly (string | number)[], string][] = [
    [w.hosts, HOSTS_TOTAL_MAX, ['hosts'], 'hosts in all groups'],
    [w.vms, VMS_TOTAL_MAX, ['vms'], 'VMs in all groups'],
    [w.disks, DISKS_TOTAL_MAX, ['hosts'], 'data disks in all hosts (count x disks.count)'],
    [w.pgCopies, PG_COPIES_MAX, cephPath, 'Ceph PG copies (pg_num x size)'],
    [w.pgStripes, PG_STRIPES_MAX, cephPath, 'Ceph striping work (pg_num x distinct volume sizes)'],
    [w.randomFailures, RANDOM_FAILURES_MAX, ['failures'], `random failures expected over ${over}`],
    [w.randomFailureEvents, RANDOM_FAILURE_EVENTS_MAX, ['failures', w.randomFailureEventsPath], eventsWhat(w.randomFailures, over)],
    [w.scheduleMatches, SCHEDULE_MATCHES_MAX, ['schedule'], 'name matches (schedule entries x (hosts + VMs))'],
  ];
  // One finding per field: 300 groups of 10,000 hosts are too many hosts, not also too many disks and PGs
  // (and too many random failures are not also too many events from them).
  const seen = new Set<string | number>();
  // Random failures cost only a run: a command that places or prices the file skips them.
  if (!options.simulates) seen.add('failures');
  return checks
    .filter(([value, max, path]) => value > max && !seen.has(path[0]) && seen.add(path[0]))
    .map(([value, max, path, what]) => overBudget(path, what, value, max));
}

/** The same checks for random failures once the CLI's --until replaced the file's. */
export function randomFailuresProblem(scenario: ClusterSpec & { failures?: FailureRates; parameters: Parameters }, untilMs: number): string | undefined {
  if (scenario.failures === undefined) return undefined;
  const groups = scenario.hosts.map((h) => ({ hosts: 1, disks: h.disks.count }));
  const copies = volumeCopies(scenario.vms.filter((v) => v.diskGiB > 0).length, scenario.parameters);
  const f = failureWork(groups, { vms: scenario.vms.length, copies }, scenario.failures, untilMs);
  if (f.failures > RANDOM_FAILURES_MAX) return overBudget([], 'random failures expected over --until', f.failures, RANDOM_FAILURES_MAX).message;
  if (f.events > RANDOM_FAILURE_EVENTS_MAX) return `failures.${f.path}: ${overBudget([], eventsWhat(f.failures, '--until'), f.events, RANDOM_FAILURE_EVENTS_MAX).message}`;
  return undefined;
}

function eventsWhat(failures: number, over: string): string {
  return `events expected from ${grouped(failures)} random failures over ${over} (each weighed by the VMs and volume copies on its host or disk)`;
}

/** Copies of every volume the storage keeps (none without shared or local storage). */
function volumeCopies(volumes: number, p: Parameters): number {
  return p.storage.kind === 'none' ? 0 : volumes * Math.max(1, p.storage.replicas);
}

/**
 * Expected failures and the events they cause: a host failure touches its share of the VMs and of
 * the volume copies, a disk failure its share of the copies (spread evenly: the estimate, not the
 * placement).
 */
export function failureWork(
  groups: readonly { hosts: number; disks: number }[], load: { vms: number; copies: number }, rates: FailureRates | undefined, untilMs: number,
): { failures: number; events: number; path: 'hostAfrPercent' | 'diskAfrPercent' } {
  if (rates === undefined) return { failures: 0, events: 0, path: 'hostAfrPercent' };
  const hosts = sum(groups, (g) => g.hosts), disks = sum(groups, (g) => g.disks);
  const hostFailures = expectedFailures(groups, { ...rates, diskAfrPercent: 0 }, untilMs);
  const diskFailures = expectedFailures(groups, { ...rates, hostAfrPercent: 0 }, untilMs);
  const perHost = hosts > 0 ? (load.vms + load.copies) / hosts : 0, perDisk = disks > 0 ? load.copies / disks : 0;
  const hostEvents = hostFailures * (EVENTS_PER_FAILURE + EVENTS_PER_TOUCHED * perHost);
  const diskEvents = diskFailures * (EVENTS_PER_FAILURE + EVENTS_PER_TOUCHED * perDisk);
  return { failures: hostFailures + diskFailures, events: hostEvents + diskEvents, path: hostEvents >= diskEvents ? 'hostAfrPercent' : 'diskAfrPercent' };
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
