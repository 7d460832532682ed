// Reading a scenario's text with source positions. The `yaml` package keeps each node's offsets
// and a LineCounter turns offsets into line and column, so a problem found later (by the schema
// or the reference checks, which only see plain data and a dotted path) can be pointed at the
// exact node in the file. JSON is YAML 1.2, so JSON files go through the same parser and get
// positions too, after a strict JSON check (strict-json.ts). The parse is strict: tags, complex
// keys, duplicate keys, alias bombs, control characters and nesting beyond any scenario's are
// problems with a line and column, and the library's warnings become problems too instead of
// reaching stderr through process.emitWarning (logLevel 'error' keeps them off it).
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Pair, type YAMLMap } from 'yaml';
import type { Problem } from './problem.ts';
import { JSON_DEPTH_MAX, strictJsonOffence } from './strict-json.ts';

export interface Position {
  line: number;
  column: number;
}

export interface ParsedText {
  /** The file as plain data; undefined when it has syntax problems. */
  data: unknown;
  problems: Problem[];
  /** Where the node at `path` is, or its nearest existing parent; `key` points at a map key. */
  locate(path: readonly PropertyKey[], target?: 'key' | 'value'): Position | undefined;
}

/** Alias expansions toJS allows before it calls the document an attack (yaml's default is 100). */
const ALIAS_COUNT_MAX = 1000;

export interface ParseOptions {
  /** Check the text as strict JSON first (a `.json` file). */
  json?: boolean;
}

export function parseText(text: string, options: ParseOptions = {}): ParsedText {
  const lineCounter = new LineCounter();
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const before = textProblem(text, options.json === true);
  if (before !== undefined) {
    countLines(text, lineCounter);
    return { data: undefined, problems: [{ path: '', message: before.message, ...at(before.offset) }], locate: () => undefined };
  }
  let doc: Document;
  try {
    // uniqueKeys compares each key with every earlier one (quadratic); strictNodes checks with a Set.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  } catch {
    // The parser recurses per nesting level; a stack overflow it does not catch itself is still deep nesting.
    return { data: undefined, problems: [{ path: '', message: `YAML: nested deeper than ${JSON_DEPTH_MAX} levels`, line: 1, column: 1 }], locate: () => undefined };
  }
  const locate = (path: readonly PropertyKey[], target: 'key' | 'value' = 'value') => {
    const offset = offsetOf(doc, path, target);
    return offset === undefined ? undefined : at(offset);
  };
  const found = onePerOffset([...doc.errors, ...doc.warnings]).map((e) => ({ path: '', message: `YAML syntax: ${syntaxMessage(e)}`, ...at(e.pos[0]) }));
  if (found.length === 0) found.push(...strictNodes(doc).map(({ offset, message }) => ({ path: '', message, ...at(offset) })));
  if (found.length > 0) return { data: undefined, problems: found, locate };
  try {
    return { data: doc.toJS({ maxAliasCount: ALIAS_COUNT_MAX }), problems: [], locate };
  } catch (error) {
    const bomb = /alias count/i.test(String(error));
    const offset = (bomb ? firstCollectionAlias(doc) : badAliasOffset(doc)) ?? 0;
    const message = bomb
      ? `YAML: aliases expand to more than ${ALIAS_COUNT_MAX} nodes (an alias bomb?)`
      : `YAML: ${firstLine(String(error))}`;
    return { data: undefined, problems: [{ path: '', message, ...at(offset) }], locate };
  }
}

