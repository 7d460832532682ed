// Sizing: how many hosts a workload needs on each platform, found with the real placement code.
export { allocatableWithHeadroomMiB, fitsOn, fitsOnHosts, hostsLike, mustRulesFit, rulesOnto, sizingParameters, type Binding, type FitResult, type SizingOptions } from './fit.ts';
export { lowerBoundHosts, policyHaFailures, sizeScenario, SIZING_HOSTS_MAX, type HaFailuresSource, type SizingResult } from './size.ts';
export { bindingOf, bindingOfKind, type PlacementBinding } from './binding.ts';
