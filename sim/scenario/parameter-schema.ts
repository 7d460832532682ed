// The scenario's overrides of the model parameters: every leaf of `Parameters`
// (sim/platforms/parameters.ts) under the same path, all optional, because the platform profile
// supplies the defaults. The type check at the bottom fails compilation when Parameters gains or
// loses a leaf that this schema does not mirror, so the file format cannot silently lag the models.
import { z } from 'zod';
import { BALANCER_KINDS, CPU_FAIR_SHARES, DISK_CLASSES, HA_ADMISSION_COUNTS, LONGHORN_DRAIN_POLICIES, MIGRATION_NETWORKS, MIGRATION_TUNNELS, STORAGE_KINDS, VSAN_DURABILITY_COMPONENTS, VSAN_LAYOUTS, type Parameters } from '../platforms/parameters.ts';
import { between, duration, integer, nonNegative, percent, positive, SECONDS_MAX as S } from './fields.ts';

// Ceilings (a lower bound is in each field): far above every platform default and every real
// setting, so no accepted value can make a model's arithmetic overflow or its loops run away.
const GIB_MAX = 65_536;
const MIBPS_MAX = 1_048_576;
const COUNT_MAX = 10_000;
const RATIO_MAX = 100;

const storage = z
  .strictObject({
    kind: z
      .enum(STORAGE_KINDS)
      .describe(
        'vsan | longhorn | ceph | dsf | zfs | local | none (zfs: Proxmox local ZFS with asynchronous replication). Default by platform: vsphere vsan, harvester longhorn, ' +
          'openstack, proxmox and openshift ceph, nutanix dsf, baremetal local; none = external shared storage, not modelled.',
      ),
    replicas: integer('Copies of each volume (vSAN FTT=1 RAID-1 = 2 copies + witness).', 1, 16),
    diskClass: z.enum(DISK_CLASSES).describe('hdd | ssd | nvme: class of the data disks of host groups that do not give one.'),
  })
  .partial()
  .describe('The storage layer; defaults come from the platform profile.');

const overhead = z
  .strictObject({
    cpuTaxPercent: percent("Share of each host's CPU reserved by the hypervisor and its services (taken out of usable cores).", true),
    cpuConsumedPercent: percent(
      "Share of each host's CPU the hypervisor and its services actually consume: guests share the rest when contended. " +
        'Where the profile burns what it reserves (all but Harvester), a file that sets only cpuTaxPercent sets this to the same value.',
      true,
    ),
    hostMemoryGiB: nonNegative('Memory the hypervisor and its services keep on each host.', GIB_MAX),
    perVmMemoryMiB: z
      .number()
      .nonnegative({ error: 'cannot be negative' })
      .max(GIB_MAX * 1024, { error: `must be at most ${GIB_MAX * 1024}` })
      .nullable()
      .describe('Fixed per-VM overhead (QEMU/virt-launcher, VMX), MiB; null = computed by perVmMemoryModel.'),
    perVmMemoryModel: z
      .enum(['kubevirt', 'esxi', 'fixed'])
      .describe('How the per-VM memory overhead is computed when perVmMemoryMiB is not set.'),
    guestMemoryOverheadRatio: nonNegative("KubeVirt's additionalGuestMemoryOverheadRatio (Harvester sets 1.5).", RATIO_MAX),
  })
  .partial()
  .describe('The hypervisor tax; baremetal defaults to zero.');

