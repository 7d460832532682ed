// Does a workload fit on H hosts of one type? Answered with the simulator's own code, not a
// formula: the cluster model is built with H copies of the host, every VM goes through place()
// (the platform's filters and scorers, overcommit and HA admission control) in the order of the
// initial placement, and the storage layer lays out every volume's copies with its real policy.
// With `haHostFailures` N > 0 the same VMs must also place on the H - N survivors, with admission
// control off as HA restarts bypass it: capacity for N failures is there whatever the platform's
// admission rule. Headroom takes a share of each host's memory left after the platform's overhead
// (the module keeps ~20 % free for Longhorn rebuilds and live migration, platform-facts §10).
import { Engine } from '../core/engine.ts';
import type { Events } from '../events/catalogue.ts';
import { Cluster } from '../model/cluster.ts';
import { Network } from '../model/network.ts';
import type { HostSpec } from '../model/specs.ts';
import { World } from '../ops/world.ts';
import { place } from '../placement/place.ts';
import type { PlacementDecision } from '../placement/decision.ts';
import type { Parameters } from '../platforms/parameters.ts';
import type { Scenario } from '../scenario/types.ts';
import { policyFor } from '../storage/kinds.ts';
import { Storage } from '../storage/storage.ts';

/** The resource that keeps a workload off one host fewer. */
export type Binding = 'memory' | 'cpu' | 'disk' | 'anti-affinity' | 'HA' | 'none';

export interface SizingOptions {
  /** Host failures whose VMs must still find room (N+N sizing). */
  haHostFailures: number;
  /** Share of each host's memory after the platform's overhead kept free. */
  headroomPercent: number;
}

export interface FitResult {
  ok: boolean;
  vmsPlaced: number;
  /** What stopped it, when it does not fit; `detail` says it in words. */
  binding?: Exclude<Binding, 'none'>;
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
  const world = newWorld({ ...scenario, hosts: [...hosts], parameters }, options.headroomPercent);
  const placed = placeAll(world, true);
  if (placed.failure !== undefined) return { ok: false, vmsPlaced: placed.count, ...placed.failure };
  const storage = layOutStorage(world);
  if (storage !== undefined) return { ok: false, vmsPlaced: placed.count, binding: 'disk', detail: storage };
  const n = options.haHostFailures;
  if (n === 0) return { ok: true, vmsPlaced: placed.count };
  if (hosts.length <= n) return { ok: false, vmsPlaced: placed.count, binding: 'HA', detail: `${hosts.length} hosts cannot survive ${n} host failures` };
  const survivors = newWorld({ ...scenario, hosts: withoutLargest(hosts, n), parameters }, options.headroomPercent);
  const restarted = placeAll(survivors, false);
  if (restarted.failure === undefined) return { ok: true, vmsPlaced: placed.count };
  // Without HA (bare metal) nothing restarts by itself: the N hosts are spares to rebuild on by hand.
  const how = parameters.policies.ha.enabled ? '' : ' (no automatic restart here: N spare hosts)';
  return { ok: false, vmsPlaced: placed.count, binding: 'HA', detail: `after ${n} host failure(s)${how} ${restarted.failure.detail}` };
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
  failure?: { binding: Exclude<Binding, 'none' | 'disk'>; detail: string };
}

/** Every VM in id order, as the initial placement does; the first refusal names the binding resource. */
function placeAll(world: World, admission: boolean): Placed {
  const { cluster } = world;
  let count = 0;
  let failure: Placed['failure'];
  for (const id of cluster.vmIds) {
    const vm = cluster.vm(id);
    const decision = place({ cluster, admission }, vm);
    if (decision.host === undefined) {
      failure ??= { binding: bindingOf(decision), detail: `${id} finds no host (${decision.rejectedByReason[0]?.reason ?? 'no host'})` };
      continue;
    }
    cluster.assign(vm, decision.host);
    cluster.setVmStatus(vm, 'running');
    count++;
  }
  return { count, failure };
}

/** The commonest refusal of a failed decision as a resource. */
function bindingOf(decision: PlacementDecision): Exclude<Binding, 'none' | 'disk'> {
  const kind = decision.rejectedByReason[0]?.kind ?? '';
  if (kind === 'memory' || kind === 'cpu' || kind === 'anti-affinity') return kind;
  if (kind.startsWith('HA')) return 'HA';
  throw new Error(`sizing: unexpected placement refusal '${kind}'`);
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
