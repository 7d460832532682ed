// Ceph's rjenkins1 hashes (ceph/ceph src/crush/hash.c), the one source of pseudo-randomness in CRUSH
// placement and RBD striping: pure functions of their inputs, so a placement never depends on a
// random stream or on the order things were placed in.
//
// crush_hashmix(a, b, c) is a macro that rewrites its three arguments; it is written out in full
// below, on local variables, because a CRUSH draw hashes every item of a bucket and this is the
// innermost loop of placement (a helper writing to shared slots took several times longer). Every
// `^` brings its operand back to 32 bits, as the C code's __u32 arithmetic wraps.

const SEED = 1315423911;
const X = 231232;
const Y = 1232;

/** crush_hash32_rjenkins1_2 (ceph/ceph src/crush/hash.c). */
export function crushHash2(a: number, b: number): number {
  a |= 0;
  b |= 0;
  let h = SEED ^ a ^ b, x = X, y = Y;
  a = ((a - b - h) | 0) ^ (h >>> 13);
  b = ((b - h - a) | 0) ^ (a << 8);
  h = ((h - a - b) | 0) ^ (b >>> 13);
  a = ((a - b - h) | 0) ^ (h >>> 12);
  b = ((b - h - a) | 0) ^ (a << 16);
  h = ((h - a - b) | 0) ^ (b >>> 5);
  a = ((a - b - h) | 0) ^ (h >>> 3);
  b = ((b - h - a) | 0) ^ (a << 10);
  h = ((h - a - b) | 0) ^ (b >>> 15);
  x = ((x - a - h) | 0) ^ (h >>> 13);
  a = ((a - h - x) | 0) ^ (x << 8);
  h = ((h - x - a) | 0) ^ (a >>> 13);
  x = ((x - a - h) | 0) ^ (h >>> 12);
  a = ((a - h - x) | 0) ^ (x << 16);
  h = ((h - x - a) | 0) ^ (a >>> 5);
  x = ((x - a - h) | 0) ^ (h >>> 3);
  a = ((a - h - x) | 0) ^ (x << 10);
  h = ((h - x - a) | 0) ^ (a >>> 15);
  b = ((b - y - h) | 0) ^ (h >>> 13);
  y = ((y - h - b) | 0) ^ (b << 8);
  h = ((h - b - y) | 0) ^ (y >>> 13);
  b = ((b - y - h) | 0) ^ (h >>> 12);
  y = ((y - h - b) | 0) ^ (b << 16);
  h = ((h - b - y) | 0) ^ (y >>> 5);
  b = ((b - y - h) | 0) ^ (h >>> 3);
  y = ((y - h - b) | 0) ^ (b << 10);
  h = ((h - b - y) | 0) ^ (y >>> 15);
  return h >>> 0;
}

/** crush_hash32_rjenkins1_3 (ceph/ceph src/crush/hash.c). */
export function crushHash3(a: number, b: number, c: number): number {
  a |= 0;
  b |= 0;
  c |= 0;
  let h = SEED ^ a ^ b ^ c, x = X, y = Y;
  a = ((a - b - h) | 0) ^ (h >>> 13);
  b = ((b - h - a) | 0) ^ (a << 8);
  h = ((h - a - b) | 0) ^ (b >>> 13);
  a = ((a - b - h) | 0) ^ (h >>> 12);
  b = ((b - h - a) | 0) ^ (a << 16);
  h = ((h - a - b) | 0) ^ (b >>> 5);
  a = ((a - b - h) | 0) ^ (h >>> 3);
  b = ((b - h - a) | 0) ^ (a << 10);
  h = ((h - a - b) | 0) ^ (b >>> 15);
  c = ((c - x - h) | 0) ^ (h >>> 13);
  x = ((x - h - c) | 0) ^ (c << 8);
  h = ((h - c - x) | 0) ^ (x >>> 13);
  c = ((c - x - h) | 0) ^ (h >>> 12);
  x = ((x - h - c) | 0) ^ (c << 16);
  h = ((h - c - x) | 0) ^ (x >>> 5);
  c = ((c - x - h) | 0) ^ (h >>> 3);
  x = ((x - h - c) | 0) ^ (c << 10);
  h = ((h - c - x) | 0) ^ (x >>> 15);
  y = ((y - a - h) | 0) ^ (h >>> 13);
  a = ((a - h - y) | 0) ^ (y << 8);
  h = ((h - y - a) | 0) ^ (a >>> 13);
  y = ((y - a - h) | 0) ^ (h >>> 12);
  a = ((a - h - y) | 0) ^ (y << 16);
  h = ((h - y - a) | 0) ^ (a >>> 5);
  y = ((y - a - h) | 0) ^ (h >>> 3);
  a = ((a - h - y) | 0) ^ (y << 10);
  h = ((h - y - a) | 0) ^ (a >>> 15);
  b = ((b - x - h) | 0) ^ (h >>> 13);
  x = ((x - h - b) | 0) ^ (b << 8);
  h = ((h - b - x) | 0) ^ (x >>> 13);
  b = ((b - x - h) | 0) ^ (h >>> 12);
  x = ((x - h - b) | 0) ^ (b << 16);
  h = ((h - b - x) | 0) ^ (x >>> 5);
  b = ((b - x - h) | 0) ^ (h >>> 3);
  x = ((x - h - b) | 0) ^ (b << 10);
  h = ((h - b - x) | 0) ^ (x >>> 15);
  y = ((y - c - h) | 0) ^ (h >>> 13);
  c = ((c - h - y) | 0) ^ (y << 8);
  h = ((h - y - c) | 0) ^ (c >>> 13);
  y = ((y - c - h) | 0) ^ (h >>> 12);
  c = ((c - h - y) | 0) ^ (y << 16);
  h = ((h - y - c) | 0) ^ (c >>> 5);
  y = ((y - c - h) | 0) ^ (h >>> 3);
  c = ((c - h - y) | 0) ^ (y << 10);
  h = ((h - y - c) | 0) ^ (c >>> 15);
  return h >>> 0;
}

/** A 32-bit id from a string (FNV-1a): RBD gives each image a random id; ours is stable. */
export function stringId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
