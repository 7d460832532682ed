// Every tunable number of every model, in one typed tree. A platform profile gives each leaf a
// default and a source (sim/platforms/<name>.ts); a scenario may override any leaf under the same
// path (`storage`, `overhead`, `policies.*`); summary.json lists the effective values.
// Durations inside are in the unit their name carries (Seconds, Ms); the scenario loader turns
// duration strings ("60m") into those units.

import type { PlatformCosts } from './cost-parameters.ts';

export type PlatformName = 'vsphere' | 'harvester' | 'openstack' | 'baremetal' | 'proxmox' | 'nutanix' | 'openshift';
export const PLATFORMS: readonly PlatformName[] = ['vsphere', 'harvester', 'openstack', 'baremetal', 'proxmox', 'nutanix', 'openshift'];

export type StorageKind = 'vsan' | 'longhorn' | 'ceph' | 'dsf' | 'zfs' | 'local' | 'none';
export const STORAGE_KINDS: readonly StorageKind[] = ['vsan', 'longhorn', 'ceph', 'dsf', 'zfs', 'local', 'none'];

/** How the per-VM memory overhead is computed when `overhead.perVmMemoryMiB` is not set. */
export type PerVmMemoryModel = 'kubevirt' | 'esxi' | 'fixed';

/** How a migration stream travels: straight between the hypervisors, or through an SSH tunnel (Proxmox type=secure). */
export type MigrationTunnel = 'none' | 'ssh';
export const MIGRATION_TUNNELS: readonly MigrationTunnel[] = ['none', 'ssh'];

/** The host NIC migrations use: the main one (nicGbps) or the storage network (storageNicGbps). */
export type MigrationNetwork = 'main' | 'storage';
export const MIGRATION_NETWORKS: readonly MigrationNetwork[] = ['main', 'storage'];

/** What happens when a live migration exceeds its completion timeout. */
export type MigrationTimeoutAction = 'abort' | 'postCopy' | 'pause';

/** The class of a host's data disks (what Ceph's mClock profile sizes an OSD by). */
export type DiskClass = 'hdd' | 'ssd' | 'nvme';
export const DISK_CLASSES: readonly DiskClass[] = ['hdd', 'ssd', 'nvme'];

export interface StorageParameters {
  kind: StorageKind;
  /** Copies of each volume. */
  replicas: number;
  /** Class of the data disks of host groups that do not give one. */
  diskClass: DiskClass;
}

/** Longhorn's node drain policy (longhorn-manager types/setting.go). */
export type LonghornDrainPolicy =
  | 'block-if-contains-last-replica'
  | 'block-for-eviction'
  | 'block-for-eviction-if-contains-last-replica'
  | 'allow-if-replica-is-stopped'
  | 'always-allow';
export const LONGHORN_DRAIN_POLICIES: readonly LonghornDrainPolicy[] = [
  'block-if-contains-last-replica',
  'block-for-eviction',
  'block-for-eviction-if-contains-last-replica',
  'allow-if-replica-is-stopped',
  'always-allow',
];

/** vSAN object layout: RAID-1 mirrors (FTT = replicas - 1) or erasure coding (OSA RAID-5 3+1, RAID-6 4+2). */
export type VsanLayout = 'raid1' | 'raid5' | 'raid6';
export const VSAN_LAYOUTS: readonly VsanLayout[] = ['raid1', 'raid5', 'raid6'];

export interface LonghornParameters {
  /** replica-soft-anti-affinity: allow two replicas of a volume on one node when no other fits. */
  replicaSoftAntiAffinity: boolean;
  storageOverProvisioningPercent: number;
  storageMinimalAvailablePercent: number;
  /** storage-reserved-percentage-for-default-disk. */
  storageReservedPercent: number;
  nodeDrainPolicy: LonghornDrainPolicy;
  /** replica-replenishment-wait-interval while the platform's own upgrade runs (a larger base value is kept). */
  upgradeReplicaWaitSeconds: number;
  /** A reused replica's delta rebuild: rate at which its data is read and SHA-512-compared on both sides, MiB/s per rebuild. */
  reuseHashMiBps: number;
  /** fast-replica-rebuild-enabled: skip snapshots whose recorded checksums match on both sides. */
  fastReplicaRebuild: boolean;
  /** Share of a volume's data held in snapshots with valid, matching checksums (what the fast path may skip). */
  checksummedSnapshotPercent: number;
}

