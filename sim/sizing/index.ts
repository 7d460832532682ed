// Sizing: how many hosts a workload needs on each platform, found with the real placement code.
export { allocatableWithHeadroomMiB, fitsOn, fitsOnHosts, hostsLike, sizingParameters, type Binding, type FitResult, type SizingOptions } from './fit.ts';
export { lowerBoundHosts, sizeScenario, SIZING_HOSTS_MAX, type SizingResult } from './size.ts';
