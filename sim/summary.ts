// The shape of summary.json (output contract v1 in ../shared/spec/scenario-format.md). Field names
// are fixed by the contract; fields beyond it are additions. Seconds and GiB unless named otherwise.
import type { Parameters, PlatformName, StorageKind } from './platforms/parameters.ts';

export interface Summary {
  schema: 'hcisim.summary/v1';
  scenario: string;
  platform: PlatformName;
  seed: number;
  simulatedSeconds: number;
  eventCount: number;
  traceHash: string;
  /** Why the run ended: no event left, the `until` time, the eventsMax bound, or (with --check) a broken invariant; `running` in a live summary. */
  stopReason: 'empty' | 'until' | 'eventsMax' | 'invariant' | 'running';
  capacity: {
    hosts: number;
    physicalCores: number;
    usableCores: number;
    physicalMemoryGiB: number;
    overheadMemoryGiB: number;
    allocatableMemoryGiB: number;
    allocatedMemoryGiB: number;
    freeMemoryGiB: number;
    /** The per-VM part of allocatedMemoryGiB. */
    vmOverheadMemoryGiB: number;
    cpuTaxPercent: number;
    vcpuOvercommit: number;
    memoryOvercommit: number;
    /** Placed vCPUs per usable core. */
    vcpuPerUsableCore: number;
  };
  vms: {
    count: number;
    downtimeSeconds: { total: number; max: number };
    vmsWithDowntime: number;
    /**
     * VMs that were out of service (down, or their volume inaccessible or lost) at some point; the
     * rest of vmsWithDowntime lost only live-migration pauses (stuns of milliseconds).
     */
    vmsWithOutage: number;
    restarts: number;
    unplaced: number;
  };
  migrations: {
    started: number;
    completed: number;
    failed: number;
    durationSeconds: { mean: number; p95: number; max: number };
    downtimeMs: { mean: number; max: number };
    transferredGiB: number;
    /**
     * Time guests ran degraded during migrations: throttled (vMotion SDPS, QEMU auto-converge) from
     * the first throttle, and running on remote page faults in post-copy, until the migration ended;
     * in total and for the most affected VM. Not counted as downtime: the guest still runs.
     */
    degradedSeconds: { total: number; maxPerVm: number };
  };
  maintenance: {
    hostsCompleted: number;
    makespanSeconds: number;
    stalled: boolean;
    /**
     * Every wait of a host's evacuation, one entry per reason it waited for, with when that wait
     * ended (the next reason, or the host entering maintenance; null: still waiting at the end).
     */
    stalls: { host: string; reason: string; atSeconds: number; resolvedAtSeconds: number | null }[];
    /**
     * Each drain: from entering maintenance mode to leaving the cluster (or abort, or the run's end),
     * and how much of it was spent waiting on storage and on anything else.
     */
    drains: {
      host: string;
      enteredSeconds: number;
      drainSeconds: number;
      storageWaitSeconds: number;
      otherWaitSeconds: number;
      outcome: 'entered' | 'aborted' | 'unfinished';
    }[];
  };
  storage: {
    kind: StorageKind;
    volumes: number;
    rebuilds: number;
    rebuiltGiB: number;
    degradedVolumeHours: number;
    inaccessibleVolumeHours: number;
    volumesLost: number;
    /** `rebuilds` split by kind: new copies, catch-up resyncs of returning copies, maintenance evacuations. */
    copies: { rebuilds: number; resyncs: number; evacuations: number };
    /** Per host returning from maintenance: seconds until every volume is fully redundant again. */
    timeToCompliance: { host: string; returnedSeconds: number; compliantAfterSeconds: number | null }[];
  };
  /**
   * What the run leaves unresolved at its end: VMs still out of service (down, or their volume
   * inaccessible or lost), volumes not fully redundant, hosts not back in service (by id). All zero
   * and empty when everything converged.
   */
  endOfRun: {
    vmsOut: number;
    volumesDegraded: number;
    volumesInaccessible: number;
    volumesLost: number;
    hostsOut: string[];
  };
  /** The effective model parameters: profile defaults with the scenario's overrides. */
  parameters: Parameters;
}
