// The progress bar of `hcisim sweep`: finished runs against all runs, with the rate and time
// left, on stderr. As for `run`, only on a terminal: in a log file or a Kubernetes pod's log a
// redrawn bar is noise.
import cliProgress from 'cli-progress';

export interface SweepProgress {
  onRun: (done: number) => void;
  stop(): void;
}

export function sweepProgress(stream: NodeJS.WriteStream, enabled: boolean, total: number): SweepProgress {
  if (!enabled || !stream.isTTY || total === 0) return { onRun: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'sweep [{bar}] {percentage}% | {value}/{total} runs | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { onRun: (done) => bar.update(done), stop: () => bar.stop() };
}
