// Group expansion and name matching. A file describes hosts and VMs as groups of identical members;
// the simulator works with named individuals (`esx-03`, `app-042`), so groups are expanded here with
// zero-padded numbers that sort in numeric order as plain strings. Schedule entries pick members by
// exact name, by glob (`*`, `?`) or by a list of either; matches are returned in name order, which
// is the order a rolling maintenance visits hosts.
import { validDurationMs } from './duration.ts';
import type { HostSpec, VmSpec } from './types.ts';
import type { HostGroupFile, VmGroupFile } from './schema.ts';

/** `<group>-NN...`, numbered from 1, with at least `minDigits` digits and as many as `count` needs. */
export function memberName(group: string, number: number, count: number, minDigits: number): string {
  const digits = Math.max(minDigits, String(count).length);
  return `${group}-${String(number).padStart(digits, '0')}`;
}

/** Hosts `<group>-NN` (2 digits; 3 from 100 hosts in the group), groups in file order. */
export function expandHosts(groups: readonly HostGroupFile[]): HostSpec[] {
  const hosts: HostSpec[] = [];
  for (const g of groups) {
    for (let n = 1; n <= g.count; n++) {
      const host: HostSpec = {
        id: memberName(g.group, n, g.count, 2),
        group: g.group,
        cores: g.cores,
        coreGHz: g.coreGHz,
        memoryGiB: g.memoryGiB,
        nicGbps: g.nicGbps,
        disks: { count: g.disks.count, sizeTiB: g.disks.sizeTiB },
      };
      if (g.disks.class !== undefined) host.disks.class = g.disks.class;
      if (g.storageNicGbps !== undefined) host.storageNicGbps = g.storageNicGbps;
      if (g.rack !== undefined) host.rack = g.rack;
      else if (g.hostsPerRack !== undefined) host.rack = rackName(g.group, Math.ceil(n / g.hostsPerRack), Math.ceil(g.count / g.hostsPerRack));
      hosts.push(host);
    }
  }
  return hosts;
}

/** `<group>-rNN`: the rack of `hostsPerRack` (2 digits; 3 from 100 racks). */
function rackName(group: string, number: number, racks: number): string {
  return `${group}-r${String(number).padStart(Math.max(2, String(racks).length), '0')}`;
}

/** VMs `<group>-NNN` (3 digits; 4 from 1000 VMs in the group), groups in file order. */
export function expandVms(groups: readonly VmGroupFile[]): VmSpec[] {
  const vms: VmSpec[] = [];
  for (const g of groups) {
    // One curve per group, shared by its VMs (the load-curve op groups them by it).
    const curve = g.loadCurve?.map((p) => ({ atMs: validDurationMs(p.at), cpuUtilization: p.cpuUtilization }));
    for (let n = 1; n <= g.count; n++) {
      const vm: VmSpec = {
        id: memberName(g.group, n, g.count, 3),
        group: g.group,
        vcpus: g.vcpus,
        memoryGiB: g.memoryGiB,
        cpuUtilization: g.cpuUtilization,
        dirtyRateMiBps: g.dirtyRateMiBps,
        workingSetGiB: g.workingSetGiB,
        diskGiB: g.diskGiB,
        diskWriteMiBps: g.diskWriteMiBps,
      };
      if (g.antiAffinity !== undefined) vm.antiAffinity = g.antiAffinity;
      if (g.ha !== undefined) vm.ha = g.ha;
      if (g.memoryReservationGiB !== undefined) vm.memoryReservationGiB = g.memoryReservationGiB;
      if (curve !== undefined) vm.loadCurve = curve;
      vms.push(vm);
    }
  }
  return vms;
}

/** A glob where `*` matches any run of characters and `?` exactly one; everything else is literal. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

export interface MatchResult {
  /** Every name matched by any pattern, once, in name order. */
  names: string[];
  /** Indexes of the patterns that matched nothing. */
  unmatched: number[];
}

/** Matches each pattern (name or glob) against `names`. */
export function matchNames(patterns: readonly string[], names: readonly string[]): MatchResult {
  const matched = new Set<string>();
  const unmatched: number[] = [];
  patterns.forEach((pattern, index) => {
    const re = globToRegExp(pattern);
    let any = false;
    for (const name of names) {
      if (re.test(name)) {
        matched.add(name);
        any = true;
      }
    }
    if (!any) unmatched.push(index);
  });
  return { names: [...matched].sort(byName), unmatched };
}

/** Plain code-unit order: locale-independent, and zero-padded numbers sort numerically. */
export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A short list of what exists, for messages: `esx-01..esx-08, gpu-01..gpu-02`. */
export function describeNames(ids: readonly { id: string; group: string }[]): string {
  if (ids.length === 0) return 'none';
  const ranges: string[] = [];
  let first = ids[0];
  for (let i = 1; i <= ids.length; i++) {
    if (i === ids.length || ids[i].group !== first.group) {
      const last = ids[i - 1];
      ranges.push(first === last ? first.id : `${first.id}..${last.id}`);
      if (i < ids.length) first = ids[i];
    }
  }
  return ranges.join(', ');
}
