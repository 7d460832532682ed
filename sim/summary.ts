// The shape of summary.json (output contract v1 in ../shared/spec/scenario-format.md). Field names
// are fixed by the contract; fields beyond it are additions. Seconds and GiB unless named otherwise.
import type { Parameters, PlatformName, StorageKind } from './platforms/parameters.ts';
import type { DelayedOperationKind } from './events/management-events.ts';

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
    /** Cores the platform reserves (physical - usable): placement cannot give them to VMs. */
    reservedCores: number;
    /** Cores the platform's services actually burn (cpuConsumedPercent of physical); at most the reservation on Harvester. */
    consumedCores: number;
    cpuConsumedPercent: number;
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
    /** VMs no host could take: never placed, never ran. */
    unplaced: number;
    /**
     * VMs placed whose volume could not be placed (no room for any copy of their data): they never
     * serve, and count among the VMs with an outage (vm.down with volume 'unplaced').
     */
    volumeUnplaced: number;
    /**
     * VMs crashed by a host failure, and how long each was out until it ran again: `elsewhere`
     * restarted on another host (HA), `sameHost` booted when its host was repaired; VMs still down
     * at the end count in `stillDown`. Seconds from the failure to the VM running again.
     */
    afterHostFailure: {
      crashed: number;
      elsewhere: { count: number; meanSeconds: number; maxSeconds: number };
      sameHost: { count: number; meanSeconds: number; maxSeconds: number };
      stillDown: number;
    };
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
     * in total, for the most affected VM, and per VM (every VM that was slowed, most affected first).
     * Not counted as downtime: the guest still runs.
     */
    degradedSeconds: { total: number; maxPerVm: number; perVm: { vm: string; seconds: number }[] };
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
     * and how much of it was spent waiting on storage, on the management plane (an outage holding
     * its migrations or its entry into maintenance mode) and on anything else.
     */
    drains: {
      host: string;
      enteredSeconds: number;
      drainSeconds: number;
      storageWaitSeconds: number;
      managementWaitSeconds: number;
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
    /** `rebuilds` split by kind: new copies, catch-up resyncs of returning copies, copies moved (maintenance evacuations, data-locality moves). */
    copies: { rebuilds: number; resyncs: number; evacuations: number };
    /**
     * Per return of a host from maintenance or repair: its own volumes (replica sets with a copy on
     * it, PGs for Ceph) that were short of copies then, and the seconds until the host's copy of each
     * held its newest data again (or a copy that replaced it did, or the set was whole, or lost);
     * null: not by the end of the run. Not the cluster: other hosts' volumes do not count, nor
     * another host's maintenance making the same sets short again (a rolling update).
     */
    timeToCompliance: { host: string; cause: 'maintenance' | 'repair'; returnedSeconds: number; volumes: number; compliantAfterSeconds: number | null }[];
    /** Those returns' time to compliance: max and mean over the resolved ones, and how many were not. */
    timeToComplianceSeconds: { returns: number; unresolved: number; max: number; mean: number };
    /**
     * Volume-hours at each remaining redundancy: copies holding the newest data that can still fail
     * before it is lost (copies left - copies needed). countedBy 'volume': a volume is one replica
     * set; 'data' (Ceph): each PG counts as its share of a volume's data. Lost volumes are not counted.
     */
    exposure: { countedBy: 'volume' | 'data'; byRedundancy: { redundancy: number; volumeHours: number }[] };
    /**
     * The rare-data-loss estimate (sim/report-risk.ts): per window in which a set had fewer copies
     * than wanted, the probability that enough of the devices holding the rest fail before it
     * closes, at these AFRs (the failures block, else policies.storage.durability). Windows of the
     * same devices merge (one loss of them loses all their sets at once): expectedVolumesLost counts
     * the distinct volumes on them (a Ceph volume spread over many PGs on those devices once), and
     * lossProbability is the probability that the run loses any data. Windows come from the run's
     * own failures and maintenance.
     */
    risk: { method: string; diskAfrPercent: number; hostAfrPercent: number; windows: number; expectedVolumesLost: number; lossProbability: number };
    /**
     * VMs recovered from an asynchronous replica (Proxmox ZFS replication) and the writes they lost:
     * what each wrote between the last replication run and its host's failure. Zero elsewhere.
     */
    replicationLoss: { vms: number; lostGiB: number; maxLagSeconds: number };
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
  /**
   * Host CPU over the run (from the host.cpu events): utilisation is CPU in use over usable CPU
   * (cores x GHz x (1 - cpuConsumedPercent/100), what the platform's services leave to guests), 0-1,
   * averaged over every host and the whole run (a host out of service counts as idle) and at its peak on any host; contendedVmHours sums the time each VM got
   * less CPU than it demanded; peakReadyPercent is the largest CPU-ready share of any VM (% of a vCPU).
   */
  cpu: { meanHostUtilization: number; peakHostUtilization: number; contendedVmHours: number; peakReadyPercent: number };
  /** Balancing passes that found work (imbalance above target or a rule violated), and the moves they made. */
  balancing: { passes: number; moves: number; ruleMoves: number };
  /**
   * Management-plane outages (vCenter, Keystone, the Harvester API): time down (overlaps counted
   * once), and the operations that were ready to start but waited for the plane, with the total of
   * their waits, per kind (a migration counts only if it had a free slot; queued ones behind it wait
   * for that slot, not directly for the plane).
   */
  management: {
    outages: number;
    outageSeconds: number;
    delayedOperations: {
      count: number;
      delaySeconds: number;
      byKind: Record<DelayedOperationKind, { count: number; delaySeconds: number }>;
    };
  };
  /**
   * Schedule entries that never ran (from the schedule.entry.unrun events): `entry` is the index
   * in the file's schedule, `reason` why (its anchor never happened, or it fell due after until).
   * Empty when every entry ran.
   */
  schedule: { neverRan: { entry: number; do: string; reason: string }[] };
  /** The effective model parameters: profile defaults with the scenario's overrides. */
  parameters: Parameters;
}
