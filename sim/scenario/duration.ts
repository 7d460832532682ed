// Durations as a scenario writes them: a number of seconds, or a string with one unit
// (`500ms`, `90s`, `20m`, `1.5h`, `14d`). Inside the simulator every time is an integer number of
// milliseconds, so this is the one place where the two meet; the CLI also uses it for `--until`
// and to print seconds back as `2h 13m`.

/** The string form; also the `pattern` of durations in scenarios/schema.json. */
export const DURATION_PATTERN = '^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$';

const DURATION_RE = new RegExp(DURATION_PATTERN);

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DURATION_HINT = 'use seconds or a number with ms, s, m, h or d, e.g. 90s, 20m, 1.5h, 14d';

/** Milliseconds (rounded to an integer), or undefined when the value is not a duration. */
export function parseDurationMs(value: number | string): number | undefined {
  let ms: number;
  if (typeof value === 'number') {
    ms = Math.round(value * 1000);
  } else {
    const text = value.trim();
    const match = DURATION_RE.exec(text);
    if (!match) return undefined;
    const unit = match[2];
    ms = Math.round(Number(text.slice(0, text.length - unit.length)) * UNIT_MS[unit]);
  }
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : undefined;
}

/** True when `value` is a well-formed duration string (numbers are checked by the schema). */
export function isDurationString(value: string): boolean {
  return parseDurationMs(value) !== undefined;
}

/**
 * Seconds as a person reads them: the two largest units, `2h 13m`, `3d 4h`, `12m 5s`, `42s`,
 * `1.5s` below ten seconds, `250ms` below one second.
 */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return '-' + formatSeconds(-seconds);
  if (seconds === 0) return '0s';
  if (seconds < 0.9995) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 10) return `${trimDecimals(seconds, 1)}s`;
  const total = Math.round(seconds);
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'd'],
    [Math.floor((total % 86_400) / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'm'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([n]) => n > 0);
  const shown = parts.slice(first, first + 2);
  if (shown.length === 2 && shown[1][0] === 0) shown.pop();
  return shown.map(([n, unit]) => `${n}${unit}`).join(' ');
}

function trimDecimals(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.?0+$/, '');
}

/** Milliseconds of a value the schema has already accepted; a failure here is a loader bug. */
export function validDurationMs(value: number | string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined) throw new Error(`duration ${String(value)} passed the schema but does not parse`);
  return ms;
}
