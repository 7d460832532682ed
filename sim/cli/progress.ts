// The progress bar of `hcisim run`: simulated time against the end time, on stderr. Short runs
// should print nothing extra, and a bar in a log file or a pipe is noise, so the bar appears only
// on a terminal and only once the run has taken more than a second of wall time.
import { performance } from 'node:perf_hooks';
import cliProgress from 'cli-progress';
import { formatSeconds } from '../scenario/duration.ts';

export interface Progress {
  /** For runScenario's onProgress. */
  onProgress: (nowMs: number, endMs: number) => void;
  /** Removes the bar, if one was drawn. */
  stop(): void;
}

const SHOW_AFTER_MS = 1000;

export function lazyProgress(stream: NodeJS.WriteStream, enabled: boolean, clockMs = () => performance.now()): Progress {
  if (!enabled || !stream.isTTY) return { onProgress: () => {}, stop: () => {} };
  const startedAt = clockMs();
  let bar: cliProgress.SingleBar | undefined;
  return {
    onProgress(nowMs, endMs) {
      if (bar === undefined) {
        if (clockMs() - startedAt < SHOW_AFTER_MS) return;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'simulating [{bar}] {percentage}% | {simulated} of {end} simulated',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(endMs, nowMs, { simulated: formatSeconds(nowMs / 1000), end: formatSeconds(endMs / 1000) });
        return;
      }
      bar.update(nowMs, { simulated: formatSeconds(nowMs / 1000) });
    },
    stop() {
      bar?.stop();
    },
  };
}
