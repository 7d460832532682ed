// One shard's share of a sweep (sweep-part-I-of-N.json) and the merge of all shares. A part holds
// the sweep's definition, its shard and its raw rows, not statistics: percentiles cannot be
// combined from per-part percentiles, but rows can be pooled and summarised exactly. Merging
// refuses parts of different sweeps and a set with a shard missing, given twice or incomplete.
import { z } from 'zod';
import type { RunRow, SweepDefinition, SweepRows } from './aggregate.ts';
import { expandGrid } from './grid.ts';
import { inShard, shardRuns, type Shard } from './shard.ts';

export interface SweepPart {
  schema: 'hcisim.sweep-part/v1';
  definition: SweepDefinition;
  shard: Shard;
  metricNames: string[];
  /** [combination, run, ...figures in metricNames order]. */
  rows: number[][];
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const partSchema = z.object({
  schema: z.literal('hcisim.sweep-part/v1'),
  definition: z.object({
    scenario: z.string(),
    scenarioHash: z.string(),
    seed: z.int(),
    runs: z.int().positive(),
    grid: z.array(z.object({ path: z.string(), values: z.array(scalar).min(1) })),
  }),
  shard: z.object({ index: z.int().positive(), count: z.int().positive() }),
  metricNames: z.array(z.string()),
  rows: z.array(z.array(z.number())),
});

export function makePart(definition: SweepDefinition, shard: Shard, data: SweepRows): SweepPart {
  const rows = [...data.rows]
    .sort((a, b) => a.combination - b.combination || a.run - b.run)
    .map((r) => [r.combination, r.run, ...r.values]);
  return { schema: 'hcisim.sweep-part/v1', definition, shard, metricNames: data.metricNames, rows };
}

export type MergeResult = { ok: true; definition: SweepDefinition; data: SweepRows } | { ok: false; errors: string[] };

/** Parts as parsed JSON with their file names (for messages), in any order. */
export function mergeParts(inputs: readonly { name: string; json: unknown }[]): MergeResult {
  const parts: { name: string; part: SweepPart }[] = [];
  for (const { name, json } of inputs) {
    const parsed = partSchema.safeParse(json);
    if (!parsed.success) return fail(`${name}: not a sweep part (${issueText(parsed.error.issues[0])})`);
    parts.push({ name, part: parsed.data as SweepPart });
  }
  if (parts.length === 0) return fail('no parts given');
  const first = parts[0];
  for (const p of parts.slice(1)) {
    const difference = definitionDifference(first.part, p.part);
    if (difference) return fail(`${p.name} and ${first.name} are parts of different sweeps: ${difference}`);
  }
  const errors = [...shardSetErrors(parts), ...parts.flatMap((p) => rowErrors(p.name, p.part))];
  if (errors.length > 0) return { ok: false, errors };
  const named = parts.find((p) => p.part.rows.length > 0) ?? first;
  const rows: RunRow[] = parts.flatMap((p) => p.part.rows.map((r) => ({ combination: r[0], run: r[1], values: r.slice(2) })));
  return { ok: true, definition: first.part.definition, data: { metricNames: named.part.metricNames, rows } };
}

function fail(error: string): MergeResult {
  return { ok: false, errors: [error] };
}

function issueText(issue: z.core.$ZodIssue | undefined): string {
  return issue === undefined ? 'unreadable' : `${issue.path.join('.') || 'top level'}: ${issue.message}`;
}

/** What differs between two parts' sweeps, or undefined when they belong to one sweep. */
function definitionDifference(a: SweepPart, b: SweepPart): string | undefined {
  const fields = ['scenario', 'scenarioHash', 'seed', 'runs', 'grid'] as const;
  for (const field of fields) {
    const [x, y] = [JSON.stringify(a.definition[field]), JSON.stringify(b.definition[field])];
    if (x !== y) return `${field} ${y} vs ${x}`;
  }
  if (a.shard.count !== b.shard.count) return `split into ${b.shard.count} vs ${a.shard.count} shards`;
  if (b.rows.length > 0 && a.rows.length > 0 && JSON.stringify(a.metricNames) !== JSON.stringify(b.metricNames)) {
    return 'their runs report different figures (different hcisim versions?)';
  }
  return undefined;
}

/** Every shard 1..N exactly once. */
function shardSetErrors(parts: readonly { name: string; part: SweepPart }[]): string[] {
  const count = parts[0].part.shard.count;
  const byIndex = new Map<number, string>();
  const errors: string[] = [];
  for (const { name, part } of parts) {
    const { index } = part.shard;
    if (index > count) errors.push(`${name}: shard ${index}/${count} does not exist`);
    const other = byIndex.get(index);
    if (other !== undefined) errors.push(`shard ${index}/${count} is given twice: ${other} and ${name}`);
    byIndex.set(index, name);
  }
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) errors.push(`shard ${i}/${count} is missing`);
  return errors;
}

/** A part holds exactly its shard's runs of every combination, each with every figure. */
function rowErrors(name: string, part: SweepPart): string[] {
  const combinations = expandGrid(part.definition.grid).length;
  const expected = combinations * shardRuns(part.definition.runs, part.shard).length;
  const seen = new Set<string>();
  for (const row of part.rows) {
    const [combination, run] = row;
    const key = `${combination}/${run}`;
    const valid = isIndex(combination, combinations) && isIndex(run, part.definition.runs) && inShard(run, part.shard);
    if (!valid) return [`${name}: holds run ${run} of combination ${combination}, which is not in shard ${part.shard.index}/${part.shard.count}`];
    if (seen.has(key)) return [`${name}: holds run ${run} of combination ${combination} twice`];
    if (row.length !== part.metricNames.length + 2) return [`${name}: run ${run} has ${row.length - 2} figures, expected ${part.metricNames.length}`];
    seen.add(key);
  }
  return seen.size === expected ? [] : [`${name}: holds ${seen.size} of its ${expected} runs (an interrupted shard?)`];
}

function isIndex(value: number, length: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < length;
}
