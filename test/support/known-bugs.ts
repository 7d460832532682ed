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

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    files: ['ceph-fewer-racks-than-copies.yaml', 'ceph-returning-copy-shares-rack.yaml'],
    description:
      'Ceph with racks: a failed copy no longer holds its rack, so its replacement may go into that rack; when the copy returns both stay current and share the rack (CRUSH would map the PG back and drop the replacement as a stray)',
    matches: (v, s) => s.storage?.kind === 'ceph' && v.check === 'copyPlacement' && / has two copies in one rack: /.test(v.message),
  },
];

/** The violations no known bug explains. */
export function unexplained(violations: readonly Violation[], scenario: ScenarioInput): Violation[] {
  return violations.filter((v) => !KNOWN_BUGS.some((b) => b.matches(v, scenario)));
}
