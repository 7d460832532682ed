// The schedule as the engine consumes it: each entry's host and VM references resolved to ids (globs
// expanded, in name order), durations in milliseconds. References the file cannot satisfy (an unknown
// host, a glob that matches nothing, a disk the host does not have) are reported with the path of the
// offending field.
import { validDurationMs as ms } from './duration.ts';
import { describeNames, matchNames } from './expand.ts';
import type { Finding } from './problem.ts';
import type { ScheduleEntryFile } from './schema.ts';
import type { AnchorEvent, HostSpec, ScheduleEntry, VmSpec } from './types.ts';
import type { CheckResult } from './checks.ts';

export interface ScheduleResult extends CheckResult {
  schedule: ScheduleEntry[];
}

export function buildSchedule(
  entries: readonly ScheduleEntryFile[],
  hosts: readonly HostSpec[],
  vms: readonly VmSpec[],
  untilMs: number | undefined,
): ScheduleResult {
  const cluster: Cluster = { hosts, vms, hostById: new Map(hosts.map((h) => [h.id, h])), errors: [] };
  const warnings: Finding[] = [];
  const schedule = entries.map((entry, index) => {
    if (typeof entry.at === 'object') return resolveEntry(entry, anchored(entry.at, index, cluster), cluster);
    const atMs = ms(entry.at);
    if (untilMs !== undefined && atMs > untilMs) {
      warnings.push({ path: ['schedule', index, 'at'], message: 'happens after until: it never runs' });
    }
    return resolveEntry(entry, { atMs, index }, cluster);
  });
  return { schedule, errors: cluster.errors, warnings };
}

/** An entry anchored to an event: its host must exist, and only host events name a host. */
function anchored(at: Extract<ScheduleEntryFile['at'], object>, index: number, c: Cluster): { atMs: number; index: number; after: { event: AnchorEvent; host?: string } } {
  const path = ['schedule', index, 'at', 'host'] as const;
  if (at.host !== undefined) {
    if (at.after === 'maintenance.start' || at.after === 'maintenance.end') {
      c.errors.push({ path: [...path], message: `${at.after} belongs to a rollout, not a host: leave out host` });
    } else if (!c.hostById.has(at.host)) c.errors.push(unknownHost(at.host, [...path], c.hosts));
  }
  const after = at.host === undefined ? { event: at.after } : { event: at.after, host: at.host };
  return { atMs: ms(at.plus), index, after };
}

interface Cluster {
  hosts: readonly HostSpec[];
  vms: readonly VmSpec[];
  hostById: ReadonlyMap<string, HostSpec>;
  /** Problems found while resolving, appended in entry order. */
  errors: Finding[];
}

function resolveEntry(entry: ScheduleEntryFile, base: { atMs: number; index: number }, c: Cluster): ScheduleEntry {
  const path = ['schedule', base.index] as const;
  switch (entry.do) {
    case 'rollingMaintenance':
      return {
        ...base,
        do: entry.do,
        pattern: patternText(entry.hosts),
        hosts: resolve(entry.hosts, c.hosts, [...path, 'hosts'], 'host', c.errors),
        concurrency: entry.concurrency,
        workDurationMs: ms(entry.workDuration),
        dataMigration: entry.dataMigration,
        mode: entry.mode,
      };
    case 'failDisk': {
      const host = c.hostById.get(entry.host);
      if (host === undefined) c.errors.push(unknownHost(entry.host, [...path, 'host'], c.hosts));
      else if (entry.disk >= host.disks.count) c.errors.push(diskOutOfRange(entry.disk, host, [...path, 'disk']));
      return { ...base, do: entry.do, host: entry.host, disk: entry.disk, ...optionalMs('replaceAfterMs', entry.replaceAfter) };
    }
    case 'failHost':
      if (!c.hostById.has(entry.host)) c.errors.push(unknownHost(entry.host, [...path, 'host'], c.hosts));
      return {
        ...base, do: entry.do, host: entry.host, disks: entry.disks,
        ...optionalMs('repairAfterMs', entry.repairAfter === 'never' ? undefined : entry.repairAfter),
      };
    case 'managementOutage':
      return { ...base, do: entry.do, durationMs: ms(entry.duration) };
    case 'setLoad': {
      const matched = resolve(entry.vms, c.vms, [...path, 'vms'], 'VM', c.errors);
      return { ...base, do: entry.do, pattern: patternText(entry.vms), vms: matched, cpuUtilization: entry.cpuUtilization };
    }
  }
}

/** The ids `target` names, in name order; a pattern that matches nothing is an error at its path. */
function resolve(
  target: string | string[],
  members: readonly { id: string; group: string }[],
  path: readonly (string | number)[],
  what: string,
  errors: Finding[],
): string[] {
  const patterns = typeof target === 'string' ? [target] : target;
  const { names, unmatched } = matchNames(patterns, members.map((m) => m.id));
  for (const i of unmatched) {
    errors.push({
      path: typeof target === 'string' ? path : [...path, i],
      message: `'${patterns[i]}' matches no ${what} (${what}s: ${describeNames(members)})`,
    });
  }
  return names;
}

function unknownHost(name: string, path: readonly (string | number)[], hosts: readonly HostSpec[]): Finding {
  return { path, message: `unknown host '${name}' (hosts: ${describeNames(hosts)})` };
}

function diskOutOfRange(disk: number, host: HostSpec, path: readonly (string | number)[]): Finding {
  const range = host.disks.count === 0 ? 'it has no disks' : `it has ${host.disks.count}: 0..${host.disks.count - 1}`;
  return { path, message: `disk ${disk} is out of range for ${host.id} (${range})` };
}

function patternText(target: string | string[]): string {
  return typeof target === 'string' ? target : target.join(', ');
}

function optionalMs<K extends string>(key: K, value: number | string | undefined): { [P in K]?: number } {
  return value === undefined ? {} : ({ [key]: ms(value) } as { [P in K]: number });
}
