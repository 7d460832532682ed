// Fuzzing the loader in process, for a few seconds: whatever the text (mutated shipped scenarios,
// random values as JSON or YAML, deep nesting, alias bombs, huge numbers, bytes that are not text),
// loadScenarioText returns a scenario or a list of problems; it never throws, and every problem
// prints as one line starting with the file name. HCISIM_FUZZ_MS=60000 fuzzes for a minute.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { formatProblem, loadScenarioText } from '../../sim/scenario/load.ts';
import { FUZZ_MS, FUZZ_SEED, fuzzInput } from '../support/fuzz-inputs.ts';

describe('the loader under fuzzing', () => {
  it('returns ok or one-line problems for every input, never an exception', () => {
    let runs = 0;
    let accepted = 0;
    // The yaml package warns through process.emitWarning unless its logLevel keeps it quiet.
    const warn = vi.spyOn(process, 'emitWarning');
    fc.assert(
      fc.property(fuzzInput, ({ name, text }) => {
        runs++;
        const result = loadScenarioText(text, name);
        if (result.ok) {
          accepted++;
          expect(result.scenario.hosts.length).toBeGreaterThanOrEqual(0);
          return;
        }
        expect(result.problems.length).toBeGreaterThan(0);
        for (const p of [...result.problems, ...result.warnings]) {
          const line = formatProblem(name, p);
          expect(line.startsWith(`${name}`)).toBe(true);
          expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
          expect(line.length).toBeLessThan(name.length + 700);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 1_000_000, interruptAfterTimeLimit: FUZZ_MS, markInterruptAsFailure: false },
    );
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(runs).toBeGreaterThan(50);
    // Some mutations leave a valid scenario: the fuzzer reaches past the parser and the schema.
    expect(accepted).toBeGreaterThan(0);
  });
});
