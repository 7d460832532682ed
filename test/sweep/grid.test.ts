import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinationCount, expandGrid, formatCombination, parseSet, parseSets, type GridAxis } from '../../sim/sweep/grid.ts';

function axis(text: string): GridAxis {
  const parsed = parseSet(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.axis;
}

function error(text: string): string {
  const parsed = parseSet(text);
  if (!('error' in parsed)) throw new Error(`expected ${text} to be refused`);
  return parsed.error;
}

describe('parseSet', () => {
  it('reads values as YAML scalars: numbers stay numbers, durations stay strings', () => {
    expect(axis('storage.replicas=2,3')).toEqual({ path: 'storage.replicas', values: [2, 3] });
    expect(axis('policies.storage.repairDelay=30m, 60m')).toEqual({ path: 'policies.storage.repairDelay', values: ['30m', '60m'] });
    expect(axis('policies.ha.enabled=true,false').values).toEqual([true, false]);
    expect(axis('overhead.perVmMemoryMiB=null,150').values).toEqual([null, 150]);
    expect(axis('name="2"').values).toEqual(['2']);
  });

  it('takes list indices as path segments', () => {
    expect(axis('hosts.0.count=3,4').path).toBe('hosts.0.count');
  });

  it('refuses a missing =, an empty value, a repeated value, a list value and the seed', () => {
    expect(error('storage.replicas')).toMatch(/expected path=value/);
    expect(error('storage.replicas=2,')).toMatch(/empty value/);
    expect(error('storage.replicas=2,2.0')).toMatch(/given twice/);
    expect(error('storage.replicas=[2')).toMatch(/not a YAML scalar/);
    expect(error('storage={a: 1}')).toMatch(/not a/);
    expect(error('seed=1,2')).toMatch(/--seed/);
    expect(error('storage..replicas=2')).toMatch(/malformed path/);
  });

  it('refuses one path given in two --set flags', () => {
    expect(parseSets(['storage.replicas=2', 'storage.replicas=3'])).toEqual({ error: 'storage.replicas is set twice' });
  });
});

describe('expandGrid', () => {
  it('runs every combination with the first --set as the outer loop', () => {
    const axes = [axis('storage.replicas=2,3'), axis('policies.storage.repairDelay=30m,60m')];
    expect(expandGrid(axes).map(formatCombination)).toEqual([
      'storage.replicas=2 policies.storage.repairDelay=30m',
      'storage.replicas=2 policies.storage.repairDelay=60m',
      'storage.replicas=3 policies.storage.repairDelay=30m',
      'storage.replicas=3 policies.storage.repairDelay=60m',
    ]);
  });

  it('has one empty combination without a grid', () => {
    expect(expandGrid([])).toEqual([[]]);
    expect(combinationCount([])).toBe(1);
  });

  it('gives the product of the value counts, all distinct, the first values first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }), (sizes) => {
        const axes = sizes.map((n, a) => ({ path: `p${a}`, values: Array.from({ length: n }, (_, i) => i) }));
        const combinations = expandGrid(axes);
        expect(combinations).toHaveLength(sizes.reduce((x, y) => x * y, 1));
        expect(new Set(combinations.map((c) => JSON.stringify(c))).size).toBe(combinations.length);
        expect(combinations[0].every((o) => o.value === 0)).toBe(true);
      }),
    );
  });
});