const placement = z
  .strictObject({
    enabled: z.boolean().describe('DRS-style balancing (initial placement always runs).'),
    threshold: integer('Migration threshold 1 (conservative) .. 5 (aggressive).', 1, 5),
    intervalSeconds: between('Seconds between balancing passes, 1 s .. 1 day (DRS runs every 300 s).', 1, 86_400),
    vcpuOvercommit: positive('vCPUs allowed per usable physical core (at most 64; vSphere allows 32).', 64),
    memoryOvercommit: positive('Guest memory (plus overhead) allowed per GiB of allocatable host memory (at most 16; Harvester defaults to 1.5).', 16),
    weights: z
      .strictObject({
        freeMemory: nonNegative('Weight of the free-memory scorer; 0 switches it off.', 1000),
        freeCpu: nonNegative('Weight of the free-CPU scorer; 0 switches it off.', 1000),
        spread: nonNegative('Weight of the VM-count spreading scorer; 0 switches it off.', 1000),
      })
      .partial()
      .describe('Scorer weights.'),
    balancer: z
      .enum(BALANCER_KINDS)
      .describe('drs: vSphere DRS (standard deviation of host CPU load, threshold slider); lowNodeUtilization: descheduler / Watcher thresholds.'),
    maxMovesPerHostPerPass: integer('Moves a balancing pass may start per host, as source or target (mandatory moves are not limited).', 0, 1000),
    benefitSeconds: between('Cost-benefit horizon: the imbalance a move removes is counted over this many seconds against its migration CPU.', 0, 86_400),
    lowUtilizationPercent: percent('lowNodeUtilization: hosts below this CPU load receive VMs.'),
    highUtilizationPercent: percent('lowNodeUtilization: hosts above this CPU load give VMs away.'),
  })
  .partial()
  .describe('Placement and DRS-style balancing.');

const ha = z
  .strictObject({
    enabled: z.boolean().describe("Restart a failed host's VMs on the other hosts."),
    hostFailuresToTolerate: integer('Host failures the cluster keeps spare capacity for.', 0, COUNT_MAX),
    admissionControl: z.boolean().describe('Keep enough spare capacity to restart the VMs of hostFailuresToTolerate failed hosts.'),
    admissionCounts: z
      .enum(HA_ADMISSION_COUNTS)
      .describe('What admission control counts per VM besides its overhead: reservation (its memory reservation, vSphere) or memory (its whole memory, AHV).'),
    detectionSeconds: nonNegative('From the failure until the platform declares the host dead.', S),
    restartDelaySeconds: nonNegative("From declaring the host dead until its VMs may be restarted (Harvester's force-reset period).", S),
    survivesManagementOutage: z.boolean().describe('The HA agents keep working while the management plane is down (vSphere FDM does).'),
    protectedByDefault: z.boolean().describe('A VM is under HA unless its group sets ha: false (Proxmox: only resources added to HA restart).'),
    maintenanceMovesOnlyProtected: z
      .boolean()
      .describe('Maintenance moves only VMs under HA; the others are shut down with the host and start when it returns (Proxmox).'),
    restartRespectsAntiAffinity: z
      .boolean()
      .describe('HA restarts keep VM-VM anti-affinity; false lets a restart put two VMs of a group on one host (vSphere HA without its advanced option).'),
    maintenanceMovesBack: z
      .boolean()
      .describe('The VMs maintenance migrated away are migrated back to their host when it leaves maintenance (Proxmox HA, Nutanix AHV).'),
  })
  .partial()
  .describe('High availability: restarts after a host failure.');

