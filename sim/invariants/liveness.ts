// Liveness after faults (safety first, then convergence, as in deterministic simulation testing):
// once the last fault is repaired and the last host is back, every VM serves again and every
// volume is fully redundant within a bound derived from the scenario:
//
//   last repair (the last host.repair, disk.replace, management.outage.end or host back from
//   maintenance in the trace)
//   + the replica wait (policies.storage.repairDelay; Longhorn's upgrade wait when a rollout is an upgrade)
//   + HA: detection + restart delay + shutdown + boot
//   + 2 x the rebuild of the largest host's data at the slowest rate (its disks' capacity, or all
//     the cluster's volume data if less, over the slowest storage NIC or the rebuild stream cap;
//     twice, because resyncs of other sets share the same NICs)
//   + a 15-minute margin.
//
// It applies only when capacity allows: no random failures (they never stop), every failed host
// and disk is repaired in the schedule, every host is back in service at the bound, and every
// volume was placed in full. VMs never placed and volumes lost for good (and their VMs) are left
// out: they cannot come back. A run that stops at its `until` before the bound proves nothing.
import type { SimEvent } from '../events/catalogue.ts';
import type { Scenario } from '../scenario/types.ts';
import type { Finding } from './types.ts';

const GiB = 2 ** 30;
const MARGIN_MS = 15 * 60_000;
const REPAIRS = new Set(['host.repair', 'disk.replace', 'management.outage.end', 'host.maintenance.end', 'maintenance.end', 'host.fail', 'disk.fail']);

export interface LivenessBound {
  /** Why the check does not apply, when it does not. */
  notApplicable?: string;
  lastRepairMs: number;
  /** By then every VM serves and every volume is healthy. */
  boundMs: number;
  parts: { replicaWaitMs: number; haMs: number; rebuildMs: number; marginMs: number };
}

export function livenessBound(scenario: Scenario, events: readonly SimEvent[]): LivenessBound {
  const p = scenario.parameters;
  let lastRepairMs = 0;
  for (const e of events) if (REPAIRS.has(e.type)) lastRepairMs = Math.max(lastRepairMs, e.t);
  const upgrade = scenario.schedule.some((s) => s.do === 'rollingMaintenance' && s.mode === 'upgrade');
  const replicaWaitMs = 1000 * Math.max(p.policies.storage.repairDelay, upgrade && p.storage.kind === 'longhorn' ? p.policies.storage.longhorn.upgradeReplicaWaitSeconds : 0);
  const ha = p.policies.ha, vm = p.policies.vm;
  const haMs = 1000 * (ha.detectionSeconds + ha.restartDelaySeconds + vm.shutdownSeconds + vm.bootSeconds);
  const rebuildMs = 2 * rebuildOfLargestHostMs(scenario);
  const boundMs = lastRepairMs + replicaWaitMs + haMs + rebuildMs + MARGIN_MS;
  const bound: LivenessBound = { lastRepairMs, boundMs, parts: { replicaWaitMs, haMs, rebuildMs, marginMs: MARGIN_MS } };
  const why = notApplicable(scenario, events);
  return why === undefined ? bound : { ...bound, notApplicable: why };
}

function rebuildOfLargestHostMs(scenario: Scenario): number {
  const p = scenario.parameters;
  if (p.storage.kind === 'none' || p.storage.kind === 'local') return 0;
  const volumeBytes = scenario.vms.reduce((sum, v) => sum + v.diskGiB * GiB, 0) * Math.max(2, p.storage.replicas);
  const hostBytes = Math.max(0, ...scenario.hosts.map((h) => h.disks.count * h.disks.sizeTiB * 1024 * GiB));
  const nicBytesPerSec = Math.min(...scenario.hosts.map((h) => ((h.storageNicGbps ?? h.nicGbps) * 1e9) / 8));
  const cap = p.policies.storage.rebuildStreamMiBps;
  const rate = cap > 0 ? Math.min(nicBytesPerSec, cap * 2 ** 20) : nicBytesPerSec;
  return Math.ceil((1000 * Math.min(volumeBytes, hostBytes)) / rate);
}

function notApplicable(scenario: Scenario, events: readonly SimEvent[]): string | undefined {
  if (scenario.failures !== undefined) return 'random failures never stop';
  for (const s of scenario.schedule) {
    if (s.do === 'failHost' && s.repairAfterMs === undefined) return `${s.host} fails and is never repaired`;
    if (s.do === 'failDisk' && s.replaceAfterMs === undefined) return `a disk of ${s.host} fails and is never replaced`;
  }
  if (events.some((e) => e.type === 'storage.unplaced')) return 'a volume could not be placed in full';
  return storageTooFull(scenario);
}

/**
 * Rebuilding a host's data needs room on the others: the copies of every volume must fit, within
 * what the kind lets it fill, on the disks of all hosts but the largest.
 */
