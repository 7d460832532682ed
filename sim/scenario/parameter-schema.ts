// The scenario's overrides of the model parameters: every leaf of `Parameters`
// (sim/platforms/parameters.ts) under the same path, all optional, because the platform profile
// supplies the defaults. The type check at the bottom fails compilation when Parameters gains or
// loses a leaf that this schema does not mirror, so the file format cannot silently lag the models.
import { z } from 'zod';
import { LONGHORN_DRAIN_POLICIES, STORAGE_KINDS, VSAN_DURABILITY_COMPONENTS, VSAN_LAYOUTS, type Parameters } from '../platforms/parameters.ts';
import { between, duration, integer, nonNegative, percent, positive } from './fields.ts';

const storage = z
  .strictObject({
    kind: z
      .enum(STORAGE_KINDS)
      .describe(
        'vsan | longhorn | ceph | dsf | zfs | local | none (zfs: Proxmox local ZFS with asynchronous replication). Default by platform: vsphere vsan, harvester longhorn, ' +
          'openstack, proxmox and openshift ceph, nutanix dsf, baremetal local; none = external shared storage, not modelled.',
      ),
    replicas: integer('Copies of each volume (vSAN FTT=1 RAID-1 = 2 copies + witness).', 1, 16),
  })
  .partial()
  .describe('The storage layer; defaults come from the platform profile.');

const overhead = z
  .strictObject({
    cpuTaxPercent: percent("Share of each host's CPU reserved by the hypervisor and its services (taken out of usable cores).", true),
    cpuConsumedPercent: percent("Share of each host's CPU the hypervisor and its services actually consume (reported beside the reservation).", true),
    hostMemoryGiB: nonNegative('Memory the hypervisor and its services keep on each host.'),
    perVmMemoryMiB: z
      .number()
      .nonnegative({ error: 'cannot be negative' })
      .nullable()
      .describe('Fixed per-VM overhead (QEMU/virt-launcher, VMX), MiB; null = computed by perVmMemoryModel.'),
    perVmMemoryModel: z
      .enum(['kubevirt', 'esxi', 'fixed'])
      .describe('How the per-VM memory overhead is computed when perVmMemoryMiB is not set.'),
    guestMemoryOverheadRatio: nonNegative("KubeVirt's additionalGuestMemoryOverheadRatio (Harvester sets 1.5)."),
  })
  .partial()
  .describe('The hypervisor tax; baremetal defaults to zero.');

const placement = z
  .strictObject({
    enabled: z.boolean().describe('DRS-style balancing (initial placement always runs).'),
    threshold: integer('Migration threshold 1 (conservative) .. 5 (aggressive).', 1, 5),
    intervalSeconds: positive('Seconds between balancing passes.'),
    vcpuOvercommit: positive('vCPUs allowed per usable physical core.'),
    memoryOvercommit: positive('Guest memory (plus overhead) allowed per GiB of allocatable host memory.'),
    weights: z
      .strictObject({
        freeMemory: nonNegative('Weight of the free-memory scorer; 0 switches it off.'),
        freeCpu: nonNegative('Weight of the free-CPU scorer; 0 switches it off.'),
        spread: nonNegative('Weight of the VM-count spreading scorer; 0 switches it off.'),
      })
      .partial()
      .describe('Scorer weights.'),
  })
  .partial()
  .describe('Placement and DRS-style balancing.');

const ha = z
  .strictObject({
    enabled: z.boolean().describe("Restart a failed host's VMs on the other hosts."),
    hostFailuresToTolerate: integer('Host failures the cluster keeps spare capacity for.', 0),
    admissionControl: z.boolean().describe('Keep enough spare capacity to restart the VMs of hostFailuresToTolerate failed hosts.'),
    detectionSeconds: nonNegative('From the failure until the platform declares the host dead.'),
    restartDelaySeconds: nonNegative("From declaring the host dead until its VMs may be restarted (Harvester's force-reset period)."),
    survivesManagementOutage: z.boolean().describe('The HA agents keep working while the management plane is down (vSphere FDM does).'),
    protectedByDefault: z.boolean().describe('A VM is under HA unless its group sets ha: false (Proxmox: only resources added to HA restart).'),
    maintenanceMovesOnlyProtected: z
      .boolean()
      .describe('Maintenance moves only VMs under HA; the others are shut down with the host and start when it returns (Proxmox).'),
  })
  .partial()
  .describe('High availability: restarts after a host failure.');

