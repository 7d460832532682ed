// The defaults of each storage kind's own settings, with their sources. Every profile carries all
// three blocks (a scenario may switch kinds within what its platform allows), so they live here once.
import type { CephParameters, LonghornParameters, StoragePolicyParameters, VsanParameters } from './parameters.ts';

export const LONGHORN_DEFAULTS: LonghornParameters = {
  replicaSoftAntiAffinity: false,
  storageOverProvisioningPercent: 100,
  storageMinimalAvailablePercent: 25,
  storageReservedPercent: 30,
  nodeDrainPolicy: 'block-if-contains-last-replica',
  upgradeReplicaWaitSeconds: 1800,
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

export const VSAN_DEFAULTS: VsanParameters = { layout: 'raid1' };

export const STORAGE_KIND_SOURCES: Record<string, string> = {
  'policies.storage.longhorn.replicaSoftAntiAffinity': 'platform-facts §2.1: replica-soft-anti-affinity false (hard node anti-affinity) [code]',
  'policies.storage.longhorn.storageOverProvisioningPercent': 'platform-facts §2.1: storage-over-provisioning-percentage 100 % [code]',
  'policies.storage.longhorn.storageMinimalAvailablePercent': 'platform-facts §2.1: storage-minimal-available-percentage 25 % [code]',
  'policies.storage.longhorn.storageReservedPercent': 'platform-facts §2.1: storage-reserved-percentage-for-default-disk 30 % [code]',
  'policies.storage.longhorn.nodeDrainPolicy': 'platform-facts §2.1: node-drain-policy block-if-contains-last-replica [code]',
  'policies.storage.longhorn.upgradeReplicaWaitSeconds':
    'harvester/harvester pkg/controller/master/upgrade/upgrade_controller.go (read at 3d63c2af1): extendedReplicaReplenishmentWaitInterval = 1800, set for the upgrade when the current value is smaller and restored when it ends; a manual maintenance-mode drain keeps the base 600 s [code]',
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
};

/** A profile's storage policy: its own repair timing and rebuild limits, with every kind's settings. */
export function storagePolicy(own: Pick<StoragePolicyParameters, 'repairDelay' | 'rebuildConcurrencyPerHost' | 'rebuildStreamMiBps'>): StoragePolicyParameters {
  return { ...own, longhorn: { ...LONGHORN_DEFAULTS }, ceph: { ...CEPH_DEFAULTS }, vsan: { ...VSAN_DEFAULTS } };
}
