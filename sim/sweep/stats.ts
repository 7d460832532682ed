// The statistics of a Monte Carlo sweep: the distribution of each summary figure over the runs
// (mean, nearest-rank percentiles) and a confidence interval for a probability estimated from
// the runs (the chance of losing data). Pure and order-independent given sorted input, so a
// sweep split over machines and merged reports exactly what one machine would.

/** Summary of one figure over a sweep's runs. */
export interface Distribution {
  mean: number;
  /** Sample standard deviation (n - 1); 0 for one run. The mean's standard error is stdev / sqrt(runs). */
  stdev: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Nearest-rank percentile (the smallest value with at least p % of the values at or below it), as
 * sim/report.ts computes summary.json's p95: it is always a value some run produced, so the p99 of
 * a count of lost volumes is a count, not 0.37. `sorted` must be ascending and non-empty; p in (0, 100].
 * The rank is computed as ceil(p * n / 100) on integers, so 95 % of 20 runs is rank 19 exactly,
 * not the rank a rounding error in 0.95 * 20 would give.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values');
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The distribution of `values` (in run order: the mean sums in that order, so it is reproducible). */
export function distribution(values: readonly number[]): Distribution {
  const n = values.length;
  if (n === 0) throw new Error('distribution of no values');
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean,
    stdev: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    min: sorted[0],
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[n - 1],
  };
}

/** The normal quantile for a two-sided 95 % interval. */
export const Z95 = 1.959964;

/**
 * Wilson score interval for k successes in n trials (Wilson 1927; Agresti & Coull 1998 compare it
 * with the normal approximation). Unlike p +- z sqrt(p(1-p)/n), which collapses to [0, 0] when no
 * run lost data, it still says how large the probability could be: 0 of 1000 runs gives
 * [0, 0.0038]. The ends are pinned to 0 and 1 exactly where k = 0 or k = n.
 */
export function wilsonInterval(k: number, n: number, z = Z95): [low: number, high: number] {
  if (!(n > 0) || k < 0 || k > n) throw new Error(`wilsonInterval: need 0 <= k <= n and n > 0, got k=${k} n=${n}`);
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}

/**
 * The mean of per-run probabilities (e.g. each run's estimated chance of losing data) with a normal
 * 95 % interval for it, mean +- z s / sqrt(n), clamped to [0, 1]. The runs are independent draws
 * of the same estimator, so the interval is that of the Monte Carlo mean (the central limit
 * theorem; with most runs at 0 and few large values it needs a few hundred runs to be fair).
 */
export function meanProbability(values: readonly number[], z = Z95): ProbabilityEstimate {
  const d = distribution(values);
  const half = (z * d.stdev) / Math.sqrt(values.length);
  return { estimate: d.mean, ci95: [Math.max(0, d.mean - half), Math.min(1, d.mean + half)] };
}

/** A probability estimated as k of n runs: the point estimate and its 95 % Wilson interval. */
export interface ProbabilityEstimate {
  estimate: number;
  ci95: [low: number, high: number];
}

export function estimateProbability(k: number, n: number): ProbabilityEstimate {
  return { estimate: k / n, ci95: wilsonInterval(k, n) };
}
