// Does a workload fit on H hosts of one type? Answered with the simulator's own code, not a
// formula: the cluster model is built with H copies of the host, every VM goes through place()
// (the platform's filters and scorers, overcommit and HA admission control) in the order of the
// initial placement, and the storage layer lays out every volume's copies with its real policy.
// With `haHostFailures` N > 0 the same VMs must also place on the H - N survivors, with admission
// control off as HA restarts bypass it: capacity for N failures is there whatever the platform's
// admission rule. Headroom takes a share of each host's memory left after the platform's overhead
// (the module keeps ~20 % free for Longhorn rebuilds and live migration, platform-facts §10), and
// the same share of each host's usable CPU (sim/model/cpu.ts: cores less what the platform burns):
// a VM goes only where the CPU it demands (vcpus x cpuUtilization, the file's initial load) still
// fits, so a CPU tax costs hosts even where vCPU overcommit would let the VMs in. The survivors of
// N failures are not held to it: VMs restarted by HA may run contended until the repair.
// A VM-host rule names the file's hosts; a sized cluster's k-th host stands for the file's k-th.
import { Engine } from '../core/engine.ts';
import { demandMilli } from '../model/cpu.ts';
import type { Events } from '../events/catalogue.ts';
import { Cluster, type Vm } from '../model/cluster.ts';
import { Network } from '../model/network.ts';
import type { HostSpec, VmSpec } from '../model/specs.ts';
import { World } from '../ops/world.ts';
import { place, type PlacementDecision } from '../placement/place.ts';
import type { Parameters } from '../platforms/parameters.ts';
import type { Scenario } from '../scenario/types.ts';
import { policyFor } from '../storage/kinds.ts';
import { Storage } from '../storage/storage.ts';
import { bindingOf, refusals, type PlacementBinding } from './binding.ts';

export type { Binding } from './binding.ts';

export interface SizingOptions {
  /** Host failures whose VMs must still find room (N+N sizing). */
  haHostFailures: number;
  /** Share of each host's memory after the platform's overhead, and of its usable CPU, kept free. */
  headroomPercent: number;
}

export interface FitResult {
  ok: boolean;
  vmsPlaced: number;
  /** What stopped it, when it does not fit; `detail` says it in words. */
  binding?: PlacementBinding;
  detail?: string;
}

/** H hosts like `template`, named so that id order is numeric order. */
export function hostsLike(template: HostSpec, count: number): HostSpec[] {
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => ({ ...template, id: `${template.group}-${String(i + 1).padStart(width, '0')}`, rack: undefined }));
}

/** The scenario's parameters with HA sized for N host failures. */
export function sizingParameters(p: Parameters, options: SizingOptions): Parameters {
  return { ...p, policies: { ...p.policies, ha: { ...p.policies.ha, hostFailuresToTolerate: options.haHostFailures } } };
}

/** What a host of `memoryGiB` may give VMs: its memory after the platform's overhead, less the headroom. */
export function allocatableWithHeadroomMiB(memoryGiB: number, p: Parameters, headroomPercent: number): number {
  return Math.floor(Math.floor((memoryGiB - p.overhead.hostMemoryGiB) * 1024) * (1 - headroomPercent / 100));
}

/** On H hosts like the scenario's first. */
export function fitsOn(scenario: Scenario, hostCount: number, options: SizingOptions): FitResult {
  const template = scenario.hosts[0];
  if (template === undefined) throw new Error('sizing needs a host type: the scenario has no host');
  return fitsOnHosts(scenario, hostsLike(template, hostCount), options);
}

