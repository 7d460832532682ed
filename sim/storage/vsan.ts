// vSAN (vSphere's HCI datastore): each VM's disk is an object of components spread over hosts by its
// storage policy: RAID-1 mirrors plus witnesses, or RAID-5/6 stripes (vsan-layout.ts, platform-facts
// §3.1). An object stays accessible while more than half its votes are present and its data is
// readable. A component on a host that goes away is *absent*: vSAN waits for the object repair timer
// (VSAN.ClomRepairDelay, 60 min) before rebuilding it elsewhere, and if it returns first it resyncs
// only what it missed; a component on a failed disk is *degraded* and rebuilt at once (§3.2).
// Maintenance moves data per the chosen data-migration option (vsan-maintenance.ts, §3.5).
import type { PolicyContext, SourceRead, StoragePolicy } from './policy.ts';
import type { Copy, ReplicaSet } from './types.ts';
import { planVsanMaintenance } from './vsan-maintenance.ts';
import { faultDomains, vsanAccessible, vsanCanPlace, vsanShape, vsanTarget, type VsanShape } from './vsan-layout.ts';

export const vsanPolicy: StoragePolicy = {
  kind: 'vsan',

  layout(ctx, volumes) {
    const shape = vsanShape(ctx.params);
    for (const v of volumes) {
      const set = ctx.state.createSet({
        name: v.id, bytes: v.bytes, wantedData: shape.data, dataNeeded: shape.dataNeeded, witnesses: shape.witnesses,
        writeBytesPerSec: v.writeBytesPerSec, volumes: [v.id],
      });
      placeComponents(ctx, set, shape);
    }
  },

  accessible: vsanAccessible,

  target: vsanTarget,

  /**
   * A mirror is rebuilt from one current replica; a k+m component (size S/k) is recomputed from k
   * current components, reading its share (`bytes`, S/k for a full rebuild) from each. Replicas on
   * hosts that are not leaving are read first, and the choice rotates with the object id so that the
   * resyncs after a host returns read from many hosts, as vSAN's per-object owners do.
   * Simplification: an object without quorum is rebuilt here from a current replica, whereas vSAN
   * cannot reconfigure it until its quorum returns. Whether a returning stale replica votes again
   * before its resync is not documented in the sources we have; refusing here makes an object whose
   * witness died with a disk while its other replica was away inaccessible for good, which is the
   * more pessimistic reading, so we keep the optimistic one and say so.
   */
  sources(ctx, set, bytes) {
    const byHost = (a: Copy, b: Copy) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.disk - b.disk);
    const current = ctx.state.current(set).sort(byHost);
    if (current.length < set.dataNeeded) return [];
    const first = rotate(current.filter((c) => ctx.hostUsable(c.host)), set.id);
    const ordered = [...first, ...current.filter((c) => !ctx.hostUsable(c.host))];
    return ordered.slice(0, set.dataNeeded).map((c): SourceRead => ({ host: c.host, bytes }));
  },

  /** Absent components (host failure, or maintenance without full migration) wait for the repair timer. */
  replaceDelayMs: (ctx) => ctx.params.policies.storage.repairDelay * 1000,

  /** Degraded components (failed device) are rebuilt immediately (§3.2). */
  destroyedDelayMs: () => 0,

  /**
   * "If the host rejoins the cluster after 60 minutes and recovery has started, vSAN evaluates whether
   * to continue the recovery or stop it and resynchronize the original components" (vSphere 7.0 vSAN
   * Monitoring and Troubleshooting, "When a host fails", GUID-CC944D93; same text in 6.5).
   */
  resyncOutpacesRebuild: true,

  /**
   * A durability component (durability.ts) for ensureAccessibility maintenance (7.0 U1) and, from
   * 7.0 U2, host failures, in a fault domain holding no component of the object; none without one.
   * [assumption: no durability component under noDataMigration, which the sources do not mention.]
   * The spare fault domains take them in turn by object id (a durability component holds no space
   * here, so balancing by free space would put every one on the emptiest host); on the host, a disk
   * is chosen like a component's (vsanCanPlace, which draws no random number) without a space check:
   * vSAN components are thin, and this one starts empty and grows only with the writes its partner
   * misses (checking a full component's space refused it on disks that were merely part-full).
   */
  durabilityTarget(ctx, set, cause, mode) {
    const when = ctx.params.policies.storage.vsan.durabilityComponents;
    const wanted = cause === 'maintenance' ? mode === 'ensureAccessibility' && when !== 'none' : when === 'maintenanceAndFailures';
    if (!wanted) return undefined;
    const domains = faultDomains(ctx);
    const held = new Set(set.copies.map((c) => domains.get(c.host)));
    const spare = ctx.hosts.filter((h) => h.usable && !held.has(domains.get(h.id)));
    if (spare.length === 0) return undefined;
    const target = vsanCanPlace({ ...ctx, hosts: [spare[set.id % spare.length]] }, set, set.copies.map((c) => c.host), 0);
    return 'refused' in target ? undefined : target;
  },

  beforeMaintenance: planVsanMaintenance,

  /**
   * vSAN has no per-host count of concurrent resyncs: components resync in parallel and Adaptive
   * Resync shares bandwidth (§3.3). The profile's rebuildConcurrencyPerHost (8, an assumption set so
   * that the NIC stays the bottleneck) bounds the components being written on one target host.
   */
  slots: (ctx, target) => [{ key: `host:${target.host}`, limit: ctx.params.policies.storage.rebuildConcurrencyPerHost }],
};

/**
 * Places data components then witnesses, each in its own fault domain. With fewer fault domains than
 * the policy needs, vSAN refuses the policy or, with force provisioning, keeps the object
 * non-compliant: here the components that fit are placed and the shortfall is recorded.
 */
function placeComponents(ctx: PolicyContext, set: ReplicaSet, shape: VsanShape): void {
  const placed: { host: string; disk: number }[] = [];
  const witnesses: { host: string; disk: number }[] = [];
  const kinds = [...Array<boolean>(shape.data).fill(false), ...Array<boolean>(shape.witnesses).fill(true)];
  for (let i = 0; i < kinds.length; i++) {
    const witness = kinds[i];
    const target = vsanTarget(ctx, set, set.copies.map((c) => c.host), witness ? 0 : undefined);
    if ('refused' in target) {
      ctx.record('storage.unplaced', {
        set: set.name, component: witness ? 'witness' : 'data', missing: kinds.length - i,
        reason: `${shape.label} needs ${shape.minFaultDomains} fault domains (object non-compliant): ${target.refused}`,
      });
      break;
    }
    ctx.state.addCopy(set, target.host, target.disk, 'current', witness);
    (witness ? witnesses : placed).push(target);
  }
  ctx.record('storage.place', { set: set.name, policy: shape.label, copies: placed, witnesses });
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
