// hcisim/testing: property-based testing of private-cloud operations with hcisim. Draw scenarios
// with `arbitraryScenario`, run them with `simulate`, and check every invariant with
// `checkInvariants`; the checkers are also exported one by one. See the README's "Property tests
// with hcisim/testing".
export { arbitraryScenario, type ArbitraryScenarioOptions } from './arbitrary.ts';
export type { ScenarioInput } from './scenario-input.ts';
export { checkInvariants, loadScenario, simulate, toScenarioFile, type SimulateOptions, type SimulationResult, type SimulationTrace } from './simulate.ts';
export {
  antiAffinity, capacity, checkLiveness, checkSummary, checkTrace, clock, copyCount, copyPlacement, hostsOut, livenessBound, lostVolumes, migrationLimits,
  network, STATE_CHECKERS, storageBooks, TRACE_CHECKERS, vmConservation, vmHostRules, vmPlacement,
} from '../invariants/index.ts';
export type { Checker, Finding, LivenessBound, StateChecker, TraceChecker, TraceObserver, Violation } from '../invariants/index.ts';
export type { SimEvent } from '../events/catalogue.ts';
export type { Scenario } from '../scenario/types.ts';
export type { Summary } from '../summary.ts';
