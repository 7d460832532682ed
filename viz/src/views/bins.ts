// The timeline's series binned to pixels: per bin the largest count seen in it (a burst shorter
// than a pixel still shows), including the value carried in from before the bin.
import type { SeriesPoint } from '../replay/replay.ts';
import type { Counts } from '../replay/state.ts';

export function binSeries(series: readonly SeriesPoint[], value: keyof Counts | ((c: Counts) => number), endT: number, bins: number): number[] {
  const of = typeof value === 'function' ? value : (c: Counts) => c[value];
  const out = new Array<number>(bins).fill(0);
  if (series.length === 0 || bins <= 0) return out;
  const width = Math.max(endT, 1e-9) / bins;
  let i = 0, carried = 0;
  for (let b = 0; b < bins; b++) {
    const binEnd = (b + 1) * width;
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
