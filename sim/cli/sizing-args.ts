// Flag values of `size` and `study overhead`. A bad value is a user mistake that commander reports
// as one line (exit 2), so these throw commander's InvalidArgumentError with what was expected.
// Kept apart from the commands so that parsing them loads no simulator module.
import { InvalidArgumentError } from 'commander';
import { PLATFORMS, type PlatformName } from '../platforms/parameters.ts';

/** Host failures a sizing may plan for: more than any real cluster tolerates. */
export const HA_FAILURES_MAX = 10;

export function parseHaFailures(value: string): number {
  const n = /^[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n > HA_FAILURES_MAX) throw new InvalidArgumentError(`expected a whole number of host failures from 0 to ${HA_FAILURES_MAX}.`);
  return n;
}

export function parseHeadroom(value: string): number {
  const text = value.trim().replace(/%$/, '');
  const n = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n < 100)) throw new InvalidArgumentError('expected a percentage from 0 to below 100, e.g. 20.');
  return n;
}

export function parsePlatformList(value: string): PlatformName[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.find((n) => !(PLATFORMS as readonly string[]).includes(n));
  if (unknown !== undefined) throw new InvalidArgumentError(`unknown platform '${unknown}' (one of ${PLATFORMS.join(', ')}).`);
  if (names.length === 0) throw new InvalidArgumentError('name at least one platform.');
  return [...new Set(names)] as PlatformName[];
}

/** Overhead values one study may rerun the scenario over. */
export const STUDY_VALUES_MAX = 50;

/** `--tax 0,2,5,10,15`: CPU tax percentages, each from 0 to below 100 (the profile's own bound). */
export function parseTaxList(value: string): number[] {
  return percentList(value, 'CPU tax percentages');
}

/** `--memory-overhead 2,5`: host memory kept by the platform, as percentages of each host's memory. */
export function parseMemoryOverheadList(value: string): number[] {
  return percentList(value, 'memory overhead percentages');
}

function percentList(value: string, what: string): number[] {
  const items = value.split(',').map((s) => s.trim());
  const numbers = items.map((s) => (/^[0-9]+(\.[0-9]+)?$/.test(s) ? Number(s) : NaN));
  if (items.length > STUDY_VALUES_MAX || numbers.some((n) => !(n >= 0 && n < 100))) {
    throw new InvalidArgumentError(`expected up to ${STUDY_VALUES_MAX} comma-separated ${what}, each from 0 to below 100, e.g. 0,2,5,10,15.`);
  }
  return numbers;
}

/** `--workers N`: worker threads, 1 to 256. */
export function parseWorkerCount(value: string): number {
  const n = /^[0-9]+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(Number.isInteger(n) && n >= 1 && n <= 256)) throw new InvalidArgumentError('expected a whole number of worker threads from 1 to 256.');
  return n;
}
