// The property suite's harness: random scenarios from hcisim/testing's arbitraryScenario, every
// checker after every event, and on failure the shrunk counterexample written out as a scenario
// file (test-results/property/NAME.yaml) that `hcisim run FILE --check` reproduces.
// HCISIM_PROPERTY_RUNS=N runs N cases instead of the default; HCISIM_PROPERTY_SEED=S replays a seed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import type { Violation } from '../../sim/invariants/index.ts';
import { toScenarioFile, type ScenarioInput } from '../../sim/testing/index.ts';

export const COUNTEREXAMPLE_DIR = resolve('test-results/property');

export interface PropertyRun {
  /** Cases run, and the counterexample fast-check shrank to, if a case failed. */
  numRuns: number;
  seed: number;
  failed?: { scenario: ScenarioInput; violations: Violation[]; file: string; shrinks: number };
}

/** A test's timeout: the default tier's, or an hour when HCISIM_PROPERTY_RUNS asks for a long run. */
export function propertyTimeoutMs(fallback = 60_000): number {
  return process.env.HCISIM_PROPERTY_RUNS ? 3_600_000 : fallback;
}

/** Cases to run: HCISIM_PROPERTY_RUNS, else `fallback`. */
export function propertyRuns(fallback: number): number {
  const n = Number(process.env.HCISIM_PROPERTY_RUNS);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * Runs `violationsOf` on scenarios drawn from `arb` until one has violations (then fast-check shrinks
 * it and the smallest is written to a file) or `numRuns` pass, or the time limit is reached. Each
 * case yields to the event loop first, so a long run never starves vitest's worker of its RPC
 * (which fails the run with "Timeout calling onTaskUpdate").
 */
export async function checkScenarios(
  name: string,
  arb: fc.Arbitrary<ScenarioInput>,
  violationsOf: (scenario: ScenarioInput) => Violation[],
  options: { numRuns: number; seed?: number; timeLimitMs?: number },
): Promise<PropertyRun> {
  const envSeed = Number(process.env.HCISIM_PROPERTY_SEED);
  const seed = Number.isInteger(envSeed) ? envSeed : (options.seed ?? 42);
  const details = await fc.check(
    fc.asyncProperty(arb, async (scenario) => {
      await new Promise((resolve) => setImmediate(resolve));
      return violationsOf(scenario).length === 0;
    }),
    // A long run asked for by HCISIM_PROPERTY_RUNS is not cut short by the default tier's time limit.
    { numRuns: options.numRuns, seed, interruptAfterTimeLimit: process.env.HCISIM_PROPERTY_RUNS ? undefined : options.timeLimitMs, markInterruptAsFailure: false },
  );
  const run: PropertyRun = { numRuns: details.numRuns, seed };
  if (!details.failed || details.counterexample === null) return run;
  const [scenario] = details.counterexample;
  const violations = violationsOf(scenario);
  mkdirSync(COUNTEREXAMPLE_DIR, { recursive: true });
  const file = join(COUNTEREXAMPLE_DIR, `${name}.yaml`);
  const header = [
    `Counterexample of the property suite's "${name}", shrunk by fast-check (seed ${seed}, ${details.numShrinks} shrinks).`,
    ...violations.map((v) => `${v.check} at ${v.tMs / 1000}s: ${v.message}`),
  ];
  writeFileSync(file, toScenarioFile(scenario, header));
  run.failed = { scenario, violations, file, shrinks: details.numShrinks };
  return run;
}

/** The message a failed property test ends with: where the file is and how to rerun it. */
export function describeFailure(run: PropertyRun): string {
  const f = run.failed;
  if (f === undefined) return 'passed';
  return [`${f.violations.length} invariant(s) broken; smallest scenario written to ${f.file}`, `reproduce: node bin/hcisim.js run ${f.file} --check`, ...f.violations.map((v) => `  ${v.check} at ${v.tMs / 1000}s: ${v.message}`)].join('\n');
}
