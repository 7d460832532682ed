// Longhorn (Harvester's storage): each volume keeps `replicas` full copies (default 3) on different
// nodes (replica-soft-anti-affinity false: hard node anti-affinity), on disks that pass the
// scheduler's two checks (platform-facts §2.2). A replica on a node that goes away is failed; the
// manager waits replica-replenishment-wait-interval (600 s) to reuse it (a delta rebuild: its data
// is hashed and compared with a healthy replica's, the differences sent) before it
// builds a new one from a single healthy replica (§2.3, §2.4), at most
// concurrent-replica-rebuild-per-node-limit (5) rebuilds per node. The node drain policy decides
// whether maintenance may take a node holding a volume's last healthy replica (§2.1).
import { chooseDisk } from './disks.ts';
import { hostsById } from './host-view.ts';
import { layoutCopies, oneSource } from './replicated-layout.ts';
import type { PolicyContext, StoragePolicy } from './policy.ts';
import type { LonghornParameters } from '../platforms/parameters.ts';
import type { Disk, ReplicaSet } from './types.ts';

export const longhornPolicy: StoragePolicy = {
  kind: 'longhorn',

  // A replica that finds no disk is left unscheduled and the volume Degraded (platform-facts §2.2).
  layout: (ctx, volumes) => layoutCopies(ctx, volumes, ctx.params.storage.replicas, { target: (c, set, avoid) => longhornPolicy.target(c, set, avoid) }),

  accessible: (set, state) => state.current(set).length >= 1,

  target(ctx, set, avoid) {
    const lh = ctx.params.policies.storage.longhorn;
    const bytes = set.bytes;
    const accepts = (disk: Disk, size: number) => schedulable(disk, size, lh);
    const racks = usedRacks(ctx, set);
    // Zone anti-affinity is soft by default: prefer a rack (zone) not yet holding a replica.
    const preference = (host: string) => (racks.has(rackOf(ctx, host)) ? 0 : 1);
    const hard = chooseDisk(ctx, { avoid, bytes, accepts, preference });
    if (!('refused' in hard) || !lh.replicaSoftAntiAffinity) return hard;
    return chooseDisk(ctx, { avoid: [], bytes, accepts, preference });
  },

  /** A v1 rebuild syncs from one healthy replica (replica-rebuild-concurrent-sync-limit 1, §2.3). */
  sources: oneSource,

  /**
   * replica-replenishment-wait-interval; Harvester's upgrade controller raises it for the upgrade
   * (upgradeReplicaWaitSeconds, keeping a larger base), a manual drain does not.
   */
  replaceDelayMs: (ctx) => {
    const base = ctx.params.policies.storage.repairDelay;
    return (ctx.upgradeInProgress ? Math.max(base, ctx.params.policies.storage.longhorn.upgradeReplicaWaitSeconds) : base) * 1000;
  },

  destroyedDelayMs: () => 0,

  /**
   * Reuse is a rebuild (platform-facts §2.3; longhorn-engine AddReplica): a snapshot is taken and
   * every snapshot file is synced from one source. A file both sides hold with matching checksum
   * files is skipped (fast-replica-rebuild-enabled); every other one, the snapshot of the volume
   * head among them, is read and SHA-512-compared block by block on both sides, and only the
   * differing blocks (the writes the replica missed) are sent.
   */
  returnCompare(ctx, _set, copy) {
    const lh = ctx.params.policies.storage.longhorn;
    const skipped = lh.fastReplicaRebuild ? lh.checksummedSnapshotPercent / 100 : 0;
    const bytes = copy.bytes * (1 - skipped);
    return { bytes, ms: Math.round((bytes / (lh.reuseHashMiBps * 2 ** 20)) * 1000) };
  },

  beforeMaintenance(ctx, host, _mode) {
    const policy = ctx.params.policies.storage.longhorn.nodeDrainPolicy;
    if (policy === 'always-allow' || policy === 'allow-if-replica-is-stopped') return { evacuate: [] };
    const onHost = ctx.setsOn(host).filter((s) => !s.lost && s.copies.some((c) => c.host === host && c.state !== 'absent'));
    const lastHere = onHost.filter((s) => isLastReplicaOn(ctx, s, host));
    if (policy === 'block-for-eviction') return { evacuate: onHost.filter((s) => !hasCopyElsewhereBuilding(s, host)) };
    if (policy === 'block-for-eviction-if-contains-last-replica') return { evacuate: lastHere };
    if (lastHere.length > 0) {
      const more = lastHere.length > 1 ? ` and ${lastHere.length - 1} more` : '';
      return { blocked: `storage: ${host} holds the last healthy replica of ${lastHere[0].name}${more} (node-drain-policy ${policy})`, placementChecked: false };
    }
    return { evacuate: [] };
  },

  /**
   * The drain policy is enforced until the node actually goes down, not only when its drain starts:
   * Longhorn keeps a PodDisruptionBudget on the node's instance manager while it holds a volume's last
   * healthy replica (longhorn-manager controller/instance_manager_controller.go, PDB per node), so
   * the drain's eviction waits. Two nodes starting to drain together (concurrency 2) therefore cannot
   * both take the two replicas of one volume down.
   */
  stopRefusal(ctx, host) {
    const policy = ctx.params.policies.storage.longhorn.nodeDrainPolicy;
    if (policy === 'always-allow' || policy === 'allow-if-replica-is-stopped') return undefined;
    let sets = 0;
    let first: string | undefined;
    for (const set of ctx.setsOn(host)) {
      if (set.lost || !isLastReplicaOn(ctx, set, host)) continue;
      sets++;
      first ??= set.name;
    }
    if (sets === 0) return undefined;
    const more = sets > 1 ? ` and ${sets - 1} more` : '';
    return { reason: `storage: ${host} holds the last healthy replica of ${first}${more} (node-drain-policy ${policy})`, sets };
  },

  /** concurrent-replica-rebuild-per-node-limit counts rebuilding replicas on the node (the target). */
  slots: (ctx, target) => [{ key: `host:${target.host}`, limit: ctx.params.policies.storage.rebuildConcurrencyPerHost }],
};

/** Longhorn's replica scheduler checks (replica_scheduler.go, platform-facts §2.2). */
function schedulable(disk: Disk, bytes: number, lh: LonghornParameters): string | undefined {
  const available = disk.capacityBytes - disk.usedBytes;
  if (available - bytes <= (disk.capacityBytes * lh.storageMinimalAvailablePercent) / 100) return 'storage-minimal-available-percentage';
  const reserved = (disk.capacityBytes * lh.storageReservedPercent) / 100;
  if (bytes + disk.usedBytes > ((disk.capacityBytes - reserved) * lh.storageOverProvisioningPercent) / 100) return 'storage-over-provisioning-percentage';
  return undefined;
}

function isLastReplicaOn(ctx: PolicyContext, set: ReplicaSet, host: string): boolean {
  const current = ctx.state.current(set);
  return current.length > 0 && current.every((c) => c.host === host);
}

function hasCopyElsewhereBuilding(set: ReplicaSet, host: string): boolean {
  return set.copies.some((c) => c.host !== host && c.state === 'building');
}

function rackOf(ctx: PolicyContext, host: string): string {
  return hostsById(ctx.hosts).get(host)?.rack ?? '';
}

function usedRacks(ctx: PolicyContext, set: ReplicaSet): Set<string> {
  return new Set(set.copies.map((c) => rackOf(ctx, c.host)));
}
