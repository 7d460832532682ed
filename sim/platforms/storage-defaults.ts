// The defaults of each storage kind's own settings, with their sources. Every profile carries all
// three blocks (a scenario may switch kinds within what its platform allows), so they live here once.
import type { CephParameters, DsfParameters, DurabilityParameters, LonghornParameters, StoragePolicyParameters, VsanParameters, ZfsParameters } from './parameters.ts';

export const LONGHORN_DEFAULTS: LonghornParameters = {
  replicaSoftAntiAffinity: false,
  storageOverProvisioningPercent: 100,
  storageMinimalAvailablePercent: 25,
  storageReservedPercent: 30,
  nodeDrainPolicy: 'block-if-contains-last-replica',
  upgradeReplicaWaitSeconds: 1800,
  reuseHashMiBps: 100,
  fastReplicaRebuild: true,
  checksummedSnapshotPercent: 0,
};

export const CEPH_DEFAULTS: CephParameters = {
  pgsPerOsd: 100,
  minSize: 2,
  nooutDuringMaintenance: true,
  osdMaxBackfills: 1,
  objectSizeMiB: 4,
  backfillFullRatio: 0.9,
  okToStop: true,
  recoveryReservation: 0.5,
  hddSequentialMiBps: 150,
  ssdSequentialMiBps: 1200,
  nvmeSequentialMiBps: 1200,
  hddIops: 315,
  ssdIops: 21500,
  nvmeIops: 21500,
};

export const VSAN_DEFAULTS: VsanParameters = { layout: 'raid1', durabilityComponents: 'maintenanceAndFailures' };

export const DSF_DEFAULTS: DsfParameters = { dataLocality: true, localityMiBps: 50, rebuildDuringMaintenance: false };

export const ZFS_DEFAULTS: ZfsParameters = { replicationIntervalSeconds: 900 };

export const DURABILITY_DEFAULTS: DurabilityParameters = { diskAfrPercent: 1.5, hostAfrPercent: 2 };

