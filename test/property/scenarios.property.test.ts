// The property suite: random scenarios from hcisim/testing's arbitraryScenario over every platform
// and storage kind, with random maintenance and faults; every checker after every event (the first
// violation stops the run), then the trace checkers, the summary against the trace and liveness
// after the last repair. A failure is shrunk and written to test-results/property/NAME.yaml, which
// `hcisim run FILE --check` reproduces. The default tier runs a few dozen cases within a time
// limit; HCISIM_PROPERTY_RUNS=N runs more (the slow tier runs hundreds).
import { describe, expect, it } from 'vitest';
import { arbitraryScenario, checkInvariants, simulate, type ScenarioInput } from '../../sim/testing/index.ts';
import { unexplained } from '../support/known-bugs.ts';
import { checkScenarios, describeFailure, propertyRuns, propertyTimeoutMs } from '../support/property.ts';

// Known model bugs (test/support/known-bugs.ts) are tolerated so the runs keep hunting for new ones.
const check = (scenario: ScenarioInput) => unexplained(checkInvariants(simulate(scenario).trace), scenario);

describe('invariants over random scenarios', () => {
  it('hold after every event, and everything converges after the last repair, on every platform and storage kind', async () => {
    const run = await checkScenarios('scenarios', arbitraryScenario(), check, { numRuns: propertyRuns(30), seed: 42, timeLimitMs: 20_000 });
    expect(run.failed, describeFailure(run)).toBeUndefined();
  }, propertyTimeoutMs());

  it('hold on replicated storage with racks, failed disks and hosts that are always repaired (liveness applies to every case)', async () => {
    const arb = arbitraryScenario({ storageKinds: ['vsan', 'longhorn', 'ceph'], alwaysRepair: true, maxVms: 8 });
    const run = await checkScenarios('replicated', arb, check, { numRuns: propertyRuns(20), seed: 7, timeLimitMs: 15_000 });
    expect(run.failed, describeFailure(run)).toBeUndefined();
  }, propertyTimeoutMs());
});
