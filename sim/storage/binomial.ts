// The inverse distribution function of Binomial(n, q), for drawing from a hash instead of a random
// stream: Ceph's striping gives each PG a binomial number of volumes (ceph-rbd.ts).

/** Terms this far below the mode's are dropped: beyond what a 32-bit uniform draw can reach. */
const NEGLIGIBLE = 1e-18;

/**
 * k ~ Binomial(n, q) as a function of u uniform in (0, 1). The probabilities are built outward from
 * the mode by the ratio of successive terms (starting from (1-q)^n would underflow for large n),
 * only as far as they matter, so the table is O(sqrt(n q (1 - q))) long.
 */
export function binomialQuantile(n: number, q: number): (u: number) => number {
  if (q >= 1 || n === 0) return () => n;
  if (q <= 0) return () => 0;
  const mode = Math.min(n, Math.floor((n + 1) * q));
  const odds = q / (1 - q);
  const above: number[] = [], below: number[] = [];
  for (let k = mode, w = 1; k < n; k++) {
    w *= ((n - k) / (k + 1)) * odds;
    if (w < NEGLIGIBLE) break;
    above.push(w);
  }
  for (let k = mode, w = 1; k > 0; k--) {
    w *= k / ((n - k + 1) * odds);
    if (w < NEGLIGIBLE) break;
    below.push(w);
  }
  const weights = [...below.reverse(), 1, ...above];
  const from = mode - below.length;
  const cdf = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cdf[i] = total += w));
  return (u) => {
    const target = u * total;
    let lo = 0, hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] >= target) hi = mid;
      else lo = mid + 1;
    }
    return from + lo;
  };
}