export const STORAGE_KIND_SOURCES: Record<string, string> = {
  'policies.storage.longhorn.replicaSoftAntiAffinity': 'platform-facts §2.1: replica-soft-anti-affinity false (hard node anti-affinity) [code]',
  'policies.storage.longhorn.storageOverProvisioningPercent': 'platform-facts §2.1: storage-over-provisioning-percentage 100 % [code]',
  'policies.storage.longhorn.storageMinimalAvailablePercent': 'platform-facts §2.1: storage-minimal-available-percentage 25 % [code]',
  'policies.storage.longhorn.storageReservedPercent': 'platform-facts §2.1: storage-reserved-percentage-for-default-disk 30 % [code]',
  'policies.storage.longhorn.nodeDrainPolicy': 'platform-facts §2.1: node-drain-policy block-if-contains-last-replica [code]',
  'policies.storage.longhorn.upgradeReplicaWaitSeconds':
    'harvester/harvester pkg/controller/master/upgrade/upgrade_controller.go (read at 3d63c2af1): extendedReplicaReplenishmentWaitInterval = 1800, set for the upgrade when the current value is smaller and restored when it ends; a manual maintenance-mode drain keeps the base 600 s [code]',
  'policies.storage.longhorn.reuseHashMiBps':
    '[assumption, derived from the code path] longhorn/sparse-tools sparse/client.go (read at 280e61de7): when the snapshot file exists on the reused replica, every 2 MiB batch (defaultSyncBatchSize 512 x 4 KiB) is read and hashed with SHA-512 (HashData, sparse/file.go) on the source while the target reads and hashes its own (rest/handlers.go doGetChecksum); only batches that differ are sent; 4 sync workers per file (defaultSyncWorkerCount). SHA-512 runs at 0.5-0.9 GB/s per core (openssl speed sha512 on 2 MiB blocks: 539 MB/s on a shared Xeon VM), so 4 workers hash over 2 GB/s and the disk reads bind: a SATA/SAS SSD reads ~500 MiB/s, shared by the 5 rebuilds concurrent-replica-rebuild-per-node-limit lets into a returning node = ~100 MiB/s each. Cross-checks: longhorn/longhorn#1948 found a reused replica rebuilt as slowly as a new one (38.8 GiB in 648 s, before the 4 workers); ionfury/homelab PR #1499 reports ~24 h per node for multi-TiB HDD volumes [code/issues]',
  'policies.storage.longhorn.fastReplicaRebuild':
    'longhorn-manager types/setting.go @ 5ddaa36: fast-replica-rebuild-enabled default true (v1 and v2); longhorn.io docs 1.10 advanced-resources/rebuilding: a snapshot is skipped when both replicas hold matching checksum files, otherwise compared block by block [code/doc]',
  'policies.storage.longhorn.checksummedSnapshotPercent':
    '[assumption: 0] longhorn.io docs 1.10 advanced-resources/rebuilding, "Factors that affect rebuilding performance": the volume head never has a checksum and is always compared whole; the snapshot taken at the rebuild has none; purging system snapshots (auto-cleanup-system-generated-snapshot true) invalidates the next one\'s checksum; snapshot-data-integrity fast-check hashes only on its weekly cron (0 0 */7 * *, immediate check false, setting.go @ 5ddaa36). A Harvester VM volume without user snapshots keeps its data in the head, so nothing is skipped; raise it for volumes whose data sits in older user snapshots hashed by the cron [doc/code]',
  'policies.storage.ceph.pgsPerOsd': 'platform-facts §5.3: about 100 PGs per OSD (pool pg_num ~ 100 x OSDs / size) [doc]',
  'policies.storage.ceph.minSize': 'platform-facts §5.3: osd_pool_default_min_size 2 [doc]',
  'policies.storage.ceph.nooutDuringMaintenance':
    '[assumption: operators set the noout flag for planned maintenance, as the Ceph operations docs advise, so a host in maintenance is never marked out]',
  'policies.storage.ceph.osdMaxBackfills':
    'osd_max_backfills default 1 (ceph/ceph src/common/options/osd.yaml.in) [code]; under the mClock scheduler (default since Quincy) it stays 1 unless osd_mclock_override_recovery_settings is set (doc/rados/configuration/mclock-config-ref.rst, Recovery/Backfill Options) [doc]',
  'policies.storage.ceph.objectSizeMiB': 'Ceph RBD default object size 4 MiB (rbd_default_order 22) [doc: docs.ceph.com rbd config reference]',
  'policies.storage.ceph.backfillFullRatio':
    'mon_osd_backfillfull_ratio 0.90: Red Hat Ceph Storage 5 troubleshooting guide, "backfillfull OSDs"; IBM Storage Ceph docs, same page [doc]',
  'policies.storage.ceph.okToStop':
    "cephadm's `ceph orch host maintenance enter` refuses to stop a host's daemons unless they are ok to stop (ceph/ceph src/pybind/mgr/cephadm/module.py enter_host_maintenance -> _host_ok_to_stop; --force to override), and `ceph osd ok-to-stop` refuses when a PG with one of those OSDs acting is inactive or would keep fewer than min_size up OSDs (src/mgr/DaemonServer.cc _check_offlines_pgs) [code]; the rollout waits and retries, as an orchestrator looping on the check does [assumption]",
  'policies.storage.ceph.recoveryReservation':
    "osd_mclock_profile default balanced (ceph/ceph src/common/options/osd.yaml.in) [code], whose background-recovery reservation is 50 % of the OSD's capacity (high_client_ops 40 %, high_recovery_ops 70 %: doc/rados/configuration/mclock-config-ref.rst, built-in profiles) [doc]; Quincy's default was high_client_ops. Taken as recovery's rate on an OSD that client I/O keeps busy (the limit is MAX, so an idle OSD may recover faster) [assumption: client load at the OSD is not modelled]; the reservation is per op shard (osd_op_num_shards_ssd 8), which hcisim does not model",
  'policies.storage.ceph.hddSequentialMiBps':
    'osd_mclock_max_sequential_bandwidth_hdd default 150_M (ceph/ceph src/common/options/osd.yaml.in) [code]: mClock charges an op max(bytes, bandwidth / IOPS) against this capacity (src/osd/scheduler/mClockScheduler.cc calc_scaled_cost) [code]',
  'policies.storage.ceph.ssdSequentialMiBps': 'osd_mclock_max_sequential_bandwidth_ssd default 1200_M (ceph/ceph src/common/options/osd.yaml.in) [code]',
  'policies.storage.ceph.nvmeSequentialMiBps':
    'Ceph has no NVMe class: every non-rotational OSD uses osd_mclock_max_sequential_bandwidth_ssd, 1200_M (src/osd/scheduler/mClockScheduler.cc set_osd_capacity_params_from_config picks hdd or ssd by is_rotational) [code]; raise it for an NVMe OSD measured faster',
  'policies.storage.ceph.hddIops': 'osd_mclock_max_capacity_iops_hdd default 315 (ceph/ceph src/common/options/osd.yaml.in; OSD bench at start-up may override it, up to osd_mclock_iops_capacity_threshold_hdd 500) [code]',
  'policies.storage.ceph.ssdIops': 'osd_mclock_max_capacity_iops_ssd default 21500 (ceph/ceph src/common/options/osd.yaml.in; OSD bench may override it, up to osd_mclock_iops_capacity_threshold_ssd 80000) [code]',
  'policies.storage.ceph.nvmeIops': 'Ceph has no NVMe class: osd_mclock_max_capacity_iops_ssd, 21500 (src/osd/scheduler/mClockScheduler.cc, by is_rotational) [code]',
  'policies.storage.vsan.layout': 'platform-facts §3.1: the default storage policy is FTT=1 RAID-1 [doc]',
  'policies.storage.zfs.replicationIntervalSeconds':
    'pve-docs pvesr.adoc: a replication job runs on the default schedule "*/15" (every 15 minutes); a failed node loses the data written since the last successful run [doc]',
  'policies.storage.dsf.dataLocality':
    'The Nutanix Bible, Book of AOS, "Data Locality": a VM\'s writes land on the local CVM first (one copy local, the others on peers); when the VM moves to another node (a migration or an HA event) its reads of old data are forwarded to the remote CVM, and AOS migrates the data it reads to the now-local node in the background, only on a read "as to not flood the network" [doc: nutanixbible.com]. hcisim moves one whole copy (from a current remote copy, which is then dropped) once the VM runs on a node without one and its set has all its copies [simplification: AOS moves the extent groups the VM reads, cold ones stay remote]',
  'policies.storage.dsf.localityMiBps':
    '[assumption: 50 MiB/s per VM. Nutanix publishes no rate: the move is read-triggered (the Nutanix Bible, "Data Locality": data is migrated only on a read, in the background), so it runs at the pace the VM re-reads its data, far below the line rate Curator rebuilds use; 50 MiB/s is a moderately busy VM\'s read rate and moves a 100 GiB disk in about 34 minutes. A move that is stopped (its source or its VM leaves) starts again from the beginning]',
  'policies.storage.dsf.rebuildDuringMaintenance':
    '[assumption: AOS maintenance mode is a planned, short CVM outage and the copies of the node wait for it to return; the Nutanix Bible describes re-replication "in the case of a node or disk failure", and the community guide "Honey, I shrunk my cluster" (next.nutanix.com, 2023) shows it for a node powered off unplanned]',
  'policies.storage.vsan.durabilityComponents':
    'vSphere 7.0/8.0 vSAN docs "vSAN fault domains" (docs.vmware.com GUID-55A68E11-E969-4764-ACCB-DA8747052040): with a fault domain to spare vSAN creates a durability component during planned (entering maintenance mode) and unplanned failures, redirects the absent component\'s writes to it and resyncs from it when the component returns; without it a second permanent failure loses the data. yellow-bricks.com 2021-03-22 "vSAN 7.0 U2 Durability Components": introduced in 7.0 U1 for maintenance mode, extended to host failures in 7.0 U2 (a second host failure then leaves the object recoverable once the first host returns). core.vmware.com blog 2023-03-16: vSAN 8 U1 adds them for RAID-5/6 on ESA, for ensureAccessibility maintenance only. Default: 7.0 U2 and later (maintenanceAndFailures); maintenance = 7.0 U1, none = older [doc/blog]',
  'policies.storage.durability.diskAfrPercent': 'platform-facts §8.2: Backblaze Drive Stats, AFR 1.57 % (2024), 1.70 % (2023), lifetime 1.39-1.45 %; suggested default 1.5 % [blog]',
  'policies.storage.durability.hostAfrPercent':
    '[assumption: 2 % of hosts fail per year (the failures block default); platform-facts has no host-level rate. In hcisim a host failure keeps its disks, so it costs a copy its newest data while the set is written elsewhere, never the data itself]',
};

/** A profile's storage policy: its own repair timing and rebuild limits, with every kind's settings. */
export function storagePolicy(own: Pick<StoragePolicyParameters, 'repairDelay' | 'rebuildConcurrencyPerHost' | 'rebuildStreamMiBps'>): StoragePolicyParameters {
  return { ...own, longhorn: { ...LONGHORN_DEFAULTS }, ceph: { ...CEPH_DEFAULTS }, vsan: { ...VSAN_DEFAULTS }, dsf: { ...DSF_DEFAULTS }, zfs: { ...ZFS_DEFAULTS }, durability: { ...DURABILITY_DEFAULTS } };
}
