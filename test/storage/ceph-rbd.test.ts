import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripe } from '../../sim/storage/ceph-rbd.ts';
import type { Level } from '../../sim/storage/volume-sets.ts';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

describe('RBD striping as ranges', () => {
  it('tells exactly which volumes have a PG at each level, as counting over every PG of the volume would', () => {
    // Three classes: few objects per PG, many, and every PG (>= 20 objects per PG).
    const volumes = [
      ...Array.from({ length: 40 }, (_, i) => ({ id: `s-${i}`, vm: '', bytes: 0.5 * GiB, vmHost: '', writeBytesPerSec: 0 })),
      ...Array.from({ length: 25 }, (_, i) => ({ id: `m-${i}`, vm: '', bytes: 4 * GiB, vmHost: '', writeBytesPerSec: 0 })),
      ...Array.from({ length: 3 }, (_, i) => ({ id: `l-${i}`, vm: '', bytes: 20 * GiB, vmHost: '', writeBytesPerSec: 0 })),
    ];
    const { relation } = stripe(volumes, 256, 4 * MiB, 10);
    const members = Array.from({ length: 256 }, (_, pg) => relation.volumesOf(10 + pg));
    const moves = fc.array(fc.record({ pg: fc.nat(255), level: fc.constantFrom<(Level | -1)>(-1, 0, 1, 2) }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(moves, (changes) => {
        const { relation: r } = stripe(volumes, 256, 4 * MiB, 10);
        const levelOf = new Array<Level | -1>(256).fill(-1);
        for (const { pg, level } of changes) {
          const before = levelOf[pg];
          if (before === level) continue;
          const crossed: number[] = [];
          const has = (v: number, l: Level) => levelOf.some((x, p) => x === l && members[p].includes(v));
          const was = volumes.map((_, v) => [0, 1, 2].map((l) => has(v, l as Level)));
          if (before >= 0) r.add(10 + pg, before as Level, -1, crossed);
          if (level >= 0) r.add(10 + pg, level as Level, 1, crossed);
          levelOf[pg] = level;
          const changed = volumes.map((_, v) => v).filter((v) => [0, 1, 2].some((l) => has(v, l as Level) !== was[v][l]));
          expect([...new Set(crossed)].sort((a, b) => a - b)).toEqual(changed);
          for (let v = 0; v < volumes.length; v++) for (const l of [0, 1, 2] as Level[]) expect(r.has(v, l)).toBe(has(v, l));
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('gives each PG of a class a binomial share of its volumes and every volume of 20 objects per PG all PGs', () => {
    const volumes = Array.from({ length: 3 }, (_, i) => ({ id: `l-${i}`, vm: '', bytes: 20 * GiB, vmHost: '', writeBytesPerSec: MiB }));
    const pool = stripe(volumes, 256, 4 * MiB);
    for (let pg = 0; pg < 256; pg++) expect(pool.relation.volumesOf(pg)).toEqual([0, 1, 2]);
    expect(pool.writeBytesPerSec[5]).toBeCloseTo((3 * MiB) / 256, 6);
  });

  it('depends on the volume ids, not on the order they are given in', () => {
    const volumes = Array.from({ length: 50 }, (_, i) => ({ id: `v-${i}`, vm: '', bytes: GiB, vmHost: '', writeBytesPerSec: 0 }));
    const a = stripe(volumes, 512, 4 * MiB);
    const reversed = [...volumes].reverse();
    const b = stripe(reversed, 512, 4 * MiB);
    for (const pg of [0, 17, 511]) {
      expect(a.relation.volumesOf(pg).map((v) => volumes[v].id).sort()).toEqual(b.relation.volumesOf(pg).map((v) => reversed[v].id).sort());
      expect(a.bytes[pg]).toBeCloseTo(b.bytes[pg], 0);
    }
  });
});
