// The defaults of each storage kind's own settings, with their sources. Every profile carries all
// three blocks (a scenario may switch kinds within what its platform allows), so they live here once.
import type { CephParameters, DurabilityParameters, LonghornParameters, StoragePolicyParameters, VsanParameters } from './parameters.ts';

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
};

export const VSAN_DEFAULTS: VsanParameters = { layout: 'raid1' };

export const DURABILITY_DEFAULTS: DurabilityParameters = { diskAfrPercent: 1.5, hostAfrPercent: 2 };

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
  'policies.storage.ceph.osdMaxBackfills': 'platform-facts §5.3: osd_max_backfills historically 1 (mClock defaults unverified) [doc]',
  'policies.storage.ceph.objectSizeMiB': 'Ceph RBD default object size 4 MiB (rbd_default_order 22) [doc: docs.ceph.com rbd config reference]',
  'policies.storage.ceph.backfillFullRatio':
    'mon_osd_backfillfull_ratio 0.90: Red Hat Ceph Storage 5 troubleshooting guide, "backfillfull OSDs"; IBM Storage Ceph docs, same page [doc]',
  'policies.storage.vsan.layout': 'platform-facts §3.1: the default storage policy is FTT=1 RAID-1 [doc]',
  'policies.storage.durability.diskAfrPercent': 'platform-facts §8.2: Backblaze Drive Stats, AFR 1.57 % (2024), 1.70 % (2023), lifetime 1.39-1.45 %; suggested default 1.5 % [blog]',
  'policies.storage.durability.hostAfrPercent':
    '[assumption: 2 % of hosts fail per year (the failures block default); platform-facts has no host-level rate. In hcisim a host failure keeps its disks, so it costs a copy its newest data while the set is written elsewhere, never the data itself]',
};

/** A profile's storage policy: its own repair timing and rebuild limits, with every kind's settings. */
export function storagePolicy(own: Pick<StoragePolicyParameters, 'repairDelay' | 'rebuildConcurrencyPerHost' | 'rebuildStreamMiBps'>): StoragePolicyParameters {
  return { ...own, longhorn: { ...LONGHORN_DEFAULTS }, ceph: { ...CEPH_DEFAULTS }, vsan: { ...VSAN_DEFAULTS }, durability: { ...DURABILITY_DEFAULTS } };
}
