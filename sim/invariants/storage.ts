// Safety of the storage layer: copies of one set never share a host (and never a rack when the
// hosts have racks) under hard anti-affinity; current copies never exceed what the policy asks for;
// a disk never holds more than its capacity is not checked here (Longhorn may overprovision by
// design); rebuild slots never exceed their limits; the engine's placement index and host view agree
// with the copies and the cluster; a lost volume never comes back (from the trace).
import type { TraceEvent } from '../core/trace.ts';
import type { World } from '../ops/world.ts';
import type { Copy } from '../storage/types.ts';

export function checkStorage(world: World): string | undefined {
  const storage = world.storage;
  if (!storage) return undefined;
  const soft = storage.policy.kind === 'longhorn' && world.params.policies.storage.longhorn.replicaSoftAntiAffinity;
  const { cluster } = world;
  const racked = cluster.hostIds.every((h) => cluster.host(h).spec.rack !== undefined);
  const rackCount = new Set(cluster.hostIds.map((h) => cluster.host(h).spec.rack)).size;
  const checkRacks = racked && storage.policy.kind !== 'longhorn' && !soft;
  for (const set of storage.state.sets) {
    if (!soft && twoOnOneHost(set.copies)) return `${set.name} has two copies on one host: ${set.copies.map((c) => c.host).join(', ')}`;
    let current = 0;
    for (const c of set.copies) if (!c.witness && !c.durability && c.state === 'current') current++;
    if (current > set.wantedData) return `${set.name} has ${current} current copies, policy asks for ${set.wantedData}`;
    if (checkRacks) {
      // An absent copy on a host that is away does not hold its rack: Ceph and vSAN place the replacement by live copies.
      const racks = set.copies.filter((c) => c.state !== 'absent').map((c) => cluster.host(c.host).spec.rack);
      if (new Set(racks).size !== racks.length && rackCount >= racks.length) return `${set.name} has two copies in one rack: ${racks.join(', ')}`;
    }
  }
  for (const job of storage.jobs.running.values()) {
    for (const slot of job.slots) {
      const n = storage.jobs.holding(slot.key);
      if (n > slot.limit) return `rebuild slot ${slot.key} held ${n} times, limit ${slot.limit}`;
    }
  }
  // The engine's indexes kept for speed must say what a scan would.
  return storage.placement.verify() ?? storage.hostView.verify();
}

/** A set has a handful of copies: a pairwise check allocates nothing (this runs after every event). */
function twoOnOneHost(copies: readonly Copy[]): boolean {
  for (let i = 0; i < copies.length; i++) for (let j = i + 1; j < copies.length; j++) if (copies[i].host === copies[j].host) return true;
  return false;
}

/** From the trace: a volume that was lost never reports another health. */
export class LostStaysLost {
  private readonly lost = new Set<string>();

  observe(event: TraceEvent): string | undefined {
    if (event.type !== 'volume.health') return undefined;
    for (const v of event.volumes as string[]) {
      if (this.lost.has(v)) return `volume ${v} came back from lost to ${String(event.health)}`;
      if (event.health === 'lost') this.lost.add(v);
    }
    return undefined;
  }
}
