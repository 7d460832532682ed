import { describe, it, expect } from 'vitest';
import { lazyProgress } from '../../sim/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 100, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('lazyProgress', () => {
  it('draws nothing during the first second of wall time', () => {
    const { stream, written } = fakeStream(true);
    let now = 0;
    const progress = lazyProgress(stream, true, () => now);
    now = 999;
    progress.onProgress(1000, 10_000);
    progress.stop();
    expect(written.join('')).toBe('');
  });

  it('starts the bar after a second, with simulated time as its value', () => {
    const { stream, written } = fakeStream(true);
    let now = 0;
    const progress = lazyProgress(stream, true, () => now);
    now = 1500;
    progress.onProgress(3_600_000, 14_400_000);
    expect(written.join('')).toMatch(/25% \| 1h of 4h simulated/);
    progress.stop();
  });

  it('never draws on a stream that is not a terminal, or when quiet', () => {
    for (const [isTTY, enabled] of [[false, true], [true, false]]) {
      const { stream, written } = fakeStream(isTTY);
      let now = 0;
      const progress = lazyProgress(stream, enabled, () => now);
      now = 5000;
      progress.onProgress(1, 2);
      progress.stop();
      expect(written).toEqual([]);
    }
  });
});
