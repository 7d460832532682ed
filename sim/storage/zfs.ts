// Proxmox VE local ZFS with storage replication (pvesr; pve-docs pvesr.adoc): a guest's disk lives
// on the node it runs on, and a replication job sends ZFS snapshots of it to `replicas - 1` other
// nodes on a schedule (every 15 minutes by default). The replicas are what lets the guest move: a
// migration to a node that holds one sends only what changed since the last run, and HA may recover
// the guest only on such a node, where it restarts from the last replicated state: the writes since
// that run are lost (replicationLagMs). Nothing re-targets a job whose node is gone; a returning
// node's copy is brought up to date by the next run (a resync of what it missed).
import { chooseDisk } from './disks.ts';
import type { StoragePolicy } from './policy.ts';
import { diskOn, layoutCopies, newRackFirst, oneSource } from './replicated-layout.ts';

/**
 * Time since the last replication run at `tMs`. Jobs run on the clock ("*\/15" fires at :00, :15,
 * :30, :45), and a run takes as long as its ZFS send; the snapshot is taken at its start, so the
 * state a failover restarts from is the one at the last start.
 */
export function replicationLagMs(tMs: number, intervalSeconds: number): number {
  const interval = intervalSeconds * 1000;
  return tMs - Math.floor(tMs / interval) * interval;
}

export const zfsPolicy: StoragePolicy = {
  kind: 'zfs',

  layout(ctx, volumes) {
    layoutCopies(ctx, volumes, ctx.params.storage.replicas, {
      target: (c, set, avoid, i, v) => (i === 0 ? diskOn(c, set, v.vmHost) : zfsPolicy.target(c, set, avoid)),
    });
  },

  accessible: (set, state) => state.current(set).length >= 1,

  /** A replication target: a node that holds no copy yet, in another rack if one has room, then the most free space. */
  target: (ctx, set, avoid) => chooseDisk(ctx, { avoid: [...avoid, ...set.copies.map((c) => c.host)], bytes: set.bytes, preference: newRackFirst(ctx, set) }),

  sources: oneSource,

  /** A job names its target node: nothing replaces a copy on a node that is away. */
  replaceDelayMs: () => Infinity,

  /** A dataset lost with its disk is sent again in full by the next run. */
  destroyedDelayMs: (ctx) => ctx.params.policies.storage.zfs.replicationIntervalSeconds * 1000,

  /** The node's datasets stay; they miss the runs while it is away and catch up on return. */
  beforeMaintenance: () => ({ evacuate: [] }),

  slots: (ctx, target) => [{ key: `host:${target.host}`, limit: ctx.params.policies.storage.rebuildConcurrencyPerHost }],
};
