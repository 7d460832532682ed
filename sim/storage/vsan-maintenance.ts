// What vSAN moves before a host enters maintenance mode, per the data-migration option chosen
// (platform-facts §3.5, vSAN 8 admin "Place a Member of vSAN Cluster in Maintenance Mode"):
// - ensureAccessibility (the default) moves only the components without which an object would become
//   inaccessible once this host's components go absent: FTT=0 objects, objects already degraded,
//   objects whose quorum rests on this host;
// - fullDataMigration moves every component off the host, so nothing runs with reduced redundancy;
//   each needs a fault domain holding no component of its object, so it is refused on 3-host FTT=1
//   clusters;
// - noDataMigration moves nothing (FTT=0 and degraded objects become inaccessible).
// The engine moves a witness at once (it is metadata) and a data component by a copy job.
// When an object would be fine once a resync or rebuild already under way completes, the host waits
// for it instead of moving data: Broadcom KB 326927 (vSAN cluster upgrades) has the administrator wait
// until resync finishes before the next host enters maintenance mode.
import type { DataMigrationMode } from '../scenario/types.ts';
import type { MaintenancePlan, PolicyContext } from './policy.ts';
import { isRefused, type ReplicaSet } from './types.ts';
import { currentWitnesses, quorate, vsanCanPlace } from './vsan-layout.ts';

type Need = 'none' | 'wait' | 'move';

export function planVsanMaintenance(ctx: PolicyContext, host: string, mode: DataMigrationMode): MaintenancePlan {
  if (mode === 'noDataMigration') return { evacuate: [] };
  const moves: ReplicaSet[] = [];
  let waiting = 0;
  const checked = { placement: false };
  for (const set of ctx.setsOn(host)) {
    const here = set.copies.some((c) => c.host === host && c.state === 'current' && !c.durability);
    if (set.lost || !here) continue;
    const need = mode === 'fullDataMigration' ? 'move' : accessibilityNeed(ctx, set, host, checked);
    if (need === 'wait') waiting++;
    if (need === 'move') moves.push(set);
  }
  // Checked here because vSAN refuses the whole maintenance request when a component has nowhere to go.
  const refusals = moves.flatMap((set) => {
    const target = vsanCanPlace(ctx, set, set.copies.map((c) => c.host));
    return isRefused(target) ? [{ set, reason: target.refused }] : [];
  });
  if (refusals.length > 0) {
    const more = refusals.length > 1 ? ` and ${refusals.length - 1} more` : '';
    return { blocked: `storage: ${mode} cannot move ${refusals[0].set.name}${more} off ${host}: ${refusals[0].reason}` };
  }
  if (waiting > 0) {
    const blocked = `storage: ${host} waits for resyncs and rebuilds in flight before entering maintenance (${mode}; KB 326927)`;
    return { blocked, placementChecked: checked.placement || moves.length > 0 };
  }
  return { evacuate: moves };
}

/** ensureAccessibility: would the object lose quorum or readability without this host's components? */
function accessibilityNeed(ctx: PolicyContext, set: ReplicaSet, host: string, checked: { placement: boolean }): Need {
  const data = ctx.state.current(set);
  // An object that is inaccessible already has no owner to move data for it; vSAN can do nothing.
  if (!quorate(set, data.length, currentWitnesses(set))) return 'none';
  const dataElsewhere = data.filter((c) => c.host !== host).length;
  const witnessesElsewhere = set.copies.filter((c) => c.witness && c.state === 'current' && c.host !== host).length;
  if (quorate(set, dataElsewhere, witnessesElsewhere)) return 'none';
  // Moving a witness is instant (metadata); moving data is worth avoiding if a copy under way suffices.
  const witnessHere = set.copies.some((c) => c.host === host && c.witness);
  if (witnessHere) {
    checked.placement = true;
    if (!isRefused(vsanCanPlace(ctx, set, set.copies.map((c) => c.host)))) return 'move';
  }
  // Copies being built elsewhere, and those the repair is about to start for components destroyed
  // with a disk (vSAN rebuilds degraded components at once: the rebuild and the move are one copy).
  const building = set.copies.filter((c) => !c.witness && c.state === 'building' && c.host !== host).length;
  const missing = Math.max(0, set.wantedData - set.copies.filter((c) => !c.witness && !c.durability).length);
  return quorate(set, dataElsewhere + building + missing, witnessesElsewhere) ? 'wait' : 'move';
}
