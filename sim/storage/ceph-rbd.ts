// RBD striping: a Cinder volume is an RBD image cut into objects of rbd_default_order 22 (4 MiB),
// and each object lands in the placement group its name hashes to (hash mod pg_num). So a volume
// touches many PGs, a PG holds pieces of many volumes, and losing one PG loses a little of every
// volume in it: declustered placement loses data more often but less of it (platform-facts §8.1).
import type { LayoutVolume } from './policy.ts';
import { crushHash2 } from './ceph-crush.ts';

/** What the pool's PGs hold once every volume is striped over them. */
export interface PoolContents {
  /** Logical bytes per PG. */
  bytes: Float64Array;
  /** Write rate landing on each PG, bytes/s. */
  writeBytesPerSec: Float64Array;
  /** Volumes with data in each PG, in the order given (sorted ids in, sorted lists out). */
  volumes: string[][];
}

/**
 * Above this many objects per PG the hash touches every PG with overwhelming probability: a PG
 * misses all N objects with probability (1 - 1/pg_num)^N < e^-20 = 2e-9, so even 2^16 PGs miss one
 * with odds about 1e-4. The volume is then spread evenly; the multinomial scatter of its shares
 * (about 1/sqrt(20) = 22 % per PG for one volume) averages out over the many volumes of a PG.
 */
const ALL_PGS_OBJECTS_PER_PG = 20;

/** Stripes `volumes` (sorted by id) over `pgNum` PGs, a power of two. */
export function stripe(volumes: readonly LayoutVolume[], pgNum: number, objectBytes: number): PoolContents {
  const contents: PoolContents = {
    bytes: new Float64Array(pgNum),
    writeBytesPerSec: new Float64Array(pgNum),
    volumes: Array.from({ length: pgNum }, () => []),
  };
  const share = new Float64Array(pgNum);
  for (const v of volumes) {
    if (v.bytes <= 0) continue;
    const objects = Math.ceil(v.bytes / objectBytes);
    share.fill(0);
    if (objects >= ALL_PGS_OBJECTS_PER_PG * pgNum) share.fill(v.bytes / pgNum);
    else hashObjects(v, objects, objectBytes, pgNum, share);
    for (let pg = 0; pg < pgNum; pg++) {
      if (share[pg] === 0) continue;
      contents.bytes[pg] += share[pg];
      contents.writeBytesPerSec[pg] += (v.writeBytesPerSec * share[pg]) / v.bytes;
      contents.volumes[pg].push(v.id);
    }
  }
  return contents;
}

/**
 * Bytes of the volume in each PG, object by object. Ceph hashes the object name
 * (`rbd_data.<image id>.<object number>`, ceph_str_hash_rjenkins) and takes it mod pg_num
 * (ceph_stable_mod, a mask when pg_num is a power of two); we hash (image, object number) with the
 * same Jenkins mix, which spreads objects the same way without building millions of strings.
 */
function hashObjects(v: LayoutVolume, objects: number, objectBytes: number, pgNum: number, share: Float64Array): void {
  const image = imageId(v.id);
  const mask = pgNum - 1;
  for (let k = 0; k < objects; k++) {
    const size = k < objects - 1 ? objectBytes : v.bytes - (objects - 1) * objectBytes;
    share[crushHash2(image, k) & mask] += size;
  }
}

/** A 32-bit image id from the volume id (FNV-1a): RBD gives each image a random id; ours is stable. */
function imageId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
