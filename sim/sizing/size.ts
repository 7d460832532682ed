// Sizing: the smallest number of hosts of the scenario's host type on which the whole workload
// fits (fit.ts: real placement and storage layout, HA and headroom), and the resource that stops
// it fitting on one host fewer. The search starts at a lower bound no placement can beat (memory,
// vCPUs, anti-affinity and storage copies summed against one host's limits) and walks up one
// host at a time, because greedy placement is not guaranteed monotone in the host count and a
// bisection could skip the smallest count that works.
import type { Parameters } from '../platforms/parameters.ts';
import type { Scenario } from '../scenario/types.ts';
import { CpuModel, demandMilli } from '../model/cpu.ts';
import { perVmOverheadMiB, usableCores } from '../model/overhead.ts';
import { allocatableWithHeadroomMiB, fitsOn, fitsOnHosts, mustRulesFit, sizingParameters, type Binding, type SizingOptions } from './fit.ts';

/** The most hosts the search tries (the largest shipped scenario has 2,000). */
export const SIZING_HOSTS_MAX = 2000;

export interface SizingResult {
  platform: Scenario['platform'];
  /** Host failures this answer survives (SizingOptions.haHostFailures). */
  haHostFailures: number;
  /** Smallest host count that fits; null when even SIZING_HOSTS_MAX does not, or none can (neverFits). */
  hostsNeeded: number | null;
  /** No host count of this type fits: a VM-host must rule's hosts cannot hold its VMs (binding 'VM-host rule'). */
  neverFits: boolean;
  /** What keeps the workload off hostsNeeded - 1 hosts ('none' when one host is enough). */
  binding: Binding;
  detail: string;
  /** Where the search started: no placement fits on fewer hosts. */
  lowerBound: number;
  /** The file's own host count and how many of its VMs place on the file's own hosts. */
  fileHosts: number;
  vmsPlacedOnFileHosts: number;
  vms: number;
}

/** Where a sizing's host failures come from when `--ha` does not say. */
export type HaFailuresSource = 'policies.ha.hostFailuresToTolerate' | 'HA off' | 'admission control off';

/**
 * The host failures the platform as configured keeps room for: policies.ha.hostFailuresToTolerate
 * while HA and its admission control are on; 0 when either is off, since then nothing holds the
 * room back (a file that turns vSphere's admission control off sizes like Harvester's default).
 */
export function policyHaFailures(p: Parameters): { failures: number; source: HaFailuresSource } {
  const ha = p.policies.ha;
  if (!ha.enabled) return { failures: 0, source: 'HA off' };
  if (!ha.admissionControl) return { failures: 0, source: 'admission control off' };
  return { failures: ha.hostFailuresToTolerate, source: 'policies.ha.hostFailuresToTolerate' };
}

export function sizeScenario(scenario: Scenario, options: SizingOptions): SizingResult {
  const lowerBound = Math.min(lowerBoundHosts(scenario, options), SIZING_HOSTS_MAX);
  const onFile = fitsOnHosts(scenario, scenario.hosts, options);
  const base = { platform: scenario.platform, haHostFailures: options.haHostFailures, lowerBound, fileHosts: scenario.hosts.length, vmsPlacedOnFileHosts: onFile.vmsPlaced, vms: scenario.vms.length };
  // Checked first: the search would otherwise try every count up to SIZING_HOSTS_MAX in vain.
  const pinned = mustRulesFit(scenario, options);
  if (pinned !== undefined && !pinned.ok) {
    const detail = pinned.vmsPlaced === 0 && pinned.binding === 'VM-host rule' && options.haHostFailures > 0 && /host failure/.test(pinned.detail ?? '')
      ? `no host count fits: ${pinned.detail}, and more hosts are not the rule's hosts`
      : `no host count fits: the VM-host must rules' hosts cannot hold their VMs even alone, and more hosts are not the rules' hosts (${pinned.detail ?? ''})`;
    return { ...base, hostsNeeded: null, neverFits: true, binding: pinned.binding === 'cpu demand' ? 'cpu demand' : 'VM-host rule', detail };
  }
  let hostsNeeded: number | null = null;
  for (let h = lowerBound; h <= SIZING_HOSTS_MAX; h++) {
    if (fitsOn(scenario, h, options).ok) {
      hostsNeeded = h;
      break;
    }
  }
  if (hostsNeeded === null) {
    const last = fitsOn(scenario, SIZING_HOSTS_MAX, options);
    return { ...base, hostsNeeded, neverFits: false, binding: last.binding ?? 'none', detail: `does not fit on ${SIZING_HOSTS_MAX} hosts: ${last.detail ?? ''}` };
  }
  if (hostsNeeded === 1) return { ...base, hostsNeeded, neverFits: false, binding: 'none', detail: 'fits on one host' };
  const fewer = fitsOn(scenario, hostsNeeded - 1, options);
  return { ...base, hostsNeeded, neverFits: false, binding: fewer.binding ?? 'none', detail: `on ${hostsNeeded - 1} hosts ${fewer.detail ?? 'it fits'}` };
}

