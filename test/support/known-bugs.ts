// Model bugs the property suite found and that are not fixed yet, each with the shrunk scenario in
// test/property/counterexamples/ and a test there that fails while the bug is there (it.fails).
// The property runs tolerate exactly these violations, so that they keep hunting for new ones;
// fixing a bug means deleting its entry here (its counterexample test then turns into a regression test).
import type { Violation } from '../../sim/invariants/index.ts';
import type { ScenarioInput } from '../../sim/testing/index.ts';

export interface KnownBug {
  /** Its counterexamples (file names in test/property/counterexamples/). */
  files: readonly string[];
  description: string;
  /** Whether a violation in a scenario is this bug. */
  matches(violation: Violation, scenario: ScenarioInput): boolean;
}

// The Ceph rack case (a returning copy beside its replacement in one rack) is fixed: its two
// counterexamples are regression tests now (sim/storage/storage.ts resolveReturnConflict).
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** The violations no known bug explains. */
export function unexplained(violations: readonly Violation[], scenario: ScenarioInput): Violation[] {
  return violations.filter((v) => !KNOWN_BUGS.some((b) => b.matches(v, scenario)));
}
