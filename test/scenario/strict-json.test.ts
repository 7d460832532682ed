import { describe, expect, it } from 'vitest';
import { JSON_DEPTH_MAX, strictJsonOffence } from '../../sim/scenario/strict-json.ts';
import { loadScenarioText } from '../../sim/scenario/load.ts';

describe('strictJsonOffence', () => {
  it('accepts what JSON.parse accepts: escapes, exponents, nesting, a byte-order mark', () => {
    for (const text of ['{"a": [1, -0.5e-3, true, null, "x\\u00e9\\n\\"y"], "b": {}}', '[]', '\ufeff{"k": "v"}', ' 12 ', '"\\/"']) {
      expect(JSON.parse(text.replace(/^\ufeff/, ''))).toBeDefined();
      expect(strictJsonOffence(text), text).toBeUndefined();
    }
  });

  it.each([
    ['{"a": 1,}', 7, "trailing comma before '}'"],
    ['[1, 2,]', 5, "trailing comma before ']'"],
    ['{"a": 1 /* c */}', 8, 'comments are not allowed in JSON'],
    ["{'a': 1}", 1, "expected a double-quoted key, got '''"],
    ['{"a": 01}', 7, "unexpected '1': expected ',' or '}'"],
    ['{"a": NaN}', 6, "unexpected 'N': expected a value"],
    ['{"a": 1, "a": 2}', 9, 'duplicate key "a"'],
    ['{"a\\u0062": 1, "ab": 2}', 15, 'duplicate key "ab"'],
    ['{"a": "x\ty"}', 8, 'control character inside a string (escape it)'],
    ['{"a": 1} x', 9, 'unexpected text after the JSON value'],
    ['{"a": [1, 2}', 11, "unexpected '}': expected ',' or ']'"],
  ])('rejects %s at offset %i', (text, offset, message) => {
    expect(strictJsonOffence(text)).toEqual({ offset, message });
  });

  it(`refuses nesting deeper than ${JSON_DEPTH_MAX} levels without recursing`, () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(strictJsonOffence(deep)).toEqual({ offset: JSON_DEPTH_MAX, message: `nested deeper than ${JSON_DEPTH_MAX} levels` });
    const ok = '['.repeat(JSON_DEPTH_MAX) + ']'.repeat(JSON_DEPTH_MAX);
    expect(strictJsonOffence(ok)).toBeUndefined();
  });

  it('is applied to .json files only: the same text as .yaml is YAML flow style', () => {
    const text = '{"name": "t", "platform": "openstack", "hosts": [{"count": 3},]}';
    expect(loadScenarioText(text, 'x.json').ok).toBe(false);
    expect(loadScenarioText(text, 'x.yaml').ok).toBe(true);
  });
});

describe('the loader', () => {
  it('finds the problems of a file in time linear in its size (20,000 unknown keys: not quadratic)', () => {
    const text = (n: number) => 'name: t\nplatform: openstack\n' + Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n') + '\n';
    const time = (n: number, repeats: number) => {
      const t = text(n);
      let best = Infinity;
      for (let r = 0; r < repeats; r++) {
        const started = performance.now();
        const result = loadScenarioText(t, 'x.yaml');
        best = Math.min(best, performance.now() - started);
        expect(result.ok ? 0 : result.problems.length).toBe(n);
      }
      return best;
    };
    const small = time(2_000, 3);
    const large = time(16_000, 1);
    // Eight times the keys: linear work takes about 8x, quadratic 64x (yaml's uniqueKeys took 14 s at 20,000).
    expect(large / small).toBeLessThan(24);
  });
});

describe('strict YAML', () => {
  const HEAD = 'name: t\nplatform: openstack\n';
  const only = (text: string) => {
    const r = loadScenarioText(text, 'x.yaml');
    return r.ok ? [] : r.problems.map((p) => [p.line, p.column, p.message]);
  };

  it('refuses an alias bomb at its first alias of a list', () => {
    const levels = ['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]'];
    for (const [name, of] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) levels.push(`${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`);
    expect(only(`${HEAD}${levels.join('\n')}\n`)).toEqual([[4, 8, 'YAML: aliases expand to more than 1000 nodes (an alias bomb?)']]);
  });

  it('refuses nesting deeper than 64 levels, flow or block, at the level that goes too deep', () => {
    // The top mapping is level 1, so the 64th bracket (column 8 + 63) is level 65; in block style
    // k64 (line 67, indented 64) is.
    expect(only(`${HEAD}hosts: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)).toEqual([[3, 71, 'YAML: nested deeper than 64 levels']]);
    const block = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(only(`${HEAD}${block} 1\n`)).toEqual([[67, 65, 'YAML: nested deeper than 64 levels']]);
  });

  it('refuses a duplicate key at the second occurrence', () => {
    expect(only(`${HEAD}seed: 1\nseed: 2\n`)).toEqual([[4, 1, "YAML syntax: duplicate key 'seed'"]]);
  });
});