/** What makes the text unreadable before any parse: bytes that are not text, or JSON that is not strict. */
function textProblem(text: string, json: boolean): { offset: number; message: string } | undefined {
  const bad = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]/.exec(text);
  if (bad) {
    const what = bad[0] === '\ufffd' ? 'bytes that are not UTF-8' : `control character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { offset: bad.index, message: `not a text file: ${what}` };
  }
  if (json) {
    const offence = strictJsonOffence(text);
    return offence && { offset: offence.offset, message: `JSON: ${offence.message}` };
  }
  return deepNesting(text);
}

/**
 * Nesting deeper than JSON_DEPTH_MAX, found in one pass before the parser sees it: yaml's parser
 * recurses per level and spends hundreds of milliseconds overflowing its stack on a few kilobytes
 * of `[[[[`. Flow brackets outside quotes and comments count a level each; in block style, each
 * deeper indentation and each `- ` that opens a compact sequence does. An over-count is harmless
 * (no scenario nests past six levels); it only has to be linear and never miss a deep file.
 */
function deepNesting(text: string): { offset: number; message: string } | undefined {
  const message = `YAML: nested deeper than ${JSON_DEPTH_MAX} levels`;
  const indents: number[] = [];
  let flow = 0;
  let i = 0;
  while (i < text.length) {
    // Start of a line: block depth from its indentation and leading dashes (outside flow collections).
    if (flow === 0) {
      let indent = 0;
      while (text[i + indent] === ' ') indent++;
      const c = text[i + indent];
      if (c !== '\n' && c !== '\r' && c !== '#' && c !== undefined) {
        while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let dashes = 0;
        for (let j = i + indent; text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t'); j += 2) dashes++;
        if (indents.length + dashes > JSON_DEPTH_MAX) return { offset: i + indent, message };
      }
    }
    // The rest of the line: flow brackets outside quoted scalars and comments.
    let quote = '';
    for (; i < text.length && text[i] !== '\n'; i++) {
      const c = text[i];
      if (quote !== '') {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = '';
      } else if ((c === '"' || c === "'") && (i === 0 || ' \t[{,:-'.includes(text[i - 1]))) quote = c;
      else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < text.length && text[i] !== '\n') i++;
        break;
      } else if (c === '[' || c === '{') {
        if (++flow + indents.length > JSON_DEPTH_MAX) return { offset: i, message };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    i++;
  }
  return undefined;
}

function countLines(text: string, lineCounter: LineCounter): void {
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
}

function syntaxMessage(e: { code?: string; message: string }): string {
  const ours = e.code === undefined ? undefined : OUR_WORDS[e.code];
  if (ours !== undefined) return ours;
  const first = firstLine(e.message);
  return /call stack/i.test(first) ? `nested deeper than ${JSON_DEPTH_MAX} levels` : first;
}

/** The yaml library's wording where it names its own API or says one mistake twice. */
const OUR_WORDS: Record<string, string> = {
  MULTIPLE_DOCS: "more than one YAML document ('---'): a scenario file holds one",
  BLOCK_AS_IMPLICIT_KEY: 'a key on an indented line inside a value: indent the keys of one mapping alike',
  MULTILINE_IMPLICIT_KEY: 'a key on an indented line inside a value: indent the keys of one mapping alike',
};

/** One syntax problem per place: a mis-indented key raises two errors at the same offset. */
function onePerOffset<T extends { pos: [number, number] }>(errors: readonly T[]): T[] {
  const seen = new Set<number>();
  return errors.filter((e) => !seen.has(e.pos[0]) && seen.add(e.pos[0]) !== undefined);
}

/**
 * What YAML allows and a scenario never needs: explicit tags (`!!binary`, `!foo`), keys that are
 * mappings or lists (`? [a, b]`), nesting deeper than any scenario. Each is a problem at its node.
 */
function strictNodes(doc: Document): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  visit(doc, {
    Node(_, node, path) {
      if (node.tag !== undefined && !isAlias(node)) found.push({ offset: startOf(node) ?? 0, message: `YAML tags are not allowed (${node.tag.replace('tag:yaml.org,2002:', '!!').slice(0, 40)})` });
      if (path.length > 2 * JSON_DEPTH_MAX) {
        found.push({ offset: startOf(node) ?? 0, message: `YAML: nested deeper than ${JSON_DEPTH_MAX} levels` });
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_, map) {
      const keys = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (keys.has(key)) found.push({ offset: startOf(pair.key) ?? 0, message: `YAML syntax: duplicate key '${key.slice(0, 60)}'` });
        keys.add(key);
      }
    },
    Pair(_, pair) {
      if (pair.key !== null && typeof pair.key === 'object' && !isScalar(pair.key)) {
        found.push({ offset: startOf(pair.key) ?? 0, message: 'complex keys (a mapping or a list as a key) are not allowed' });
        return visit.SKIP;
      }
      return undefined;
    },
  });
  return found;
}

/** The start offset of the deepest existing node along `path`. */
function offsetOf(doc: Document, path: readonly PropertyKey[], target: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  let best = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    if (isMap(node)) {
      const pair = pairsOf(node).get(String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      const keyStart = startOf(pair.key);
      const valueStart = startOf(pair.value);
      best = (last && target === 'key' ? keyStart : (valueStart ?? keyStart)) ?? best;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      best = startOf(item) ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best;
}

/** Each map's pairs by key, built once: locating 20,000 unknown keys stays linear. */
const pairsByMap = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsOf(map: YAMLMap): Map<string, Pair> {
  let pairs = pairsByMap.get(map);
  if (pairs === undefined) {
    pairs = new Map();
    for (const p of map.items) if (isScalar(p.key) && !pairs.has(String(p.key.value))) pairs.set(String(p.key.value), p as Pair);
    pairsByMap.set(map, pairs);
  }
  return pairs;
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

/** Where an alias bomb starts: the first alias of a mapping or a list (each expands to a copy of it). */
function firstCollectionAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const target = node.resolve(doc);
      if (!isMap(target) && !isSeq(target)) return undefined;
      offset = startOf(node);
      return visit.BREAK;
    },
  });
  return offset;
}

function badAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) !== undefined) return undefined;
      offset = startOf(node);
      return visit.BREAK;
    },
  });
  return offset;
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}
