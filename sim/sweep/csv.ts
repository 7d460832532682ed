// sweep.csv: one row per run, for spreadsheets, pandas and R: the grid values of its combination
// (columns `set:<path>`), its run index and seed, then every figure by its dotted name. Numbers
// are written in JavaScript's shortest round-trip form, so reading the file back gives the exact
// values the statistics were computed from.
import { expandGrid, formatScalar } from './grid.ts';
import type { SweepDefinition, SweepRows } from './aggregate.ts';
import { orderedRows } from './aggregate.ts';

/** The file's lines (header first), without line ends: a large sweep is written in chunks. */
export function sweepCsvLines(definition: SweepDefinition, data: SweepRows): string[] {
  const combinations = expandGrid(definition.grid);
  const header = [...definition.grid.map((a) => `set:${a.path}`), 'run', 'seed', ...data.metricNames];
  const lines = [header.map(csvField).join(',')];
  for (const row of orderedRows(definition, data)) {
    const set = combinations[row.combination].map((o) => csvField(formatScalar(o.value)));
    lines.push([...set, String(row.run), String(definition.seed + row.run), ...row.values.map(String)].join(','));
  }
  return lines;
}

/** RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
