// Inputs for fuzzing the loader: random text and bytes, random JSON and YAML values, deep
// nesting, huge numbers, alias bombs, and the shipped scenarios mutated (characters cut, tokens
// dropped in, lines repeated, numbers made huge, negative or fractional, types swapped).
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

export interface FuzzInput {
  name: string;
  text: string;
}

const SHIPPED = readdirSync('scenarios')
  .filter((n) => /\.ya?ml$/.test(n))
  .sort()
  .map((n) => ({ name: n, text: readFileSync(`scenarios/${n}`, 'utf8') }));

/** Shipped scenarios small enough to expand thousands of times in a few seconds. */
export const SHIPPED_SMALL = SHIPPED.filter((s) => !/scale-2000|replay-500/.test(s.name)).map((s) => ({ ...s, json: JSON.stringify(parse(s.text), null, 2) }));

const TOKENS = [
  '{', '}', '[', ']', ',', ':', '- ', '? ', '&a ', '*a', '!!binary ', '!foo ', '<<: ', '#', '"', "'", '\n', '\t', '\u0000', '\uFFFD',
  '1e999', '-1', '0.5', '12345678901234567890123', 'NaN', '.inf', '~', 'null', 'true', '[]', '{}', '---\n', '...\n', '%YAML 1.1\n',
  '@', '`', '|\n', '>\n', '\\', 'count: ', 'hosts: ', 'memoryGiB: 1e308', 'pgsPerOsd: 1e9', '\r\n', '\u2028',
];

const NUMBER = /-?\b[0-9]+(\.[0-9]+)?\b/g;

function mutate(text: string, edits: readonly { kind: number; at: number; len: number; token: number; value: number }[]): string {
  let t = text;
  for (const e of edits) {
    const at = Math.floor(e.at * (t.length + 1));
    switch (e.kind) {
      case 0: // cut
        t = t.slice(0, at) + t.slice(at + e.len);
        break;
      case 1: // insert a token
        t = t.slice(0, at) + TOKENS[e.token % TOKENS.length] + t.slice(at);
        break;
      case 2: { // repeat a line
        const lines = t.split('\n');
        const i = Math.floor(e.at * lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        t = lines.join('\n');
        break;
      }
      case 3: { // change one number
        const numbers = [...t.matchAll(NUMBER)];
        if (numbers.length === 0) break;
        const m = numbers[Math.floor(e.at * numbers.length)];
        const values = ['1e308', '-5', '0', '0.0001', '9007199254740993', '1000000000', '"ten"', '[1]', '{a: 1}', 'null'];
        t = t.slice(0, m.index) + values[e.value % values.length] + t.slice(m.index! + m[0].length);
        break;
      }
      default: // swap indentation
        t = t.slice(0, at) + ' '.repeat(e.len % 7) + t.slice(at);
    }
  }
  return t;
}

const edit = fc.record({
  kind: fc.integer({ min: 0, max: 4 }),
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  len: fc.integer({ min: 1, max: 40 }),
  token: fc.nat(),
  value: fc.nat(),
});

const mutated = fc
  .tuple(fc.constantFrom(...SHIPPED_SMALL), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([s, edits, asJson]): FuzzInput => {
    if (!asJson) return { name: s.name, text: mutate(s.text, edits) };
    // The same scenario as JSON, mutated as text.
    return { name: s.name.replace(/\.ya?ml$/, '.json'), text: mutate(s.json, edits) };
  });

const deep = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('[', '{a: ', '- ', '{"a": ')).map(([n, open]): FuzzInput => {
  const close = open === '[' ? ']' : open.startsWith('{') ? '}' : '';
  const text = open === '- ' ? Array.from({ length: Math.min(n, 400) }, (_, i) => ' '.repeat(2 * i) + '- x').join('\n') : open.repeat(n) + '1' + close.repeat(n);
  return { name: open.startsWith('{"') ? 'deep.json' : 'deep.yaml', text };
});

const bomb = fc.integer({ min: 2, max: 12 }).map((width): FuzzInput => {
  const levels = ['a: &a [1, 2, 3]'];
  for (let i = 1; i < 8; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(width).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  return { name: 'bomb.yaml', text: `name: t\nplatform: vsphere\n${levels.join('\n')}\n` };
});

const values = fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.boolean()).map(([v, asJson]): FuzzInput =>
  asJson ? { name: 'value.json', text: JSON.stringify(v) } : { name: 'value.yaml', text: stringify(v) },
);

/** A scenario's fields with values of any type: the schema must answer every one in a line. */
const wrongTypes = fc
  .record({
    name: fc.anything({ maxDepth: 2 }),
    platform: fc.oneof(fc.constantFrom('vsphere', 'harvester', 'openstack', 'baremetal'), fc.anything({ maxDepth: 1 })),
    hosts: fc.oneof(fc.array(fc.dictionary(fc.constantFrom('count', 'memoryGiB', 'cores', 'disks', 'group', 'nicGbps'), fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null))), { maxLength: 3 }), fc.anything({ maxDepth: 2 })),
    vms: fc.anything({ maxDepth: 3, size: 'small' }),
    policies: fc.anything({ maxDepth: 3, size: 'small' }),
    schedule: fc.anything({ maxDepth: 3, size: 'small' }),
  }, { requiredKeys: [] })
  .map((v): FuzzInput => ({ name: 'types.yaml', text: stringify(v) }));

const bytes = fc.uint8Array({ maxLength: 400 }).map((b): FuzzInput => ({ name: 'bytes.yaml', text: new TextDecoder().decode(b) }));
const randomText = fc.string({ unit: 'binary', maxLength: 300 }).map((t): FuzzInput => ({ name: 'text.yaml', text: t }));
const hugeNumbers = fc.tuple(fc.constantFrom('count', 'memoryGiB', 'seed', 'until', 'diskGiB'), fc.constantFrom('1e999', '-1e999', '12345678901234567890123', '0x7fffffffffffffff', '.nan', '1e-999', '9'.repeat(400)))
  .map(([field, n]): FuzzInput => ({ name: 'huge.yaml', text: `name: t\nplatform: openstack\nhosts: [ { ${field === 'seed' || field === 'until' ? 'count' : field}: ${n} } ]\n${field === 'seed' || field === 'until' ? `${field}: ${n}\n` : ''}vms: [ { ${field === 'diskGiB' ? 'diskGiB' : 'memoryGiB'}: ${n} } ]\n` }));

export const fuzzInput: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 6, arbitrary: mutated },
  { weight: 2, arbitrary: wrongTypes },
  { weight: 1, arbitrary: values },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: bomb },
  { weight: 1, arbitrary: bytes },
  { weight: 1, arbitrary: randomText },
  { weight: 1, arbitrary: hugeNumbers },
);

/** HCISIM_FUZZ_SEED picks another stream of inputs; HCISIM_FUZZ_MS gives the in-process fuzzer longer. */
export const FUZZ_SEED = Number(process.env.HCISIM_FUZZ_SEED ?? 20_261_202);
export const FUZZ_MS = Number(process.env.HCISIM_FUZZ_MS ?? 4000);