function storageTooFull(scenario: Scenario): string | undefined {
  const p = scenario.parameters;
  if (p.storage.kind === 'none' || p.storage.kind === 'local') return undefined;
  const copies = p.storage.kind === 'vsan' ? Math.max(2, p.storage.replicas) : p.storage.replicas;
  const dataGiB = scenario.vms.reduce((sum, v) => sum + v.diskGiB, 0) * copies;
  const hostGiB = scenario.hosts.map((h) => h.disks.count * h.disks.sizeTiB * 1024).sort((a, b) => b - a);
  const longhorn = p.policies.storage.longhorn;
  // Ceph refuses backfill above backfillfull; Longhorn schedules nothing into its reserved share or
  // below storage-minimal-available; vSAN is given 10 % slack.
  const ratio = p.storage.kind === 'ceph' ? p.policies.storage.ceph.backfillFullRatio
    : p.storage.kind === 'longhorn' ? 1 - (longhorn.storageReservedPercent + longhorn.storageMinimalAvailablePercent) / 100
    : 0.9;
  const roomGiB = hostGiB.slice(1).reduce((sum, g) => sum + g, 0) * ratio;
  if (dataGiB > roomGiB) return `${dataGiB} GiB of copies do not fit in ${Math.round(roomGiB)} GiB of the hosts but the largest`;
  return p.storage.kind === 'ceph' ? rackTooFull(scenario, dataGiB / copies, ratio) : undefined;
}

/**
 * CRUSH with racks as failure domains puts one copy of every PG in each rack, so each rack must hold
 * a whole copy of the data under backfillfull. With a few OSDs per rack the PGs spread unevenly, so
 * one OSD passes the ratio well before the rack's average does (backfill_toofull, which Ceph then
 * leaves to the operator); 20 % of margin stands for that unevenness [assumption].
 */
function rackTooFull(scenario: Scenario, oneCopyGiB: number, ratio: number): string | undefined {
  if (scenario.hosts.some((h) => h.rack === undefined)) return undefined;
  const rackGiB = new Map<string, number>();
  for (const h of scenario.hosts) rackGiB.set(h.rack!, (rackGiB.get(h.rack!) ?? 0) + h.disks.count * h.disks.sizeTiB * 1024);
  for (const [rack, gib] of [...rackGiB].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (oneCopyGiB > gib * ratio * 0.8) return `rack ${rack} must hold a whole copy (${oneCopyGiB} GiB) in ${Math.round(gib)} GiB: its OSDs pass backfillfull`;
  }
  return undefined;
}

/** The VMs that do not serve and the volumes that are not healthy at `atMs`, from the trace. */
export function stateAt(events: readonly SimEvent[], atMs: number) {
  const out = new Set<string>();
  const unplaced = new Set<string>();
  const health = new Map<string, string>();
  const hostsOut = new Set<string>();
  for (const e of events) {
    if (e.t > atMs) break;
    switch (e.type) {
      case 'vm.unplaced': unplaced.add(e.vm); break;
      case 'vm.down': out.add(e.vm); break;
      case 'vm.up': out.delete(e.vm); break;
      case 'volume.health': for (const v of e.volumes) health.set(v, e.health); break;
      case 'host.fail': case 'host.maintenance.enter': hostsOut.add(e.host); break;
      case 'host.repair': case 'host.maintenance.end': hostsOut.delete(e.host); break;
      default:
    }
  }
  return { out, unplaced, health, hostsOut };
}

export function checkLiveness(scenario: Scenario, events: readonly SimEvent[]): Finding | undefined {
  const bound = livenessBound(scenario, events);
  if (bound.notApplicable !== undefined) return undefined;
  const end = events.at(-1);
  if (end === undefined || end.type !== 'run.end') return undefined;
  if (end.t < bound.boundMs && end.stopReason !== 'empty') return undefined;
  const at = stateAt(events, bound.boundMs);
  if (at.hostsOut.size > 0) return undefined;
  const lost = new Set([...at.health].filter(([, h]) => h === 'lost').map(([v]) => v));
  const vmsOut = [...at.out].filter((v) => !lost.has(v) && !at.unplaced.has(v)).sort();
  const degraded = [...at.health].filter(([, h]) => h !== 'healthy' && h !== 'lost').map(([v, h]) => `${v} ${h}`).sort();
  if (vmsOut.length === 0 && degraded.length === 0) return undefined;
  const when = `${bound.boundMs / 1000}s (last repair at ${bound.lastRepairMs / 1000}s + replica wait ${bound.parts.replicaWaitMs / 1000}s + HA ${bound.parts.haMs / 1000}s + rebuild ${bound.parts.rebuildMs / 1000}s + margin ${bound.parts.marginMs / 1000}s)`;
  const what = [vmsOut.length > 0 ? `${vmsOut.length} VMs still out (${vmsOut.slice(0, 5).join(', ')})` : '', degraded.length > 0 ? `${degraded.length} volumes not fully redundant (${degraded.slice(0, 5).join(', ')})` : '']
    .filter((s) => s !== '')
    .join(' and ');
  return { message: `${what} at ${when}`, state: { vmsOut, volumes: degraded, bound } };
}