/** On these hosts; with N > 0, also on what is left after losing the N largest (by memory, then cores). */
export function fitsOnHosts(scenario: Scenario, hosts: readonly HostSpec[], options: SizingOptions): FitResult {
  const parameters = sizingParameters(scenario.parameters, options);
  const vms = rulesOnto(scenario.vms, scenario.hosts, hosts);
  const world = newWorld({ ...scenario, hosts: [...hosts], vms, parameters }, options.headroomPercent);
  const placed = placeAll(world, true, options.headroomPercent);
  if (placed.failure !== undefined) return { ok: false, vmsPlaced: placed.count, ...placed.failure };
  const storage = layOutStorage(world);
  if (storage !== undefined) return { ok: false, vmsPlaced: placed.count, binding: 'disk', detail: storage };
  const n = options.haHostFailures;
  if (n === 0) return { ok: true, vmsPlaced: placed.count };
  if (hosts.length <= n) return { ok: false, vmsPlaced: placed.count, binding: 'HA', detail: `${hosts.length} hosts cannot survive ${n} host failures` };
  const survivors = newWorld({ ...scenario, hosts: withoutLargest(hosts, n), vms, parameters }, options.headroomPercent);
  const restarted = placeAll(survivors, false, null);
  if (restarted.failure === undefined) return { ok: true, vmsPlaced: placed.count };
  // Without HA (bare metal) nothing restarts by itself: the N hosts are spares to rebuild on by hand.
  const how = parameters.policies.ha.enabled ? '' : ' (no automatic restart here: N spare hosts)';
  return { ok: false, vmsPlaced: placed.count, binding: 'HA', detail: `after ${n} host failure(s)${how} ${restarted.failure.detail}` };
}

/**
 * Whether the VMs a VM-host must rule holds place on the rule's hosts with no other VM about (and
 * their CPU demand fits there): when they do not, no host count of this type fits, because more
 * hosts are never the rule's. Undefined when the file has no must rule.
 */
export function mustRulesFit(scenario: Scenario, options: SizingOptions): FitResult | undefined {
  const position = new Map(scenario.hosts.map((h, i) => [h.id, i]));
  const pinned = scenario.vms.filter((vm) => vm.mustHosts !== undefined);
  if (pinned.length === 0) return undefined;
  // A VM that may run on N or fewer hosts has nowhere to restart when those N fail, whatever the
  // cluster's size (the HA check of a count would otherwise lose the largest hosts, not the rule's).
  const n = options.haHostFailures;
  const fragile = n > 0 ? pinned.find((vm) => new Set(vm.mustHosts).size <= n) : undefined;
  if (fragile !== undefined) {
    const ruleHosts = [...new Set(fragile.mustHosts)].join(', ');
    return { ok: false, vmsPlaced: 0, binding: 'VM-host rule', detail: `${fragile.id} may run only on ${ruleHosts}, and ${n} host failure(s) can take them all` };
  }
  const last = Math.max(...pinned.flatMap((vm) => vm.mustHosts!.map((id) => position.get(id)!)));
  const hosts = hostsLike(scenario.hosts[0], last + 1);
  const parameters = sizingParameters(scenario.parameters, { ...options, haHostFailures: 0 });
  const world = newWorld({ ...scenario, hosts, vms: rulesOnto(pinned, scenario.hosts, hosts), parameters }, options.headroomPercent);
  const placed = placeAll(world, true, options.headroomPercent);
  return placed.failure === undefined ? { ok: true, vmsPlaced: placed.count } : { ok: false, vmsPlaced: placed.count, ...placed.failure };
}

/**
 * The VMs with their VM-host rules moved onto `hosts`: the file's k-th host is the sized cluster's
 * k-th, and a rule host beyond the sized count is not there (a VM left with none places nowhere).
 */
export function rulesOnto(vms: readonly VmSpec[], fileHosts: readonly HostSpec[], hosts: readonly HostSpec[]): VmSpec[] {
  if (!vms.some((vm) => vm.mustHosts !== undefined || vm.shouldHosts !== undefined)) return [...vms];
  const position = new Map(fileHosts.map((h, i) => [h.id, i]));
  const onto = (ids: string[] | undefined) => ids?.flatMap((id) => {
    const h = hosts[position.get(id) ?? Number.POSITIVE_INFINITY];
    return h === undefined ? [] : [h.id];
  });
  return vms.map((vm) => (vm.mustHosts === undefined && vm.shouldHosts === undefined ? vm : { ...vm, mustHosts: onto(vm.mustHosts), shouldHosts: onto(vm.shouldHosts) }));
}

/** The hosts less the N whose loss hurts most: the most memory, then the most cores, then the last ids. */
function withoutLargest(hosts: readonly HostSpec[], n: number): HostSpec[] {
  const order = hosts.map((h, i) => ({ h, i })).sort((a, b) => b.h.memoryGiB - a.h.memoryGiB || b.h.cores - a.h.cores || b.i - a.i);
  const lost = new Set(order.slice(0, n).map((x) => x.h.id));
  return hosts.filter((h) => !lost.has(h.id));
}

