// RBD striping: a Cinder volume is an RBD image cut into objects of rbd_default_order 22 (4 MiB),
// and each object lands in the placement group its name hashes to (hash mod pg_num). So a volume
// touches many PGs, a PG holds pieces of many volumes, and losing one PG loses a little of every
// volume in it: declustered placement loses data more often but less of it (platform-facts §8.1).
//
// Listing that relation takes volumes x PGs entries (40,000 images of 25,600 objects over 524,288
// PGs: a billion), and walking it costs ~1,900 volumes per PG change. So we derive it instead, with
// the same law. An image of n objects has data in a given PG with probability
// q = 1 - (1 - 1/pg_num)^n, independently of the other images. Volumes of equal object count form a
// class (in practice one per VM group); each class has a fixed order of its volumes (by a hash of the
// volume id), and PG p holds the circular range [start, start + length) of that order, start uniform
// and length ~ Binomial(volumes, q), both drawn from a hash of (p, class). Then every volume is in PG
// p with probability exactly q, independently across PGs (their ranges are drawn independently),
// the number of volumes in a PG has its exact law, and a volume is in pg_num x q PGs on average,
// the expected number of distinct PGs n objects hash to. What differs from hashing each object:
// a volume's PG count varies binomially (it may exceed n, by about sqrt(n) for large n, and a
// volume of very few objects may land in no PG: odds e^-n), and neighbours in the order share PGs
// more often than two random volumes do (only the joint law of several volumes changes).
//
// With the relation as ranges, "which volumes have a degraded / inactive / lost PG" is a count per
// volume changed a range at a time (range-counts.ts), and a PG's bytes are a prefix-sum difference:
// memory and work grow with volumes + PGs, not their product.
import type { LayoutVolume } from './policy.ts';
import { crushHash2, crushHash3, stringId } from './ceph-hash.ts';
import { binomialQuantile } from './binomial.ts';
import { RangeCounts } from './range-counts.ts';
import type { Level, VolumeSets } from './volume-sets.ts';

/** What the pool's PGs hold once every volume is striped over them. */
export interface PoolContents {
  /** Logical bytes per PG. */
  bytes: Float64Array;
  /** Write rate landing on each PG, bytes/s. */
  writeBytesPerSec: Float64Array;
  /** Which volumes (by position in the list given) have data in which PG (set `firstSet` + pg). */
  relation: StripedVolumes;
}

/**
 * Above this many objects per PG the hash touches every PG with overwhelming probability: a PG
 * misses all N objects with probability (1 - 1/pg_num)^N < e^-20 = 2e-9, so even 2^16 PGs miss one
 * with odds about 1e-4. The volume is then spread evenly; the multinomial scatter of its shares
 * (about 1/sqrt(20) = 22 % per PG for one volume) averages out over the many volumes of a PG.
 */
const ALL_PGS_OBJECTS_PER_PG = 20;

/** Volumes of one object count and the PGs' ranges over them. */
interface VolumeClass {
  /** Volume numbers in the class's order. */
  members: Int32Array;
  /** Per PG: first position of its range, and how many volumes it holds. */
  start: Int32Array;
  length: Int32Array;
  /** Prefix sums over the order of each volume's bytes and writes per PG it is in. */
  bytesBefore: Float64Array;
  writesBefore: Float64Array;
  /** Per Level: per position, how many of the volume's PGs are at that level. */
  counts: RangeCounts[];
}

/** Stripes `volumes` over `pgNum` PGs, a power of two; PG n will be set `firstSet` + n. */
export function stripe(volumes: readonly LayoutVolume[], pgNum: number, objectBytes: number, firstSet = 0): PoolContents {
  const bytes = new Float64Array(pgNum), writeBytesPerSec = new Float64Array(pgNum);
  const byObjects = new Map<number, number[]>();
  volumes.forEach((v, i) => {
    if (v.bytes <= 0) return;
    const objects = Math.ceil(v.bytes / objectBytes);
    (byObjects.get(objects) ?? byObjects.set(objects, []).get(objects)!).push(i);
  });
  const classes = [...byObjects].sort(([a], [b]) => a - b).map(([objects, members]) => volumeClass(volumes, members, objects, pgNum));
  for (const c of classes) {
    for (let pg = 0; pg < pgNum; pg++) {
      bytes[pg] += rangeSum(c.bytesBefore, c.start[pg], c.length[pg]);
      writeBytesPerSec[pg] += rangeSum(c.writesBefore, c.start[pg], c.length[pg]);
    }
  }
  return { bytes, writeBytesPerSec, relation: new StripedVolumes(classes, volumes.length, pgNum, firstSet) };
}

