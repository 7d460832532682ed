// Turning zod's issues into findings a person can act on: plain messages ("required field is
// missing", "expected a number, got 'ten'"), one finding per unknown key with its own path (so the
// position is that key's line), and a "did you mean" for near-miss field names.
import type { z } from 'zod';
import { kindOf } from './fields.ts';
import type { Finding } from './problem.ts';
import { scenarioFileSchema, type ScenarioFile } from './schema.ts';

type ValidateResult = { ok: true; file: ScenarioFile } | { ok: false; findings: Finding[] };

const EXPECTED: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

export function validateFile(data: unknown): ValidateResult {
  if (data === undefined || data === null) {
    return { ok: false, findings: [{ path: [], message: 'the file is empty: a scenario needs at least name and platform' }] };
  }
  // Fields each rejected object allows, recorded while zod reports the unknown keys.
  const allowedKeys = new WeakMap<object, string[]>();
  const result = scenarioFileSchema.safeParse(data, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const shape = (iss.inst as { shape?: Record<string, unknown> } | undefined)?.shape;
        if (shape && typeof iss.input === 'object' && iss.input !== null) allowedKeys.set(iss.input, Object.keys(shape));
        return 'unknown field';
      }
      return messageFor(iss);
    },
  });
  if (result.success) return { ok: true, file: result.data };
  const findings = result.error.issues.flatMap((issue) => toFindings(issue, data, allowedKeys));
  return { ok: false, findings: onePerPath(findings) };
}

/** z.int()'s own bound, checked before the field's: said only when the field has no bound of its own. */
const SAFE_INTEGER_BOUND = 'must be a whole number between -9007199254740991 and 9007199254740991';

/**
 * One finding per field, whatever zod found wrong with it: a 23-digit count breaks both z.int()'s
 * safe-integer bound and the field's own, and is one problem. Keeps file order (first finding).
 */
function onePerPath(findings: readonly Finding[]): Finding[] {
  const chosen = new Map<string, Finding>();
  for (const f of findings) {
    const key = JSON.stringify(f.path);
    const prior = chosen.get(key);
    if (prior === undefined || (prior.message.startsWith(SAFE_INTEGER_BOUND) && !f.message.startsWith(SAFE_INTEGER_BOUND))) chosen.set(key, f);
  }
  return [...chosen.values()];
}

interface IssueView {
  code?: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  values?: unknown[];
  maximum?: unknown;
  minimum?: unknown;
}

/** Zod's default wording ("Too big: expected int to be <=9007199254740991") replaced by ours, for every code a file can raise. */
function messageFor(iss: IssueView): string | undefined {
  const absent = iss.input === undefined && (iss.code === 'invalid_type' || iss.code === 'invalid_value');
  if (absent) return 'required field is missing';
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${EXPECTED[iss.expected ?? ''] ?? iss.expected}, got ${kindOf(iss.input)}`;
    case 'invalid_value':
      return `expected one of ${(iss.values ?? []).map(String).join(', ')}, got ${kindOf(iss.input)}`;
    case 'too_small':
      if (iss.origin === 'string') return 'cannot be empty';
      if (iss.origin === 'array') return 'needs at least one item';
      if (Number(iss.minimum) === Number.MIN_SAFE_INTEGER) return SAFE_INTEGER_BOUND;
      return `must be at least ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'string') return `at most ${String(iss.maximum)} characters`;
      if (iss.origin === 'array') return `at most ${String(iss.maximum)} items`;
      if (Number(iss.maximum) === Number.MAX_SAFE_INTEGER) return SAFE_INTEGER_BOUND;
      return `must be at most ${String(iss.maximum)}`;
    default:
      return `invalid value: ${kindOf(iss.input)}`;
  }
}

/** A bound broken by a number or a duration says the value given: `must be at most 65536, got 1e+308`. */
function withValue(message: string, value: unknown): string {
  const shown = typeof value === 'number' ? String(value) : typeof value === 'string' && value.length <= 40 ? JSON.stringify(value) : undefined;
  return shown === undefined ? message : `${message}, got ${shown}`;
}

function toFindings(issue: z.core.$ZodIssue, data: unknown, allowedKeys: WeakMap<object, string[]>): Finding[] {
  const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
  if (issue.code === 'too_big' || issue.code === 'too_small' || /^must be (at most|at least|between) /.test(issue.message)) return [{ path, message: withValue(issue.message, valueAt(data, path)) }];
  if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
  const holder = valueAt(data, path);
  const allowed = typeof holder === 'object' && holder !== null ? (allowedKeys.get(holder) ?? []) : [];
  return issue.keys.map((key) => ({
    path: [...path, key],
    message: `unknown field '${key}'${suggestion(key, allowed)}`,
    target: 'key' as const,
  }));
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** ` (did you mean 'memoryGiB'?)` when one allowed key is close, else ` (allowed: a, b, c)`. */
function suggestion(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return '';
  let best = '';
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (bestDistance <= Math.max(1, Math.floor(best.length / 3))) return ` (did you mean '${best}'?)`;
  return ` (allowed: ${allowed.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}
