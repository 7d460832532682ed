// Nutanix Distributed Storage Fabric (AOS, under AHV): each vDisk is kept at the container's
// replication factor (RF2 or RF3 = `storage.replicas`). With data locality a VM's writes land on the
// CVM of the node it runs on, so one copy is local and the others go to peers (the Nutanix Bible,
// Book of AOS, "Data Protection" and "Data Locality"); after the VM moves, a copy follows it in the
// background (locality.ts). When a node or disk fails, Curator re-replicates its data "among all
// nodes in the cluster": every surviving node is a source and a target at once, so a node's data
// comes back in parallel from everywhere (declustered).
// Simplification: AOS spreads one vDisk's extent groups over many nodes; hcisim keeps each volume's
// remote copy whole on one peer (the least used), so declustering shows across a node's volumes (each
// rebuilt from a different peer to a different peer), not inside one volume.
import { chooseDisk } from './disks.ts';
import type { PolicyContext, StoragePolicy } from './policy.ts';
import { diskOn, layoutCopies, newRackFirst, oneSource } from './replicated-layout.ts';
import type { ReplicaSet, Target } from './types.ts';

export const dsfPolicy: StoragePolicy = {
  kind: 'dsf',

  layout(ctx, volumes) {
    const local = ctx.params.policies.storage.dsf.dataLocality;
    layoutCopies(ctx, volumes, ctx.params.storage.replicas, {
      target: (c, set, avoid, i, v) => (i === 0 && local ? localTarget(c, set, v.vmHost) : dsfPolicy.target(c, set, avoid)),
    });
  },

  accessible: (set, state) => state.current(set).length >= 1,

  /** A peer that holds no copy (RF copies on distinct nodes), in another rack if one has room (rack awareness), then the most free space. */
  target: (ctx, set, avoid) => chooseDisk(ctx, { avoid: [...avoid, ...set.copies.map((c) => c.host)], bytes: set.bytes, preference: newRackFirst(ctx, set) }),

  sources: oneSource,

  /**
   * A failed node's copies are re-replicated once AOS declares it down (repairDelay); a node in
   * planned maintenance is waited for unless `rebuildDuringMaintenance`.
   */
  replaceDelayMs: (ctx, cause) =>
    cause === 'maintenance' && !ctx.params.policies.storage.dsf.rebuildDuringMaintenance ? Infinity : ctx.params.policies.storage.repairDelay * 1000,

  /** A failed disk's extent groups are re-replicated at once (Curator's disk-failure scan). */
  destroyedDelayMs: () => 0,

  /** AOS maintenance mode moves no data first: the node's copies are simply absent while it is away. */
  beforeMaintenance: () => ({ evacuate: [] }),

  /** After a VM moves, the data it reads is migrated to its new node in the background (locality.ts). */
  localityMiBps: (ctx) => (ctx.params.policies.storage.dsf.dataLocality ? ctx.params.policies.storage.dsf.localityMiBps : 0),

  /** Curator's re-replication tasks, counted per receiving node. */
  slots: (ctx, target) => [{ key: `host:${target.host}`, limit: ctx.params.policies.storage.rebuildConcurrencyPerHost }],
};

/** The VM's own node when it has room; otherwise the best peer (locality is a preference, not a rule). */
function localTarget(ctx: PolicyContext, set: ReplicaSet, vmHost: string): Target {
  const here = diskOn(ctx, set, vmHost);
  return 'refused' in here ? dsfPolicy.target(ctx, set, []) : here;
}
