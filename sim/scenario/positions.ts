// Reading a scenario's text with source positions. The `yaml` package keeps each node's offsets
// and a LineCounter turns offsets into line and column, so a problem found later (by the schema
// or the reference checks, which only see plain data and a dotted path) can be pointed at the
// exact node in the file. JSON is YAML 1.2, so JSON files go through the same parser and get
// positions too.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Problem } from './problem.ts';

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

export function parseText(text: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const locate = (path: readonly PropertyKey[], target: 'key' | 'value' = 'value') => {
    const offset = offsetOf(doc, path, target);
    return offset === undefined ? undefined : at(offset);
  };
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ path: '', message: `YAML syntax: ${firstLine(e.message)}`, ...at(e.pos[0]) }));
    return { data: undefined, problems, locate };
  }
  try {
    return { data: doc.toJS({ maxAliasCount: 1000 }), problems: [], locate };
  } catch (error) {
    const offset = badAliasOffset(doc) ?? 0;
    return { data: undefined, problems: [{ path: '', message: `YAML: ${firstLine(String(error))}`, ...at(offset) }], locate };
  }
}

/** The start offset of the deepest existing node along `path`. */
function offsetOf(doc: Document, path: readonly PropertyKey[], target: 'key' | 'value'): number | undefined {
  let node: unknown = doc.contents;
  let best = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
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

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
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