const migration = z
  .strictObject({
    live: z.boolean().describe('Live migration exists on this platform (false on baremetal).'),
    withLocalDisks: z.boolean().describe('A VM on local disks live-migrates by mirroring its disk to the target first (drive-mirror, block migration).'),
    maxParallelPerCluster: integer('Concurrent migrations in the whole cluster (0 where there is no live migration).', 0, COUNT_MAX),
    maxParallelOutboundPerHost: integer('Concurrent outgoing migrations per source host (0 where there is no live migration).', 0, COUNT_MAX),
    maxParallelPerHost: integer("Migrations touching one host, in or out (vCenter's per-host cost limit); 0 = no limit.", 0, COUNT_MAX),
    maxParallelPerHostSlowNic: integer('Per-host limit used instead when the migration NIC is slower than 10 Gb/s; 0 = same.', 0, COUNT_MAX),
    bandwidthMiBps: nonNegative('Per-migration bandwidth cap in MiB/s; 0 = share the NIC.', MIBPS_MAX),
    tunnel: z
      .enum(MIGRATION_TUNNELS)
      .describe('none | ssh: ssh sends each migration through one SSH cipher stream, capped at sshTunnelMiBps (Proxmox migration type=secure).'),
    sshTunnelMiBps: nonNegative('Rate one SSH-tunnelled migration stream reaches, MiB/s (memory and drive-mirror alike); 0 = no cap.', MIBPS_MAX),
    network: z
      .enum(MIGRATION_NETWORKS)
      .describe('main | storage: the host NIC migrations use; storage = storageNicGbps where a host has one (Proxmox migration network=<CIDR>).'),
    maxDowntimeMs: nonNegative('Stop-and-copy once the remainder fits in this pause (milliseconds, at most an hour).', 3_600_000),
    downtimeRampSteps: integer("Nova's downtime ramp: steps from maxDowntimeMs/steps up to maxDowntimeMs; 0 = no ramp.", 0, COUNT_MAX),
    downtimeRampDelayPerGiBSeconds: nonNegative("Nova's delay between ramp steps, per GiB of guest memory.", S),
    downtimeEscalationRises: integer("Proxmox: double the allowed downtime after the remaining data rose at this many 1 s polls; 0 = off.", 0, 1000),
    completionTimeoutPerGiBSeconds: nonNegative('Seconds allowed per unit of migrated data; 0 = no completion timeout.', S),
    completionDataUnit: z
      .enum(['GB-ceil', 'GiB'])
      .describe('How the data size for the timeout is counted: KubeVirt rounds up decimal GB, Nova uses GiB.'),
    completionDataMinGiB: nonNegative('Lower bound on the counted data size (Nova counts at least 2 GiB).', GIB_MAX),
    progressTimeoutSeconds: nonNegative('Abort when the remaining data has not fallen for this long; 0 = off.', S),
    allowPostCopy: z.boolean().describe('Switch to post-copy when the completion timeout hits.'),
    allowAutoConverge: z.boolean().describe('QEMU auto-converge: throttle the guest CPU until pre-copy converges.'),
    allowWorkloadDisruption: z
      .boolean()
      .describe('Pause the guest to finish when the timeout hits (KubeVirt allowWorkloadDisruption, Nova force_complete).'),
    workloadDisruptionFollowsPostCopy: z
      .boolean()
      .describe('KubeVirt: an unset allowWorkloadDisruption follows allowPostCopy when the file sets the latter.'),
    autoConvergeInitialPercent: percent('Auto-converge: initial CPU throttle.'),
    autoConvergeStepPercent: percent('Auto-converge: throttle increment per step.'),
    autoConvergeMaxPercent: percent('Auto-converge: maximum CPU throttle.'),
    autoConvergeTriggerRatio: nonNegative('Auto-converge throttles when dirtied > trigger x sent.', RATIO_MAX),
    stunDuringPageSend: z.boolean().describe('vMotion SDPS: slow the vCPUs so the dirty rate falls below the send rate.'),
    sdpsDirtyToSendRatio: nonNegative('Dirty rate SDPS allows, as a share of the measured send rate.', RATIO_MAX),
    maxSwitchoverSeconds: nonNegative('A switchover (stop-and-copy) longer than this fails the migration; 0 = no limit.', S),
    setupSeconds: nonNegative("Target preparation before the first byte; not part of the migration's duration.", S),
    preCopyRoundsMax: integer('Bound on pre-copy rounds; reaching it fails the migration (Harvester: 100,000).', 0, 1_000_000),
    retryInitialSeconds: nonNegative('Backoff before retrying a failed evacuation migration, doubling per consecutive failure.', S),
    retryFactor: between('Backoff multiplier per consecutive failure.', 1, 100),
    retriesMax: integer('Consecutive failures after which the evacuation of that VM is given up (the rollout stalls).', 0, COUNT_MAX),
  })
  .partial()
  .describe('Live migration limits and mechanisms.');

