// Safety: copies of one replica set never share a host under hard anti-affinity (every kind but
// Longhorn with replica-soft-anti-affinity on), nor a rack when every host has one, the kind places
// by rack (Ceph CRUSH, vSAN fault domains; Longhorn's zone rule, DSF's and ZFS's rack preference
// are soft); for vSAN only when there
// are racks enough, for Ceph always (CRUSH leaves a PG undersized rather than share a rack).
// An absent copy on a host that is away does not hold its rack: Ceph and vSAN place the
// replacement by live copies. A vSAN durability component is not a copy of the object: it only
// borrows a spare fault domain for the writes an absent component misses (a component placed there
// later may share it), so placement rules do not apply to it.
import type { World } from '../ops/world.ts';
import type { Copy } from '../storage/types.ts';
import { setRecord } from './records.ts';
import { setsToCheck } from './sets-to-check.ts';
import type { ChangeScope, Finding, StateChecker } from './types.ts';

const RACKS_ARE_RULES: ReadonlySet<string> = new Set(['ceph', 'vsan']);

export const copyPlacement: StateChecker = {
  kind: 'state',
  name: 'copyPlacement',
  description: 'copies of one volume never share a host, or a fault domain where the kind places by fault domain',
  check(world: World, scope?: ChangeScope): Finding | undefined {
    const storage = world.storage;
    if (!storage) return undefined;
    const soft = storage.policy.kind === 'longhorn' && world.params.policies.storage.longhorn.replicaSoftAntiAffinity;
    if (soft) return undefined;
    const { cluster } = world;
    const racks = new Map<string, string>();
    for (const h of cluster.hostList) if (h.spec.rack !== undefined) racks.set(h.id, h.spec.rack);
    // Racks are a preference for Longhorn (zone anti-affinity), DSF and ZFS replication targets: with
    // no room in another rack a copy shares one. Only CRUSH and vSAN fault domains are rules.
    const checkRacks = racks.size === cluster.hostList.length && RACKS_ARE_RULES.has(storage.policy.kind);
    const rackCount = checkRacks ? new Set(racks.values()).size : 0;
    // CRUSH never maps two copies into one failure domain (a PG with too few racks runs undersized);
    // vSAN falls back to hosts when there are fewer racks than components.
    const ceph = storage.policy.kind === 'ceph';
    for (const set of setsToCheck(storage.state.sets, scope)) {
      if (twoOnOneHost(set.copies)) return { message: `${set.name} has two copies on one host: ${set.copies.map((c) => c.host).join(', ')}`, state: { set: setRecord(set) } };
      if (checkRacks && twoInOneRack(set.copies, racks, ceph ? Infinity : rackCount)) {
        const live = set.copies.filter((c) => c.state !== 'absent').map((c) => racks.get(c.host));
        return { message: `${set.name} has two copies in one rack: ${live.join(', ')}`, state: { set: setRecord(set) } };
      }
    }
    return undefined;
  },
};

/**
 * Two copies that are not absent in one rack, unless there are more such copies than `racks` allows
 * apart. Pairwise and allocation-free: a set has a handful of copies and this runs after every event.
 */
function twoInOneRack(copies: readonly Copy[], racks: ReadonlyMap<string, string>, rackCount: number): boolean {
  let live = 0;
  let shared = false;
  for (let i = 0; i < copies.length; i++) {
    if (copies[i].state === 'absent' || copies[i].durability) continue;
    live++;
    const rack = racks.get(copies[i].host);
    for (let j = i + 1; j < copies.length; j++) if (copies[j].state !== 'absent' && !copies[j].durability && racks.get(copies[j].host) === rack) shared = true;
  }
  return shared && live <= rackCount;
}

/** A set has a handful of copies: a pairwise check allocates nothing (this runs after every event). */
function twoOnOneHost(copies: readonly Copy[]): boolean {
  for (let i = 0; i < copies.length; i++) for (let j = i + 1; j < copies.length; j++) if (copies[i].host === copies[j].host) return true;
  return false;
}
