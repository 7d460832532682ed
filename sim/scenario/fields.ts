// Field types shared by the scenario schema and the parameter overrides: durations, counts and
// bounded numbers, each with the message a person should read when the value is wrong. Defined
// once here so scenarios/schema.json and the loader's messages cannot drift apart.
import { z } from 'zod';
import { DURATION_HINT, DURATION_PATTERN, formatSeconds, parseDurationMs } from './duration.ts';

/** Longest duration any field accepts (36500d): a bound that keeps every value an exact integer of ms. */
export const DURATION_MAX_MS = 36_500 * 86_400_000;

/**
 * A number of seconds or a string such as `90s`, `20m`, `1.5h`, `14d`, `500ms`; at most `maxMs`.
 * `alternative` is a word the field also accepts in place of a duration (`never`): a malformed
 * value's message names it, so the person reading it learns both forms.
 */
export function duration(description: string, maxMs = DURATION_MAX_MS, alternative?: string) {
  const hint = alternative === undefined ? DURATION_HINT : DURATION_HINT.replace('use seconds', `use '${alternative}', seconds`);
  const union = z.union(
    [
      z
        .number()
        .nonnegative({ error: 'a duration cannot be negative' })
        .max(maxMs / 1000, { error: `must be at most ${formatSeconds(maxMs / 1000)}` }),
      z.string().regex(new RegExp(DURATION_PATTERN), {
        error: (iss) => `malformed duration '${String(iss.input)}': ${hint}`,
      }),
    ],
    { error: (iss) => `expected a duration, got ${kindOf(iss.input)}: ${hint}` },
  );
  const bounded = union.refine((value) => (parseDurationMs(value) ?? Infinity) <= maxMs, {
    error: `must be at most ${formatSeconds(maxMs / 1000)}`,
    // The options' format checks do not abort, so run only on a well-formed duration.
    when: (payload) => payload.issues.length === 0,
  });
  return bounded.describe(`${description} Seconds, or a string such as 90s, 20m, 1.5h, 14d (also 500ms).`);
}

/** An integer of at least `min`. */
export function integer(description: string, min: number, max?: number) {
  const base = z.int().min(min, { error: `must be at least ${min}` });
  return (max === undefined ? base : base.max(max, { error: `must be at most ${max}` })).describe(description);
}

/**
 * Longest span any field counted in seconds accepts: the same 36500 days as a duration, so a
 * time a model derives from it stays an exact, finite number of milliseconds.
 */
export const SECONDS_MAX = DURATION_MAX_MS / 1000;

/** A number greater than zero, at most `max` (every size and rate has a real-world ceiling). */
export function positive(description: string, max?: number) {
  const base = z.number().positive({ error: 'must be greater than 0' });
  return (max === undefined ? base : base.max(max, { error: `must be at most ${max}` })).describe(description);
}

/** A number of zero or more, at most `max`. */
export function nonNegative(description: string, max?: number) {
  const base = z.number().nonnegative({ error: 'cannot be negative' });
  return (max === undefined ? base : base.max(max, { error: `must be at most ${max}` })).describe(description);
}

/** A number in [min, max]. */
export function between(description: string, min: number, max: number) {
  return z
    .number()
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` })
    .describe(description);
}

/** A percentage in [0, 100] (or [0, 100) when `below100`, for shares that must leave something). */
export function percent(description: string, below100 = false) {
  const base = z.number().min(0, { error: 'a percentage cannot be negative' });
  const top = below100
    ? base.lt(100, { error: 'must be below 100' })
    : base.max(100, { error: 'must be at most 100' });
  return top.describe(description);
}

/** How a value reads in a message: `string`, `number`, `a list`, `nothing`. */
export function kindOf(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `'${value}'`;
  return `${typeof value} ${String(value)}`;
}
