// The layout shared by the kinds that keep whole copies of each volume on distinct hosts (Longhorn,
// Nutanix DSF, Proxmox ZFS replication): one set per volume, `copies` copies placed one after the
// other (the first may be pinned to the VM's own host), a refusal recorded and the rest left out.
import { chooseDisk } from './disks.ts';
import { hostsById } from './host-view.ts';
import type { LayoutVolume, PolicyContext, SourceRead } from './policy.ts';
import type { ReplicaSet, Target } from './types.ts';

export interface CopyRule {
  /** Where copy `index` goes, avoiding the hosts already chosen. */
  target(ctx: PolicyContext, set: ReplicaSet, avoid: readonly string[], index: number, volume: LayoutVolume): Target;
}

export function layoutCopies(ctx: PolicyContext, volumes: readonly LayoutVolume[], copies: number, rule: CopyRule): void {
  for (const v of volumes) {
    const set = ctx.state.createSet({ name: v.id, bytes: v.bytes, wantedData: copies, dataNeeded: 1, witnesses: 0, writeBytesPerSec: v.writeBytesPerSec, volumes: [v.id] });
    const placed: { host: string; disk: number }[] = [];
    for (let i = 0; i < copies; i++) {
      const target = rule.target(ctx, set, placed.map((p) => p.host), i, v);
      if ('refused' in target) {
        ctx.record('storage.unplaced', { set: set.name, replica: i, reason: target.refused });
        break;
      }
      ctx.state.addCopy(set, target.host, target.disk, 'current');
      placed.push(target);
    }
    ctx.record('storage.place', { set: set.name, copies: placed });
  }
}

/** The roomiest disk of one host (the VM's own: local copies), or a refusal. */
export function diskOn(ctx: PolicyContext, set: ReplicaSet, host: string): Target {
  const hosts = ctx.hosts.map((h) => ({ ...h, usable: h.usable && h.id === host }));
  return chooseDisk({ ...ctx, hosts }, { avoid: [], bytes: set.bytes });
}

/** A whole copy is rebuilt from one current copy: the lowest host id, so the choice is stable. */
export function oneSource(ctx: PolicyContext, set: ReplicaSet, bytes: number): SourceRead[] {
  const source = ctx.state.current(set).map((c) => c.host).sort()[0];
  return source === undefined ? [] : [{ host: source, bytes }];
}

/**
 * A copy's target preference: a rack holding none of the set's live copies first (Nutanix block and
 * rack awareness; a Proxmox admin picking a replication target in another rack). Soft: with too few
 * racks the copy still goes where there is room.
 */
export function newRackFirst(ctx: PolicyContext, set: ReplicaSet): ((host: string) => number) | undefined {
  const byId = hostsById(ctx.hosts);
  const used = new Set<string>();
  for (const c of set.copies) {
    const rack = c.state === 'absent' ? undefined : byId.get(c.host)?.rack;
    if (rack !== undefined) used.add(rack);
  }
  if (used.size === 0) return undefined;
  return (host) => (used.has(byId.get(host)?.rack ?? '') ? 0 : 1);
}