const storagePolicy = z
  .strictObject({
    repairDelay: duration('Wait before rebuilding an absent copy (vSAN repair timer).'),
    rebuildConcurrencyPerHost: integer('Concurrent replica rebuilds per host (0 where nothing is replicated).', 0, COUNT_MAX),
    rebuildStreamMiBps: nonNegative('Cap on one rebuild stream (one source to one target), MiB/s; 0 = as fast as the network shares allow.', MIBPS_MAX),
    longhorn: z
      .strictObject({
        replicaSoftAntiAffinity: z.boolean().describe('replica-soft-anti-affinity: allow two replicas of a volume on one node when no other fits.'),
        storageOverProvisioningPercent: nonNegative('storage-over-provisioning-percentage (at most 10,000 %: a hundredfold).', 10_000),
        storageMinimalAvailablePercent: percent('storage-minimal-available-percentage.', true),
        storageReservedPercent: percent('storage-reserved-percentage-for-default-disk.', true),
        nodeDrainPolicy: z.enum(LONGHORN_DRAIN_POLICIES).describe('node-drain-policy: whether a drain may take a node holding a last replica.'),
        upgradeReplicaWaitSeconds: nonNegative("replica-replenishment-wait-interval while the platform's own upgrade runs (rollingMaintenance mode: upgrade), seconds.", S),
        reuseHashMiBps: between("A reused replica's delta rebuild: MiB/s at which its data is read and SHA-512-compared on both sides, per rebuild.", 1, 65_536),
        fastReplicaRebuild: z.boolean().describe('fast-replica-rebuild-enabled: skip snapshots whose recorded checksums match on both sides.'),
        checksummedSnapshotPercent: percent("Share of a volume's data in snapshots with valid, matching checksums (what the fast path may skip)."),
      })
      .partial()
      .describe('Longhorn settings.'),
    ceph: z
      .strictObject({
        pgsPerOsd: positive("Target placement groups per OSD (pg_num ~ pgsPerOsd x OSDs / size, a power of two); at most 1000: Ceph's mon_max_pg_per_osd is 250 by default (OpenShift Data Foundation raises it to 600).", 1000),
        minSize: integer('osd_pool_default_min_size: I/O blocks on a PG with fewer copies.', 1, 16),
        nooutDuringMaintenance: z.boolean().describe('Set noout for planned maintenance: OSDs of a host in maintenance are never marked out.'),
        osdMaxBackfills: integer('osd_max_backfills: concurrent backfills per OSD, in or out.', 1, 1000),
        objectSizeMiB: between('RBD object size, MiB: volumes are striped over the PGs in objects of this size; rbd accepts 4 KiB .. 32 MiB (--object-size, order 12..25).', 1 / 256, 32),
        backfillFullRatio: between('mon_osd_backfillfull_ratio: an OSD fuller than this refuses backfill (backfill_toofull).', 0, 1),
        okToStop: z.boolean().describe('ceph osd ok-to-stop before a host enters maintenance: the host waits while a PG with a copy there would fall below min_size.'),
        recoveryReservation: between("mClock: share of an OSD's capacity reserved for background recovery (balanced 0.5, high_client_ops 0.4, high_recovery_ops 0.7).", 0.01, 1),
        hddSequentialMiBps: between('osd_mclock_max_sequential_bandwidth_hdd: sequential bandwidth of an HDD OSD, MiB/s.', 1, 1000),
        ssdSequentialMiBps: between('osd_mclock_max_sequential_bandwidth_ssd: sequential bandwidth of an SSD OSD, MiB/s.', 1, 20_000),
        nvmeSequentialMiBps: between('Sequential bandwidth of an NVMe OSD, MiB/s (Ceph uses the ssd option for every non-rotational device).', 1, 20_000),
        hddIops: between('osd_mclock_max_capacity_iops_hdd: 4 KiB random-write IOPS of an HDD OSD.', 1, 10_000),
        ssdIops: between('osd_mclock_max_capacity_iops_ssd: 4 KiB random-write IOPS of an SSD OSD.', 1, 5_000_000),
        nvmeIops: between('4 KiB random-write IOPS of an NVMe OSD (the ssd option in Ceph).', 1, 5_000_000),
      })
      .partial()
      .describe('Ceph settings.'),
    vsan: z
      .strictObject({
        layout: z.enum(VSAN_LAYOUTS).describe('raid1 mirrors (FTT = replicas - 1, with witness), raid5 (3+1, 4 hosts) or raid6 (4+2, 6 hosts).'),
        durabilityComponents: z
          .enum(VSAN_DURABILITY_COMPONENTS)
          .describe('When an absent component gets a durability component taking its missed writes: none (before 7.0 U1), maintenance (ensureAccessibility, 7.0 U1), maintenanceAndFailures (7.0 U2+).'),
      })
      .partial()
      .describe('vSAN settings.'),
    durability: z
      .strictObject({
        diskAfrPercent: between('Disk failures per disk-year x 100 for the data-loss estimate (storage.risk) when the scenario has no failures block.', 0, 1000),
        hostAfrPercent: between('Host failures per host-year x 100 for the data-loss estimate (storage.risk) when the scenario has no failures block.', 0, 1000),
      })
      .partial()
      .describe('Device failure rates of the data-loss estimate.'),
    dsf: z
      .strictObject({
        dataLocality: z.boolean().describe("Nutanix data locality: a VM's first copy is on the node it runs on, and moves there in the background after the VM moves."),
        localityMiBps: between('Rate at which data locality moves a copy of a VM\'s disk to the node the VM moved to, MiB/s per VM.', 1, MIBPS_MAX),
        rebuildDuringMaintenance: z.boolean().describe('Re-replicate the copies of a node in planned maintenance (false: wait for it).'),
      })
      .partial()
      .describe('Nutanix Distributed Storage Fabric settings.'),
    zfs: z
      .strictObject({
        replicationIntervalSeconds: between('Proxmox storage replication: seconds between runs (schedule */15 = 900).', 60, 86_400),
      })
      .partial()
      .describe('Proxmox local ZFS with storage replication (pvesr).'),
  })
  .partial()
  .describe('Storage repair policy.');