export interface CephParameters {
  /** Target placement groups per OSD (pool pg_num ~ pgsPerOsd x OSDs / size, a power of two). */
  pgsPerOsd: number;
  /** osd_pool_default_min_size: I/O blocks on a PG with fewer copies. */
  minSize: number;
  /** Operators set noout for planned maintenance: OSDs of a host in maintenance are never marked out. */
  nooutDuringMaintenance: boolean;
  /** osd_max_backfills: concurrent backfills per OSD, in or out. */
  osdMaxBackfills: number;
  /** RBD object size: a volume's data is striped over the pool's PGs in objects of this size. */
  objectSizeMiB: number;
  /** mon_osd_backfillfull_ratio: an OSD fuller than this refuses backfill (backfill_toofull). */
  backfillFullRatio: number;
  /** `ceph osd ok-to-stop` before a host's OSDs stop for maintenance: it waits while a PG would fall below min_size. */
  okToStop: boolean;
  /** mClock: share of an OSD's capacity reserved for background recovery (the profile's reservation). */
  recoveryReservation: number;
  /** osd_mclock_max_sequential_bandwidth_{hdd,ssd}: an OSD's sequential bandwidth by disk class, MiB/s. */
  hddSequentialMiBps: number;
  ssdSequentialMiBps: number;
  nvmeSequentialMiBps: number;
  /** osd_mclock_max_capacity_iops_{hdd,ssd}: an OSD's 4 KiB random-write IOPS by disk class. */
  hddIops: number;
  ssdIops: number;
  nvmeIops: number;
}

/**
 * When vSAN makes durability components for absent components: never (before 7.0 U1), for
 * ensureAccessibility maintenance (7.0 U1), or for host failures too (7.0 U2 and later).
 */
export type VsanDurabilityComponents = 'none' | 'maintenance' | 'maintenanceAndFailures';
export const VSAN_DURABILITY_COMPONENTS: readonly VsanDurabilityComponents[] = ['none', 'maintenance', 'maintenanceAndFailures'];

export interface VsanParameters {
  layout: VsanLayout;
  durabilityComponents: VsanDurabilityComponents;
}

/** Proxmox local ZFS with storage replication (pvesr): asynchronous copies on other nodes. */
export interface ZfsParameters {
  /** Seconds between replication runs (the job schedule, on the clock: every 15 minutes by default). */
  replicationIntervalSeconds: number;
}

/** Nutanix Distributed Storage Fabric (AOS): replication factor = `storage.replicas`. */
export interface DsfParameters {
  /**
   * Data locality: a VM's first copy is written on the node it runs on (the local CVM), and after the
   * VM moves (live migration, HA restart) a copy is moved to its new node in the background.
   */
  dataLocality: boolean;
  /** Rate of that background move, per VM, MiB/s (a cap on its one stream). */
  localityMiBps: number;
  /** Re-replicate the copies of a node in planned maintenance (false: wait for it to return). */
  rebuildDuringMaintenance: boolean;
}

export interface OverheadParameters {
  /**
   * Share of each host's CPU reserved by the hypervisor and its services: taken out of what
   * placement may allocate (usable cores), whether or not it is burnt.
   */
  cpuTaxPercent: number;
  /**
   * Share of each host's CPU the hypervisor and its services actually consume. A reservation
   * (Kubernetes requests) that is not burnt stays free for guests under contention.
   */
  cpuConsumedPercent: number;
  /** Memory the hypervisor and its services keep on each host. */
  hostMemoryGiB: number;
  /** Fixed per-VM overhead; null = computed by `perVmMemoryModel`. */
  perVmMemoryMiB: number | null;
  perVmMemoryModel: PerVmMemoryModel;
  /** KubeVirt's additionalGuestMemoryOverheadRatio (Harvester sets 1.5). */
  guestMemoryOverheadRatio: number;
}

export interface PlacementParameters {
  /** DRS-style balancing (used by the balancer; initial placement always runs). */
  enabled: boolean;
  /** Migration threshold 1 (conservative) .. 5 (aggressive). */
  threshold: number;
  intervalSeconds: number;
  /** vCPUs allowed per usable physical core. */
  vcpuOvercommit: number;
  /** Guest memory (plus overhead) allowed per GiB of allocatable host memory. */
  memoryOvercommit: number;
  /** Scorer weights; a weight of 0 switches a scorer off. */
  weights: { freeMemory: number; freeCpu: number; spread: number };
  /** Which balancer runs when `enabled`: vSphere DRS, or a descheduler-like low/high utilisation policy. */
  balancer: BalancerKind;
  /** Moves a balancing pass may start per host (source or target); mandatory moves are not limited. */
  maxMovesPerHostPerPass: number;
  /** Cost-benefit: the imbalance a move removes is counted over this long against the CPU its migration costs. */
  benefitSeconds: number;
  /** Descheduler-like balancer: hosts below this CPU load receive VMs. */
  lowUtilizationPercent: number;
  /** Descheduler-like balancer: hosts above this CPU load give VMs away. */
  highUtilizationPercent: number;
}