const migration = z
  .strictObject({
    live: z.boolean().describe('Live migration exists on this platform (false on baremetal).'),
    withLocalDisks: z.boolean().describe('A VM on local disks live-migrates by mirroring its disk to the target first (drive-mirror, block migration).'),
    maxParallelPerCluster: integer('Concurrent migrations in the whole cluster (0 where there is no live migration).', 0),
    maxParallelOutboundPerHost: integer('Concurrent outgoing migrations per source host (0 where there is no live migration).', 0),
    maxParallelPerHost: integer("Migrations touching one host, in or out (vCenter's per-host cost limit); 0 = no limit.", 0),
    maxParallelPerHostSlowNic: integer('Per-host limit used instead when the migration NIC is slower than 10 Gb/s; 0 = same.', 0),
    bandwidthMiBps: nonNegative('Per-migration bandwidth cap in MiB/s; 0 = share the NIC.'),
    maxDowntimeMs: nonNegative('Stop-and-copy once the remainder fits in this pause (milliseconds).'),
    downtimeRampSteps: integer("Nova's downtime ramp: steps from maxDowntimeMs/steps up to maxDowntimeMs; 0 = no ramp.", 0),
    downtimeRampDelayPerGiBSeconds: nonNegative("Nova's delay between ramp steps, per GiB of guest memory."),
    downtimeEscalationRises: integer("Proxmox: double the allowed downtime after the remaining data rose at this many 1 s polls; 0 = off.", 0, 1000),
    completionTimeoutPerGiBSeconds: nonNegative('Seconds allowed per unit of migrated data; 0 = no completion timeout.'),
    completionDataUnit: z
      .enum(['GB-ceil', 'GiB'])
      .describe('How the data size for the timeout is counted: KubeVirt rounds up decimal GB, Nova uses GiB.'),
    completionDataMinGiB: nonNegative('Lower bound on the counted data size (Nova counts at least 2 GiB).'),
    progressTimeoutSeconds: nonNegative('Abort when the remaining data has not fallen for this long; 0 = off.'),
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
    autoConvergeTriggerRatio: nonNegative('Auto-converge throttles when dirtied > trigger x sent.'),
    stunDuringPageSend: z.boolean().describe('vMotion SDPS: slow the vCPUs so the dirty rate falls below the send rate.'),
    sdpsDirtyToSendRatio: nonNegative('Dirty rate SDPS allows, as a share of the measured send rate.'),
    maxSwitchoverSeconds: nonNegative('A switchover (stop-and-copy) longer than this fails the migration; 0 = no limit.'),
    setupSeconds: nonNegative("Target preparation before the first byte; not part of the migration's duration."),
    preCopyRoundsMax: integer('Bound on pre-copy rounds; reaching it fails the migration.', 0),
    retryInitialSeconds: nonNegative('Backoff before retrying a failed evacuation migration, doubling per consecutive failure.'),
    retryFactor: between('Backoff multiplier per consecutive failure.', 1, 100),
    retriesMax: integer('Consecutive failures after which the evacuation of that VM is given up (the rollout stalls).', 0),
  })
  .partial()
  .describe('Live migration limits and mechanisms.');

const storagePolicy = z
  .strictObject({
    repairDelay: duration('Wait before rebuilding an absent copy (vSAN repair timer).'),
    rebuildConcurrencyPerHost: integer('Concurrent replica rebuilds per host (0 where nothing is replicated).', 0),
    rebuildStreamMiBps: nonNegative('Cap on one rebuild stream (one source to one target), MiB/s; 0 = as fast as the network shares allow.'),
    longhorn: z
      .strictObject({
        replicaSoftAntiAffinity: z.boolean().describe('replica-soft-anti-affinity: allow two replicas of a volume on one node when no other fits.'),
        storageOverProvisioningPercent: nonNegative('storage-over-provisioning-percentage.'),
        storageMinimalAvailablePercent: percent('storage-minimal-available-percentage.', true),
        storageReservedPercent: percent('storage-reserved-percentage-for-default-disk.', true),
        nodeDrainPolicy: z.enum(LONGHORN_DRAIN_POLICIES).describe('node-drain-policy: whether a drain may take a node holding a last replica.'),
        upgradeReplicaWaitSeconds: nonNegative("replica-replenishment-wait-interval while the platform's own upgrade runs (rollingMaintenance mode: upgrade), seconds."),
        reuseHashMiBps: between("A reused replica's delta rebuild: MiB/s at which its data is read and SHA-512-compared on both sides, per rebuild.", 1, 65_536),
        fastReplicaRebuild: z.boolean().describe('fast-replica-rebuild-enabled: skip snapshots whose recorded checksums match on both sides.'),
        checksummedSnapshotPercent: percent("Share of a volume's data in snapshots with valid, matching checksums (what the fast path may skip)."),
      })
      .partial()
      .describe('Longhorn settings.'),
    ceph: z
      .strictObject({
        pgsPerOsd: positive('Target placement groups per OSD (pg_num ~ pgsPerOsd x OSDs / size, a power of two).'),
        minSize: integer('osd_pool_default_min_size: I/O blocks on a PG with fewer copies.', 1, 16),
        nooutDuringMaintenance: z.boolean().describe('Set noout for planned maintenance: OSDs of a host in maintenance are never marked out.'),
        osdMaxBackfills: integer('osd_max_backfills: concurrent backfills per OSD, in or out.', 1),
        objectSizeMiB: positive('RBD object size, MiB: volumes are striped over the PGs in objects of this size.'),
        backfillFullRatio: between('mon_osd_backfillfull_ratio: an OSD fuller than this refuses backfill (backfill_toofull).', 0, 1),
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
        dataLocality: z.boolean().describe("Nutanix data locality: a VM's first copy is on the node it runs on."),
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
    bootSeconds: nonNegative('Guest boot until the VM serves again.'),
    shutdownSeconds: nonNegative('Graceful shutdown before a cold move or maintenance.'),
  })
  .partial()
  .describe('VM lifecycle timings.');

export const storageOverrides = storage;
export const overheadOverrides = overhead;

export const policiesOverrides = z
  .strictObject({ placement, ha, migration, storage: storagePolicy, vm })
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
