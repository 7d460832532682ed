// CRUSH, reduced to what a replicated pool with host (or rack) failure domain needs: a pool's
// pg_num, the OSD tree, and the choice of OSDs for a placement group. Placement is a pure function
// of (PG, OSD tree, which OSDs are up and in): no state, no shared random stream, so one PG's mapping
// never depends on another's and an OSD going out moves only the copies that were on it.
//
// The tree is CRUSH's: root -> [racks] -> hosts -> OSDs, every bucket straw2 (ceph/ceph
// src/crush/mapper.c, bucket_straw2_choose: each item draws u = crush_hash32_3(x, item, r) & 0xffff
// and a straw ln((u + 1) / 2^16) / weight, the highest straw wins, so P(item) = weight / sum). A
// choice descends from the root with one r; crush_choose_firstn rejects it if it lands in a failure
// domain already used or on an OSD that is out, and retries with r + 1, up to choose_total_tries = 50.
// We keep one sequence r = 0, 1, 2, ... per PG and take, for each copy wanted, the next r that is
// accepted: CRUSH starts replica k at r = k and skips collisions, which picks the same OSDs unless
// an earlier replica needed retries. The sequence is fixed per PG, so an OSD going out moves only its
// copy, to the first accepted draw after it (straw2's stability).
//
// When 50 draws find nothing (tiny clusters whose last free domain is light, or no free domain at
// all), CRUSH would give up and run the PG undersized; we continue exhaustively through every OSD,
// ranked by one flat straw, so a 3-6 host test cluster still finds a domain that exists. That tail
// is part of the PG's fixed sequence, so stability holds there too.
//
// Large clusters are laid out in rows and racks; a flat root of 2,000 hosts would make every draw
// hash every host. When a bucket would hold more than 32 hosts (or racks) we put them, in id order,
// into virtual buckets of about 16, and those into buckets of 16 again while there are more than 32
// (the weight of a bucket is the sum of its items, so the chance of each host is unchanged): a draw
// costs O(16 log16(hosts) + OSDs per host), not O(OSDs). These buckets are not failure domains; they
// change which draws a PG gets, not how often a host is chosen nor which copies move.
import type { PolicyContext } from './policy.ts';
import { crushHash2, crushHash3 } from './ceph-hash.ts';

const TiB = 2 ** 40;

/** An OSD: one per data disk (ceph-volume's default deployment). */
export interface Osd {
  /** Position in host id order, then disk index (stable for a run). */
  id: number;
  host: string;
  /** The host's position in the cluster's host id order (PolicyContext.hosts). */
  hostIndex: number;
  disk: number;
  /** Failure domain: the host, or its rack when racks are given. */
  domain: string;
  /** CRUSH weight: capacity in TiB, as ceph-volume sets it. */
  weight: number;
}

/** A CRUSH bucket: straw2 over its items, each with its summed weight. */
interface Bucket {
  /** Negative, as CRUSH numbers buckets; it is the item id the parent's straws hash. */
  id: number;
  weight: number;
  items: (Bucket | Osd)[];
  /** The items' ids and weights, unboxed: straw2 reads them for every draw (the placement hot loop). */
  itemIds: Int32Array;
  itemWeights: Float64Array;
  /** Set when the bucket is a failure domain (a host, or a rack when racks are given). */
  domain?: string;
}

export interface CrushMap {
  root: Bucket;
  osds: readonly Osd[];
}

/**
 * pg_num as Ceph's PG calculator computes it for one pool holding all the data
 * (docs.ceph.com/en/squid/rados/operations/pgcalc, "Logic behind Suggested PG Count"):
 * target PGs per OSD x OSDs / size, at least OSDs / size, rounded to the nearest power of two,
 * and to the next higher one when the nearest is more than 25 % below the value.
 */
export function pgNum(osds: number, size: number, pgsPerOsd: number): number {
  const value = Math.max((pgsPerOsd * osds) / size, osds / size, 1);
  let low = 1;
  while (low * 2 <= value) low *= 2;
  const high = low * 2;
  const nearest = value - low <= high - value ? low : high;
  return nearest < value * 0.75 ? nearest * 2 : nearest;
}

/** The cluster's OSDs, every disk of every host in id order (up or not: CRUSH maps the whole tree). */
export function osdsOf(ctx: PolicyContext): Osd[] {
  const osds: Osd[] = [];
  ctx.hosts.forEach((host, hostIndex) => {
    for (const disk of ctx.state.disks.get(host.id) ?? []) {
      osds.push({ id: osds.length, host: host.id, hostIndex, disk: disk.index, domain: host.rack ?? host.id, weight: disk.capacityBytes / TiB });
    }
  });
  return osds;
}

/**
 * Above this many hosts (or racks, or virtual buckets) in one bucket, they go into virtual buckets
 * of about 16, level upon level: 16-20 servers is a typical rack, 16 racks a row. A draw then hashes
 * about 16 items per level (64 at 2,000 hosts) instead of every host (2,000).
 */