function newWorld(scenario: Scenario, headroomPercent: number): World {
  const engine = new Engine<Events>({ seed: scenario.seed, keepEvents: false });
  const cluster = new Cluster(scenario, scenario.parameters);
  // Before any placement, so the cluster's in-service totals are first summed with the headroom out.
  for (const host of cluster.hostList) host.allocatableMiB = allocatableWithHeadroomMiB(host.spec.memoryGiB, scenario.parameters, headroomPercent);
  return new World(engine, cluster, new Network(engine), scenario.parameters);
}

interface Placed {
  count: number;
  failure?: { binding: PlacementBinding; detail: string };
}

/**
 * Every VM in id order, as the initial placement does; the first refusal names the binding resource.
 * With `cpuHeadroomPercent` (null: no CPU demand check) a VM may only go where its CPU demand fits.
 */
function placeAll(world: World, admission: boolean, cpuHeadroomPercent: number | null): Placed {
  const { cluster } = world;
  let count = 0;
  let failure: Placed['failure'];
  for (const id of cluster.vmIds) {
    const vm = cluster.vm(id);
    const busy = cpuHeadroomPercent === null ? undefined : shortOfCpu(cluster, vm, cpuHeadroomPercent);
    const decision = place({ cluster, admission }, vm, busy === undefined ? {} : { busy });
    if (decision.host === undefined) {
      failure ??= refusal({ cluster, admission }, vm, decision, busy);
      continue;
    }
    cluster.assign(vm, decision.host);
    cluster.setVmStatus(vm, 'running');
    count++;
  }
  return { count, failure };
}

/**
 * Hosts where the VM's CPU demand would not fit in the usable CPU less the headroom, as the
 * cluster's CPU model counts both (undefined when there is none).
 */
function shortOfCpu(cluster: Cluster, vm: Vm, headroomPercent: number): Set<string> | undefined {
  const demand = demandMilli(vm.spec.vcpus, vm.cpuUtilization);
  if (demand === 0) return undefined;
  let short: Set<string> | undefined;
  for (const id of cluster.hostIds) {
    const h = cluster.cpu.host(id);
    if (h.demandMilli + demand > Math.floor(h.usableMilli * (1 - headroomPercent / 100))) (short ??= new Set()).add(id);
  }
  return short;
}

/** Why a VM found no host: CPU demand when the hosts short of CPU were the only ones that would take it. */
function refusal(ctx: { cluster: Cluster; admission: boolean }, vm: Vm, decision: PlacementDecision, busy: Set<string> | undefined): NonNullable<Placed['failure']> {
  // The hosts short of CPU were skipped unrecorded: the refusals without that check name the binding.
  const open = busy === undefined ? decision : place(ctx, vm);
  if (open.host !== undefined) {
    const cores = demandMilli(vm.spec.vcpus, vm.cpuUtilization) / 1000;
    return { binding: 'cpu demand', detail: `${vm.id} finds no host with ${cores} cores of usable CPU free for its demand (${vm.spec.vcpus} vCPUs at ${vm.cpuUtilization * 100}%)` };
  }
  const binding = bindingOf(open, vm);
  if (binding === 'VM-host rule') {
    const hosts = [...vm.mustHosts!];
    const allowed = hosts.length === 0 ? 'names none of these hosts' : `allows only ${hosts.slice(0, 3).join(', ')}${hosts.length > 3 ? ', ...' : ''}`;
    return { binding, detail: `${vm.id} finds no host: its VM-host must rule ${allowed} (${refusals(open)})` };
  }
  return { binding, detail: `${vm.id} finds no host (${open.rejectedByReason[0]?.reason ?? 'no host'})` };
}

/** The storage policy's layout of every placed VM's volume; volumes short of their copies are counted. */
function layOutStorage(world: World): string | undefined {
  const policy = policyFor(world.params.storage.kind);
  if (policy === undefined) return undefined;
  world.storage = new Storage(world, policy);
  world.storage.init();
  let short = 0;
  let first: string | undefined;
  for (const [id, volume] of world.storage.state.volumes) {
    if (volume.health === 'healthy') continue;
    short++;
    first ??= `${id} ${volume.health}`;
  }
  if (short === 0) return undefined;
  const { kind, replicas } = world.params.storage;
  return `${short} volume(s) cannot get their ${replicas} ${kind} copies on ${world.cluster.hostIds.length} hosts' disks (${first})`;
}