function volumeClass(volumes: readonly LayoutVolume[], members: number[], objects: number, pgNum: number): VolumeClass {
  const n = members.length;
  const key = new Map(members.map((i) => [i, crushHash2(stringId(volumes[i].id), objects)]));
  members.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
  const start = new Int32Array(pgNum), length = new Int32Array(pgNum);
  const all = objects >= ALL_PGS_OBJECTS_PER_PG * pgNum;
  const quantile = binomialQuantile(n, all ? 1 : -Math.expm1(objects * Math.log1p(-1 / pgNum)));
  const coverage = new Int32Array(n + 1);
  for (let pg = 0; pg < pgNum; pg++) {
    const s = all ? 0 : Math.floor((crushHash3(pg, objects, 1) / 2 ** 32) * n);
    const len = quantile((crushHash3(pg, objects, 2) + 0.5) / 2 ** 32);
    start[pg] = s;
    length[pg] = len;
    // Difference array: +1 where the range starts, -1 past its end (twice when it wraps).
    coverage[s]++;
    if (s + len <= n) coverage[s + len]--;
    else {
      coverage[n]--;
      coverage[0]++;
      coverage[s + len - n]--;
    }
  }
  const bytesBefore = new Float64Array(n + 1), writesBefore = new Float64Array(n + 1);
  let pgs = 0;
  for (let p = 0; p < n; p++) {
    pgs += coverage[p];
    // Each volume's bytes are split evenly over the PGs it is in (a volume in none holds nothing).
    const v = volumes[members[p]], share = pgs > 0 ? 1 / pgs : 0;
    bytesBefore[p + 1] = bytesBefore[p] + v.bytes * share;
    writesBefore[p + 1] = writesBefore[p] + v.writeBytesPerSec * share;
  }
  return { members: Int32Array.from(members), start, length, bytesBefore, writesBefore, counts: [0, 1, 2].map(() => new RangeCounts(n)) };
}

/** Sum over the circular range [start, start + length) from its prefix sums. */
function rangeSum(before: Float64Array, start: number, length: number): number {
  const n = before.length - 1, end = start + length;
  return end <= n ? before[end] - before[start] : before[n] - before[start] + before[end - n];
}

/** The PG-volume relation as ranges (see the file's head). */
export class StripedVolumes implements VolumeSets {
  private readonly classOf: Int32Array;
  private readonly position: Int32Array;
  /** Scratch for range-count crossings (positions within one class). */
  private readonly positions: number[] = [];

  constructor(private readonly classes: readonly VolumeClass[], volumeCount: number, readonly pgNum: number, private readonly firstSet: number) {
    this.classOf = new Int32Array(volumeCount).fill(-1);
    this.position = new Int32Array(volumeCount);
    classes.forEach((c, ci) => c.members.forEach((v, p) => {
      this.classOf[v] = ci;
      this.position[v] = p;
    }));
  }

  volumesOf(set: number): number[] {
    const pg = set - this.firstSet, out: number[] = [];
    if (pg < 0 || pg >= this.pgNum) return out;
    for (const c of this.classes) {
      for (let k = 0; k < c.length[pg]; k++) out.push(c.members[(c.start[pg] + k) % c.members.length]);
    }
    return out.sort((a, b) => a - b);
  }

  add(set: number, level: Level, delta: 1 | -1, crossed: number[]): void {
    const pg = set - this.firstSet;
    if (pg < 0 || pg >= this.pgNum) return;
    for (const c of this.classes) {
      c.counts[level].addRange(c.start[pg], c.length[pg], delta, this.positions);
      for (const p of this.positions) crossed.push(c.members[p]);
      this.positions.length = 0;
    }
  }

  volumesIn(set: number): number {
    const pg = set - this.firstSet;
    if (pg < 0 || pg >= this.pgNum) return 0;
    let n = 0;
    for (const c of this.classes) n += c.length[pg];
    return n;
  }

  has(volume: number, level: Level): boolean {
    const c = this.classOf[volume];
    return c >= 0 && this.classes[c].counts[level].count(this.position[volume]) > 0;
  }
}
