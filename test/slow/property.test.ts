// The slow tier's long property runs: hundreds of random scenarios with every checker after every
// event, larger clusters than the default tier, random failures drawn from the seed on top of the
// schedule. A failure is shrunk and written to test-results/property/NAME.yaml like in `npm test`.
// HCISIM_PROPERTY_RUNS=N changes the number of cases; HCISIM_PROPERTY_SEED=S the seed.
import { describe, expect, it } from 'vitest';
import { arbitraryScenario, checkInvariants, simulate, type ScenarioInput } from '../../sim/testing/index.ts';
import { unexplained } from '../support/known-bugs.ts';
import { checkScenarios, describeFailure, propertyRuns } from '../support/property.ts';

// Known model bugs (test/support/known-bugs.ts) are tolerated so the runs keep hunting for new ones.
const check = (scenario: ScenarioInput) => unexplained(checkInvariants(simulate(scenario).trace), scenario);

describe('long property runs', () => {
  it('every invariant and liveness hold over 300 scenarios on every platform and storage kind', async () => {
    const run = await checkScenarios('slow-scenarios', arbitraryScenario({ maxHosts: 8, maxVms: 20, maxScheduleEntries: 6 }), check, { numRuns: propertyRuns(300), seed: 2026 });
    expect(run.failed, describeFailure(run)).toBeUndefined();
    expect(run.numRuns).toBe(propertyRuns(300));
  });

  it('every invariant holds over 100 scenarios with random failures as well', async () => {
    const run = await checkScenarios('slow-random-failures', arbitraryScenario({ randomFailures: true, maxVms: 12 }), check, { numRuns: propertyRuns(100), seed: 2027 });
    expect(run.failed, describeFailure(run)).toBeUndefined();
  });

  it('every invariant and liveness hold over 100 replicated-storage scenarios whose faults are all repaired', async () => {
    const arb = arbitraryScenario({ storageKinds: ['vsan', 'longhorn', 'ceph'], alwaysRepair: true, maxHosts: 8, maxVms: 12 });
    const run = await checkScenarios('slow-replicated', arb, check, { numRuns: propertyRuns(100), seed: 2028 });
    expect(run.failed, describeFailure(run)).toBeUndefined();
  });
});