/** drs: vSphere DRS (standard deviation of host load, threshold slider); lowNodeUtilization: the descheduler's / Watcher's thresholds. */
export type BalancerKind = 'drs' | 'lowNodeUtilization';
export const BALANCER_KINDS: readonly BalancerKind[] = ['drs', 'lowNodeUtilization'];

/** How a contended host divides its CPU: by shares proportional to vCPUs, or equally per VM. */
export type CpuFairShare = 'shares' | 'equal';
export const CPU_FAIR_SHARES: readonly CpuFairShare[] = ['shares', 'equal'];

export interface CpuParameters {
  /** How a host whose VMs demand more than its usable CPU divides it among them. */
  fairShare: CpuFairShare;
  /** Cores one running live migration costs on its source and on its target while it runs. */
  migrationCores: number;
  /** Cap on the migration CPU of one host, however many migrations touch it; 0 = no cap. */
  migrationCoresPerHostMax: number;
}

/** `reservation`: vSphere's memory reservation (0 unless set); `memory`: the VM's whole memory (AHV). */
export const HA_ADMISSION_COUNTS = ['reservation', 'memory'] as const;
export type HaAdmissionCounts = (typeof HA_ADMISSION_COUNTS)[number];

export interface HaParameters {
  enabled: boolean;
  hostFailuresToTolerate: number;
  /** Keep enough spare capacity to restart the VMs of `hostFailuresToTolerate` failed hosts. */
  admissionControl: boolean;
  /** What admission control counts per VM besides its overhead: its memory reservation or its whole memory. */
  admissionCounts: HaAdmissionCounts;
  /** From the failure until the platform declares the host dead. */
  detectionSeconds: number;
  /** From declaring the host dead until its VMs may be restarted (Harvester's force-reset period). */
  restartDelaySeconds: number;
  /** The HA agents keep working while the management plane is down (vSphere FDM does). */
  survivesManagementOutage: boolean;
  /** A VM is under HA unless its group says `ha: false` (Proxmox restarts only resources added to HA). */
  protectedByDefault: boolean;
  /**
   * Maintenance moves only the VMs under HA; the others stay and are shut down with the host, and
   * start again when it returns (Proxmox's HA node maintenance mode).
   */
  maintenanceMovesOnlyProtected: boolean;
  /** HA restarts keep VM-VM anti-affinity (false: a restart may put two of a group on one host, as vSphere HA does by default). */
  restartRespectsAntiAffinity: boolean;
  /**
   * The VMs maintenance migrated away are migrated back to their host once it leaves maintenance
   * (Proxmox ha-manager's maintenance_node, AHV's exit from maintenance mode), through the migration
   * queue and placement like any other move.
   */
  maintenanceMovesBack: boolean;
}

