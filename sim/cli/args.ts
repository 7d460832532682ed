// Flag values: `--seed N`, `--until D` and `--explain VM-GLOB`. A bad value is a user mistake reported by commander as
// one line (exit 2), so these throw commander's InvalidArgumentError with what was expected.
import { InvalidArgumentError } from 'commander';
import { DURATION_HINT, formatSeconds, parseDurationMs } from '../scenario/duration.ts';
import { globToRegExp } from '../scenario/expand.ts';
import { UNTIL_MAX_MS } from '../scenario/types.ts';

export function parseSeed(value: string): number {
  const seed = /^-?[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('expected an integer.');
  return seed;
}

/** `--until` in milliseconds: a duration string (`3d`) or plain seconds (`3600`). */
export function parseUntilMs(value: string): number {
  const text = value.trim();
  const ms = /^[0-9]+(\.[0-9]+)?$/.test(text) ? parseDurationMs(Number(text)) : parseDurationMs(text);
  if (ms === undefined) throw new InvalidArgumentError(`expected a duration: ${DURATION_HINT}.`);
  if (ms > UNTIL_MAX_MS) throw new InvalidArgumentError(`must be at most ${formatSeconds(UNTIL_MAX_MS / 1000)}.`);
  return ms;
}

/** `--explain`: the VMs (a name or a glob, as in schedule entries) whose placement records are kept in full. */
export function parseExplain(value: string): (vmId: string) => boolean {
  const pattern = value.trim();
  if (pattern === '') throw new InvalidArgumentError('expected a VM name or glob, e.g. web-* or db-00?.');
  const re = globToRegExp(pattern);
  return (vmId) => re.test(vmId);
}