const BUCKET_ITEMS_MAX = 32;
const BUCKET_ITEMS = 16;

/** The CRUSH tree of `osds` (in host order): hosts by their OSDs, racks when domains are racks. */
export function crushMap(osds: readonly Osd[]): CrushMap {
  let nextId = -1;
  const bucket = (items: (Bucket | Osd)[], domain?: string): Bucket => ({
    id: nextId--, weight: items.reduce((w, i) => w + i.weight, 0), items, domain,
    itemIds: Int32Array.from(items, (i) => i.id), itemWeights: Float64Array.from(items, (i) => i.weight),
  });
  const hosts = new Map<string, Osd[]>();
  for (const osd of osds) (hosts.get(osd.host) ?? hosts.set(osd.host, []).get(osd.host)!).push(osd);
  const racks = new Map<string, Bucket[]>();
  for (const [host, its] of hosts) {
    const domain = its[0].domain;
    const hostBucket = bucket(its, domain === host ? host : undefined);
    (racks.get(domain) ?? racks.set(domain, []).get(domain)!).push(hostBucket);
  }
  const racked = [...hosts].some(([host, its]) => its[0].domain !== host);
  const group = (items: Bucket[]): Bucket[] => {
    if (items.length <= BUCKET_ITEMS_MAX) return items;
    const count = Math.ceil(items.length / BUCKET_ITEMS);
    return group(Array.from({ length: count }, (_, b) => bucket(items.slice(Math.floor((b * items.length) / count), Math.floor(((b + 1) * items.length) / count)))));
  };
  const top = racked ? [...racks].map(([rack, hs]) => bucket(group(hs), rack)) : [...racks.values()].flat();
  return { root: bucket(group(top)), osds };
}

/** ln((u + 1) / 2^16) for every 16-bit draw: straw2's crush_ln, looked up instead of recomputed. */
const LN = Float64Array.from({ length: 0x10000 }, (_, u) => Math.log((u + 1) / 0x10000));

/** bucket_straw2_choose: the item with the highest straw for (x, r). */
function straw2(b: Bucket, x: number, r: number): Bucket | Osd | undefined {
  const ids = b.itemIds, weights = b.itemWeights;
  let best = -1, high = -Infinity;
  for (let i = 0; i < ids.length; i++) {
    if (weights[i] <= 0) continue;
    const s = LN[crushHash3(x, ids[i], r) & 0xffff] / weights[i];
    // Ties (16-bit draws can collide) go to the first item, as in mapper.c.
    if (s > high) {
      high = s;
      best = i;
    }
  }
  return best < 0 ? undefined : b.items[best];
}

const isOsd = (item: Bucket | Osd): item is Osd => !('items' in item);

/** One descent for draw r; undefined when it lands in a used failure domain or an empty bucket. */
function descend(map: CrushMap, x: number, r: number, used: ReadonlySet<string>): Osd | undefined {
  let item: Bucket | Osd | undefined = map.root;
  while (item && !isOsd(item)) {
    if (item.domain !== undefined && used.has(item.domain)) return undefined;
    item = straw2(item, x, r);
  }
  return item;
}

/** crush_choose_firstn's retry budget (choose_total_tries, 50 in every tunables profile since firefly). */
const CHOOSE_TOTAL_TRIES = 50;

/**
 * The PG's ranked choice: `count` OSDs in distinct failure domains, the first accepted in the PG's
 * sequence of draws, among those `eligible` accepts and outside `usedDomains`. Fewer when the domains
 * run out.
 */
export function crushChoose(pg: number, map: CrushMap, count: number, usedDomains: ReadonlySet<string>, eligible: (osd: Osd) => boolean): Osd[] {
  const x = crushHash2(pg, POOL_ID);
  const used = new Set(usedDomains);
  const chosen: Osd[] = [];
  const accept = (osd: Osd | undefined): boolean => {
    if (!osd || osd.weight <= 0 || used.has(osd.domain) || !eligible(osd)) return false;
    used.add(osd.domain);
    chosen.push(osd);
    return true;
  };
  for (let r = 0; r < CHOOSE_TOTAL_TRIES && chosen.length < count; r++) accept(descend(map, x, r, used));
  while (chosen.length < count && accept(bestFlat(map, x, used, eligible)));
  return chosen;
}

/** The exhaustive tail of the sequence: the best flat straw among acceptable OSDs (O(OSDs), rare). */
function bestFlat(map: CrushMap, x: number, used: ReadonlySet<string>, eligible: (osd: Osd) => boolean): Osd | undefined {
  let best: Osd | undefined, high = -Infinity;
  for (const osd of map.osds) {
    if (osd.weight <= 0 || used.has(osd.domain) || !eligible(osd)) continue;
    const s = LN[crushHash3(x, osd.id, CHOOSE_TOTAL_TRIES) & 0xffff] / osd.weight;
    if (s > high) { high = s; best = osd; }
  }
  return best;
}

/** The one replicated pool's id: it seeds each PG's placement input, as pool id does in Ceph. */
const POOL_ID = 1;