/**
 * Hosts no placement can do with: the memory and vCPUs of every VM over one host's limits, the
 * largest anti-affinity group (one VM per host), each plus the N hosts that HA may lose; the CPU
 * demand of every VM over one host's usable CPU less the headroom (the survivors of a failure are
 * not held to it); the storage copies (one per host, unless Longhorn's soft anti-affinity lets them
 * share); and the file's hosts up to the first that each VM-host must rule names.
 */
export function lowerBoundHosts(scenario: Scenario, options: SizingOptions): number {
  const host = scenario.hosts[0];
  const p = sizingParameters(scenario.parameters, options);
  const memoryLimitMiB = allocatableWithHeadroomMiB(host.memoryGiB, p, options.headroomPercent) * p.policies.placement.memoryOvercommit;
  const vcpuLimit = usableCores(host.cores, p.overhead) * p.policies.placement.vcpuOvercommit;
  // The CPU model's own usable CPU of one host, so the tax is counted as the simulation counts it.
  const usableMilli = new CpuModel([host], p.overhead, p.policies.cpu).host(host.id).usableMilli;
  const cpuLimitMilli = Math.floor(usableMilli * (1 - options.headroomPercent / 100));
  const position = new Map(scenario.hosts.map((h, i) => [h.id, i]));
  let memoryMiB = 0, vcpus = 0, cpuMilli = 0, pinned = 1;
  const labels = new Map<string, number>();
  for (const vm of scenario.vms) {
    memoryMiB += Math.ceil(vm.memoryGiB * 1024) + Math.ceil(perVmOverheadMiB(vm, p.overhead));
    vcpus += vm.vcpus;
    cpuMilli += demandMilli(vm.vcpus, vm.cpuUtilization);
    if (vm.mustHosts !== undefined) pinned = Math.max(pinned, 1 + Math.min(...vm.mustHosts.map((id) => position.get(id) ?? 0)));
    if (vm.antiAffinity !== undefined) labels.set(vm.antiAffinity, (labels.get(vm.antiAffinity) ?? 0) + 1);
  }
  const compute = Math.max(1, ceilRatio(memoryMiB, memoryLimitMiB), ceilRatio(vcpus, vcpuLimit), ...labels.values()) + options.haHostFailures;
  // A failure may leave volumes degraded, so the copies need no extra hosts for HA.
  const softLonghorn = p.storage.kind === 'longhorn' && p.policies.storage.longhorn.replicaSoftAntiAffinity;
  const copies = p.storage.kind !== 'none' && !softLonghorn && scenario.vms.some((vm) => vm.diskGiB > 0) ? p.storage.replicas : 1;
  return Math.max(compute, ceilRatio(cpuMilli, cpuLimitMilli), copies, pinned);
}

function ceilRatio(need: number, perHost: number): number {
  if (need === 0) return 1;
  return perHost > 0 ? Math.ceil(need / perHost - 1e-9) : Number.POSITIVE_INFINITY;
}