const vm = z
  .strictObject({
    bootSeconds: nonNegative('Guest boot until the VM serves again.', S),
    shutdownSeconds: nonNegative('Graceful shutdown before a cold move or maintenance.', S),
  })
  .partial()
  .describe('VM lifecycle timings.');

const cpu = z
  .strictObject({
    fairShare: z.enum(CPU_FAIR_SHARES).describe('How a contended host divides its CPU: shares (in proportion to vCPUs) or equal per VM.'),
    migrationCores: between('Cores one running live migration costs on its source and on its target.', 0, 64),
    migrationCoresPerHostMax: between("Cap on one host's migration CPU however many migrations touch it; 0 = no cap.", 0, 256),
  })
  .partial()
  .describe('The CPU model: fair share under contention and the CPU cost of migrations.');

export const storageOverrides = storage;
export const overheadOverrides = overhead;

export const policiesOverrides = z
  .strictObject({ placement, ha, migration, storage: storagePolicy, vm, cpu })
  .partial()
  .describe('Overrides of any platform default, leaf by leaf.');

export type ParameterOverrides = {
  storage?: z.output<typeof storage>;
  overhead?: z.output<typeof overhead>;
  policies?: z.output<typeof policiesOverrides>;
};

// Compile-time guard: the override schema has exactly the leaves of Parameters.
type LeafPaths<T> = T extends readonly unknown[]
  ? never
  : T extends object
    ? { [K in keyof T & string]-?: NonNullable<T[K]> extends object ? `${K}.${LeafPaths<NonNullable<T[K]>>}` : K }[keyof T &
        string]
    : never;
type Missing = Exclude<LeafPaths<Parameters>, LeafPaths<Required<ParameterOverrides>>>;
type Extra = Exclude<LeafPaths<Required<ParameterOverrides>>, LeafPaths<Parameters>>;
const coversEveryLeaf: [Missing | Extra] extends [never] ? true : { missing: Missing; extra: Extra } = true;
void coversEveryLeaf;
