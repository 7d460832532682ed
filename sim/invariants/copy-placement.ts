// Safety: copies of one replica set never share a host under hard anti-affinity (every kind but
// Longhorn with replica-soft-anti-affinity on), nor a rack when every host has one, the kind places
// by rack (Ceph CRUSH, vSAN fault domains; Longhorn's zone rule is soft); for vSAN only when there
// are racks enough, for Ceph always (CRUSH leaves a PG undersized rather than share a rack).
// An absent copy on a host that is away does not hold its rack: Ceph and vSAN place the
// replacement by live copies.
import type { World } from '../ops/world.ts';
import type { Copy } from '../storage/types.ts';
import { setRecord } from './records.ts';
import type { Finding, StateChecker } from './types.ts';

export const copyPlacement: StateChecker = {
  kind: 'state',
  name: 'copyPlacement',
  description: 'copies of one volume never share a host, or a fault domain where the kind places by fault domain',
  check(world: World): Finding | undefined {
    const storage = world.storage;
    if (!storage) return undefined;
    const soft = storage.policy.kind === 'longhorn' && world.params.policies.storage.longhorn.replicaSoftAntiAffinity;
    if (soft) return undefined;
    const { cluster } = world;
    const racked = cluster.hostList.every((h) => h.spec.rack !== undefined);
    const rackCount = new Set(cluster.hostList.map((h) => h.spec.rack)).size;
    const checkRacks = racked && storage.policy.kind !== 'longhorn';
    for (const set of storage.state.sets) {
      if (twoOnOneHost(set.copies)) return { message: `${set.name} has two copies on one host: ${set.copies.map((c) => c.host).join(', ')}`, state: { set: setRecord(set) } };
      if (!checkRacks) continue;
      const racks = set.copies.filter((c) => c.state !== 'absent').map((c) => cluster.host(c.host).spec.rack);
      // CRUSH never maps two copies into one failure domain (a PG with too few racks runs undersized);
      // vSAN falls back to hosts when there are fewer racks than components.
      const strict = storage.policy.kind === 'ceph' || rackCount >= racks.length;
      if (new Set(racks).size !== racks.length && strict) return { message: `${set.name} has two copies in one rack: ${racks.join(', ')}`, state: { set: setRecord(set) } };
    }
    return undefined;
  },
};

/** A set has a handful of copies: a pairwise check allocates nothing (this runs after every event). */
function twoOnOneHost(copies: readonly Copy[]): boolean {
  for (let i = 0; i < copies.length; i++) for (let j = i + 1; j < copies.length; j++) if (copies[i].host === copies[j].host) return true;
  return false;
}