export interface MigrationParameters {
  /** Live migration exists on this platform (false on baremetal). */
  live: boolean;
  /** A VM on local disks live-migrates by mirroring its disk first (drive-mirror / block migration). */
  withLocalDisks: boolean;
  maxParallelPerCluster: number;
  maxParallelOutboundPerHost: number;
  /** Migrations touching one host, in or out (vCenter's per-host cost limit); 0 = no limit. */
  maxParallelPerHost: number;
  /** Per-host limit used instead when the migration NIC is slower than 10 Gb/s; 0 = same. */
  maxParallelPerHostSlowNic: number;
  /** Per-migration cap; 0 = share the NIC. */
  bandwidthMiBps: number;
  /** How the stream travels: 'ssh' pushes it through one SSH cipher stream, capped at sshTunnelMiBps. */
  tunnel: MigrationTunnel;
  /** What one SSH-tunnelled migration stream reaches (the memory and a drive-mirror alike); 0 = no cap. */
  sshTunnelMiBps: number;
  /** The host NIC migrations use: 'main' (nicGbps) or 'storage' (storageNicGbps, the main one where a host has none). */
  network: MigrationNetwork;
  /** Stop-and-copy once the remainder fits in this pause. */
  maxDowntimeMs: number;
  /** Nova's downtime ramp: steps from maxDowntimeMs/steps up to maxDowntimeMs; 0 = no ramp. */
  downtimeRampSteps: number;
  downtimeRampDelayPerGiBSeconds: number;
  /**
   * Proxmox's escalation: once the remaining data has risen at this many one-second polls, the
   * allowed downtime doubles (up to QEMU's 2,000 s) and the count restarts; 0 = off.
   */
  downtimeEscalationRises: number;
  /** Seconds allowed per unit of migrated data; 0 = no completion timeout. */
  completionTimeoutPerGiBSeconds: number;
  /** How the data size for the timeout is counted: KubeVirt rounds up decimal GB, Nova uses GiB. */
  completionDataUnit: 'GB-ceil' | 'GiB';
  /** Lower bound on the counted data size (Nova counts at least 2 GiB). */
  completionDataMinGiB: number;
  /** Abort when the remaining data has not fallen for this long; 0 = off. */
  progressTimeoutSeconds: number;
  allowPostCopy: boolean;
  allowAutoConverge: boolean;
  /** Pause the guest to finish when the timeout hits (KubeVirt allowWorkloadDisruption, Nova force_complete). */
  allowWorkloadDisruption: boolean;
  /** KubeVirt: an unset allowWorkloadDisruption follows allowPostCopy when the scenario sets the latter. */
  workloadDisruptionFollowsPostCopy: boolean;
  /** QEMU auto-converge: throttle starts at initial, rises by step, up to max, when dirtied > trigger x sent. */
  autoConvergeInitialPercent: number;
  autoConvergeStepPercent: number;
  autoConvergeMaxPercent: number;
  autoConvergeTriggerRatio: number;
  /** vMotion Stun During Page Send: slow the vCPUs so the dirty rate falls below the send rate. */
  stunDuringPageSend: boolean;
  /** Dirty rate SDPS allows, as a share of the measured send rate. */
  sdpsDirtyToSendRatio: number;
  /** A switchover (stop-and-copy) longer than this fails the migration; 0 = no limit. */
  maxSwitchoverSeconds: number;
  /** Before the first byte: target preparation. Not part of the migration's duration. */
  setupSeconds: number;
  /** Bound on pre-copy rounds; reaching it fails the migration. */
  preCopyRoundsMax: number;
  /** Backoff before retrying a failed evacuation migration, doubling per consecutive failure. */
  retryInitialSeconds: number;
  retryFactor: number;
  /** Consecutive failures after which the evacuation of that VM is given up (the rollout stalls). */
  retriesMax: number;
}

export interface StoragePolicyParameters {
  /** Wait before rebuilding an absent copy (vSAN repair timer), in seconds; the scenario writes a duration. */
  repairDelay: number;
  rebuildConcurrencyPerHost: number;
  /** Cap on one rebuild stream (one source to one target); 0 = as fast as the network shares allow. */
  rebuildStreamMiBps: number;
  longhorn: LonghornParameters;
  ceph: CephParameters;
  vsan: VsanParameters;
  durability: DurabilityParameters;
  dsf: DsfParameters;
  zfs: ZfsParameters;
}

/** Device failure rates the data-loss estimate (storage.risk) uses when the scenario has no `failures` block. */
export interface DurabilityParameters {
  /** Failures per disk-year x 100. */
  diskAfrPercent: number;
  /** Failures per host-year x 100. */
  hostAfrPercent: number;
}

export interface VmLifecycleParameters {
  /** Guest boot until the VM serves again. */
  bootSeconds: number;
  /** Graceful shutdown before a cold move or maintenance. */
  shutdownSeconds: number;
}

export interface Parameters {
  storage: StorageParameters;
  overhead: OverheadParameters;
  policies: {
    placement: PlacementParameters;
    ha: HaParameters;
    migration: MigrationParameters;
    storage: StoragePolicyParameters;
    vm: VmLifecycleParameters;
    cpu: CpuParameters;
  };
}

export interface PlatformProfile {
  name: PlatformName;
  /** What running the platform costs (licence, staff, support, training), with sources; not simulated. */
  cost: PlatformCosts;
  /** One line on what the platform stands for. */
  title: string;
  defaults: Parameters;
  /** Source of each default, by dotted path (`policies.migration.maxDowntimeMs`). */
  sources: Record<string, string>;
}
