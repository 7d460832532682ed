// The timeline's series binned to pixels: per bin the largest count seen in it (a burst shorter
// than a pixel still shows), including the value carried in from before the bin.
import type { SeriesPoint } from '../replay/replay.ts';
import type { Counts } from '../replay/state.ts';

/** `bins` bins over [startT, endT]. */
export function binSeries(series: readonly SeriesPoint[], value: keyof Counts | ((c: Counts) => number), endT: number, bins: number, startT = 0): number[] {
  const of = typeof value === 'function' ? value : (c: Counts) => c[value];
  const out = new Array<number>(bins).fill(0);
  if (series.length === 0 || bins <= 0) return out;
  const width = Math.max(endT - startT, 1e-9) / bins;
  let i = 0, carried = 0;
  // The value in force when the window opens.
  while (i < series.length && series[i].t < startT) carried = of(series[i++].counts);
  for (let b = 0; b < bins; b++) {
    const binEnd = startT + (b + 1) * width;
    let max = carried;
    while (i < series.length && series[i].t < binEnd) {
      carried = of(series[i].counts);
      max = Math.max(max, carried);
      i++;
    }
    out[b] = max;
  }
  return out;
}
