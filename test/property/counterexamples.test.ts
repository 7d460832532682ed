// The property suite's finds, kept: each file in counterexamples/ is a scenario fast-check shrank a
// failure to (or one written from it), run again with every checker. Fixed bugs must stay fixed;
// known ones are listed with it.fails, so that fixing one turns its test red until it moves over.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants, simulate } from '../../sim/testing/index.ts';
import { KNOWN_BUGS } from '../support/known-bugs.ts';
import { scenarioFrom } from '../support/scenario.ts';

const DIR = join(import.meta.dirname, 'counterexamples');
/** Model bugs found and not fixed yet (test/support/known-bugs.ts), by counterexample file. */
const KNOWN: Record<string, string> = Object.fromEntries(KNOWN_BUGS.flatMap((b) => b.files.map((f) => [f, b.description])));

const violationsOf = (file: string) => {
  const scenario = scenarioFrom(readFileSync(join(DIR, file), 'utf8'), file);
  return checkInvariants(simulate(scenario).trace).map((v) => `${v.check}: ${v.message}`);
};

describe('counterexamples found by the property suite', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    if (KNOWN[file] !== undefined) {
      it.fails(`${file} (known bug: ${KNOWN[file]})`, () => {
        expect(violationsOf(file)).toEqual([]);
      });
    } else {
      it(`${file} now passes every invariant`, () => {
        expect(violationsOf(file)).toEqual([]);
      });
    }
  }
});
