// The parameter grid of a sweep, like the experiment files of OpenDC: each `--set path=v1,v2,...`
// is one axis, and the sweep runs every combination of one value per axis. Values are YAML
// scalars, read as a scenario file would read them, so `30m` stays a duration string, `2` is a
// number and `true` a boolean; the loader then checks them against the schema like file values.
import { parse } from 'yaml';
import type { Override } from '../scenario/load.ts';

export type Scalar = string | number | boolean | null;

export interface GridAxis {
  /** Dotted path into the scenario file, as the loader's overrides take it. */
  path: string;
  values: Scalar[];
}

/** Bound on the combinations of one sweep (STYLE: every loop the input drives has a bound). */
export const COMBINATIONS_MAX = 10_000;

const PATH_RE = /^[^.=,\s]+(\.[^.=,\s]+)*$/;

/** `path=v1,v2,...` as an axis, or why it is not one. Values cannot contain commas. */
export function parseSet(text: string): { axis: GridAxis } | { error: string } {
  const eq = text.indexOf('=');
  if (eq < 0) return { error: `expected path=value[,value...], e.g. storage.replicas=2,3, got '${text}'` };
  const path = text.slice(0, eq).trim();
  if (!PATH_RE.test(path)) return { error: `malformed path '${path}': expected dotted field names such as policies.storage.repairDelay` };
  if (path === 'seed') return { error: "cannot set seed: run i uses --seed + i (--seed defaults to the file's seed)" };
  const values: Scalar[] = [];
  const seen = new Set<string>();
  for (const raw of text.slice(eq + 1).split(',')) {
    const parsed = parseScalar(raw.trim());
    if ('error' in parsed) return { error: `${path}: ${parsed.error}` };
    const key = JSON.stringify(parsed.value);
    if (seen.has(key)) return { error: `${path}: value '${raw.trim()}' is given twice` };
    seen.add(key);
    values.push(parsed.value);
  }
  return { axis: { path, values } };
}

function parseScalar(text: string): { value: Scalar } | { error: string } {
  if (text === '') return { error: 'empty value (values are separated by commas)' };
  let value: unknown;
  try {
    value = parse(text, { schema: 'core' });
  } catch {
    return { error: `'${text}' is not a YAML scalar` };
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return { value: value as Scalar };
  return { error: `'${text}' is not a scalar: give one value per comma-separated item` };
}

/** Axes from several `--set`s; one path given twice is an error. */
export function parseSets(texts: readonly string[]): { axes: GridAxis[] } | { error: string } {
  const axes: GridAxis[] = [];
  for (const text of texts) {
    const parsed = parseSet(text);
    if ('error' in parsed) return parsed;
    if (axes.some((a) => a.path === parsed.axis.path)) return { error: `${parsed.axis.path} is set twice` };
    axes.push(parsed.axis);
  }
  return { axes };
}

/** Combinations the axes make: the product of their value counts (1 without axes). */
export function combinationCount(axes: readonly GridAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/**
 * Every combination, as the overrides to load it with, in nested-loop order: the first `--set`
 * is the outer loop, the last varies fastest. Combination 0 takes each axis's first value, so
 * the first value written is the baseline that sweep.json's top level reports.
 */
export function expandGrid(axes: readonly GridAxis[]): Override[][] {
  const count = combinationCount(axes);
  if (count > COMBINATIONS_MAX) throw new Error(`${count} combinations: at most ${COMBINATIONS_MAX}`);
  const combinations: Override[][] = [];
  for (let c = 0; c < count; c++) {
    const overrides: Override[] = [];
    let rest = c;
    for (let a = axes.length - 1; a >= 0; a--) {
      const { path, values } = axes[a];
      overrides.unshift({ path, value: values[rest % values.length] });
      rest = Math.floor(rest / values.length);
    }
    combinations.push(overrides);
  }
  return combinations;
}

/** `storage.replicas=2 policies.storage.repairDelay=30m`, or '' for no overrides. */
export function formatCombination(overrides: readonly Override[]): string {
  return overrides.map((o) => `${o.path}=${formatScalar(o.value)}`).join(' ');
}

export function formatScalar(value: unknown): string {
  return value === null ? 'null' : String(value);
}
