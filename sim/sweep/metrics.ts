// The figures a sweep collects from each run: every numeric leaf of summary.json by its dotted
// path (`storage.volumesLost`, `vms.downtimeSeconds.total`). Booleans count as 0 or 1, so the mean
// of `maintenance.stalled` is the share of runs whose rollout stalled. Left out: the effective
// `parameters` (the same in every run of a combination), the run's `seed` and `traceHash`
// (identities, not figures), strings, and arrays (per-host lists whose length varies by run).
import type { Summary } from '../summary.ts';

const SKIPPED = new Set(['parameters', 'seed', 'traceHash']);

/** A run's figures as [dotted path, value] pairs, in the summary's own field order. */
export function summaryMetrics(summary: Summary): [name: string, value: number][] {
  const out: [string, number][] = [];
  collect(summary, '', out);
  return out;
}

function collect(node: unknown, prefix: string, out: [string, number][]): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  // Field order is the order summary.ts builds the object in: the same in every run.
  for (const [key, value] of Object.entries(node)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (prefix === '' && SKIPPED.has(key)) continue;
    if (typeof value === 'number') out.push([name, value]);
    else if (typeof value === 'boolean') out.push([name, value ? 1 : 0]);
    else collect(value, name, out);
  }
}

/** The figure that defines data loss: a run lost data when it lost at least one volume. */
export const DATA_LOSS_METRIC = 'storage.volumesLost';

/** Each run's estimated probability of losing data (storage.risk), averaged into the sweep's riskEstimate. */
export const RISK_METRIC = 'storage.risk.lossProbability';
