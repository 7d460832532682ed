import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatSeconds, parseDurationMs } from '../../sim/scenario/duration.ts';

describe('parseDurationMs', () => {
  it('reads numbers as seconds and strings with one unit', () => {
    expect(parseDurationMs(90)).toBe(90_000);
    expect(parseDurationMs(0.25)).toBe(250);
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('20m')).toBe(1_200_000);
    expect(parseDurationMs('1.5h')).toBe(5_400_000);
    expect(parseDurationMs('14d')).toBe(1_209_600_000);
  });

  it('rounds to whole milliseconds', () => {
    expect(parseDurationMs(0.0004)).toBe(0);
    expect(parseDurationMs(1.0006)).toBe(1001);
    expect(parseDurationMs('0.5ms')).toBe(1);
  });

  it('rejects malformed strings, negative and non-finite values', () => {
    for (const bad of ['5x', '90', 'h', '1h30m', '-1s', '1.s', '.5h', '1 h', '']) expect(parseDurationMs(bad), bad).toBeUndefined();
    expect(parseDurationMs(-1)).toBeUndefined();
    expect(parseDurationMs(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseDurationMs(Number.NaN)).toBeUndefined();
  });

  it('gives the same milliseconds for a number of seconds and the same seconds written with s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        expect(parseDurationMs(`${seconds}s`)).toBe(parseDurationMs(seconds));
        expect(parseDurationMs(`${seconds}m`)).toBe(60 * (parseDurationMs(seconds) ?? NaN));
      }),
    );
  });
});

describe('formatSeconds', () => {
  it('shows the two largest units', () => {
    expect(formatSeconds(2 * 3600 + 13 * 60 + 5)).toBe('2h 13m');
    expect(formatSeconds(3 * 86_400 + 4 * 3600 + 59)).toBe('3d 4h');
    expect(formatSeconds(12 * 60 + 5)).toBe('12m 5s');
    expect(formatSeconds(42)).toBe('42s');
  });

  it('drops a zero second unit and keeps small values readable', () => {
    expect(formatSeconds(3 * 86_400)).toBe('3d');
    expect(formatSeconds(3600 + 30)).toBe('1h');
    expect(formatSeconds(1.5)).toBe('1.5s');
    expect(formatSeconds(0.25)).toBe('250ms');
    expect(formatSeconds(0)).toBe('0s');
  });
});
