// CRUSH, reduced to what a replicated pool with host (or rack) failure domain needs: a pool's
// pg_num, the OSD list, and the straw2 choice of OSDs for a placement group. Placement is a pure
// function of (PG, OSD map): no state, no shared random stream, so one PG's mapping never depends
// on another's and an OSD going out moves only the copies that were on it.
//
// straw2 (ceph/ceph src/crush/mapper.c, bucket_straw2_choose): every item draws
// u = crush_hash32_3(x, item, r) & 0xffff and a straw ln((u + 1) / 2^16) / weight; the highest
// straw wins. That is an exponential race with rates = weights, so P(item wins) = weight / sum, and
// the memoryless race makes a flat draw over OSDs (skipping used failure domains) distribute like
// CRUSH's two-level chooseleaf (host by summed weight, then OSD in host). We draw one straw per
// (PG, OSD) instead of one per replica rank r: the next replica is the next-best straw in an unused
// domain, where CRUSH would redraw with r + 1 on a collision. Both keep straw2's stability.
import type { PolicyContext } from './policy.ts';

const TiB = 2 ** 40;

/** An OSD: one per data disk (ceph-volume's default deployment). */
export interface Osd {
  /** Position in host id order, then disk index (stable for a run). */
  id: number;
  host: string;
  disk: number;
  /** Failure domain: the host, or its rack when racks are given. */
  domain: string;
  /** CRUSH weight: capacity in TiB, as ceph-volume sets it. */
  weight: number;
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
  for (const host of ctx.hosts) {
    for (const disk of ctx.state.disks.get(host.id) ?? []) {
      osds.push({ id: osds.length, host: host.id, disk: disk.index, domain: host.rack ?? host.id, weight: disk.capacityBytes / TiB });
    }
  }
  return osds;
}

/**
 * The PG's ranked choice: `count` OSDs in distinct failure domains, best straw first, among those
 * `eligible` accepts and outside `usedDomains`. Fewer when the domains run out.
 */
export function crushChoose(pg: number, osds: readonly Osd[], count: number, usedDomains: ReadonlySet<string>, eligible: (osd: Osd) => boolean): Osd[] {
  const x = crushHash2(pg, POOL_ID);
  const ranked: { osd: Osd; straw: number }[] = [];
  for (const osd of osds) if (osd.weight > 0 && eligible(osd)) ranked.push({ osd, straw: straw(x, osd) });
  // Ties (16-bit draws can collide) go to the lower OSD id, as the first item wins in mapper.c.
  ranked.sort((a, b) => b.straw - a.straw || a.osd.id - b.osd.id);
  const used = new Set(usedDomains);
  const chosen: Osd[] = [];
  for (const { osd } of ranked) {
    if (chosen.length >= count) break;
    if (used.has(osd.domain)) continue;
    used.add(osd.domain);
    chosen.push(osd);
  }
  return chosen;
}

/** The one replicated pool's id: it seeds each PG's placement input, as pool id does in Ceph. */
const POOL_ID = 1;

function straw(x: number, osd: Osd): number {
  const u = crushHash3(x, osd.id, 0) & 0xffff;
  return Math.log((u + 1) / 0x10000) / osd.weight;
}

const SEED = 1315423911;
const X = 231232;
const Y = 1232;

/**
 * Robert Jenkins' 32-bit mix, crush_hashmix(a, b, c) in ceph/ceph src/crush/hash.c: a macro that
 * rewrites all three of its arguments, here the slots i, j, k of `v`
 * (an Int32Array, so every store wraps to 32 bits as the C code's __u32 does).
 */
function mix(i: number, j: number, k: number): void {
  let a = v[i], b = v[j], c = v[k];
  a = (a - b - c) ^ (c >>> 13);
  b = (b - c - a) ^ (a << 8);
  c = (c - a - b) ^ (b >>> 13);
  a = (a - b - c) ^ (c >>> 12);
  b = (b - c - a) ^ (a << 16);
  c = (c - a - b) ^ (b >>> 5);
  a = (a - b - c) ^ (c >>> 3);
  b = (b - c - a) ^ (a << 10);
  c = (c - a - b) ^ (b >>> 15);
  v[i] = a;
  v[j] = b;
  v[k] = c;
}

/** The hash's working variables, overwritten by every call (no state survives one: it is scratch). */
const v = new Int32Array(6);

/** crush_hash32_rjenkins1_2 (ceph/ceph src/crush/hash.c). */
export function crushHash2(a: number, b: number): number {
  v[0] = a;
  v[1] = b;
  v[2] = X;
  v[3] = Y;
  v[4] = SEED ^ a ^ b;
  mix(0, 1, 4);
  mix(2, 0, 4);
  mix(1, 3, 4);
  return v[4] >>> 0;
}

/** crush_hash32_rjenkins1_3 (ceph/ceph src/crush/hash.c). */
export function crushHash3(a: number, b: number, c: number): number {
  v[0] = a;
  v[1] = b;
  v[2] = c;
  v[3] = X;
  v[4] = Y;
  v[5] = SEED ^ a ^ b ^ c;
  mix(0, 1, 5);
  mix(2, 3, 5);
  mix(4, 0, 5);
  mix(1, 3, 5);
  mix(4, 2, 5);
  return v[5] >>> 0;
}
