// Choosing a disk for a new copy: the shared part of every kind's target rule. Candidates are the
// working disks of usable hosts that pass the kind's capacity check; the one with the most free
// space wins (Longhorn and vSAN both balance by free capacity), ties to the lowest host id, then disk.
import type { PolicyContext } from './policy.ts';
import type { Disk, Target } from './types.ts';

export interface DiskChoice {
  /** Hosts that may not take the copy (they hold one already, or a rule excludes them). */
  avoid: readonly string[];
  bytes: number;
  /** The kind's capacity rule; a string says why the disk is refused. */
  accepts?: (disk: Disk, bytes: number) => string | undefined;
  /** Extra preference: higher wins before free space (e.g. a rack not yet used). */
  preference?: (host: string) => number;
}

export function chooseDisk(ctx: PolicyContext, choice: DiskChoice): Target {
  let best: Disk | undefined;
  let bestPreference = -Infinity;
  let bestFree = -Infinity;
  for (const host of ctx.hosts) {
    if (!host.usable || choice.avoid.includes(host.id)) continue;
    const preference = choice.preference?.(host.id) ?? 0;
    if (preference < bestPreference) continue;
    for (const disk of ctx.state.disks.get(host.id) ?? []) {
      if (refusal(disk, choice) !== undefined) continue;
      const free = disk.capacityBytes - disk.usedBytes;
      if (preference > bestPreference || free > bestFree) {
        best = disk;
        bestPreference = preference;
        bestFree = free;
      }
    }
  }
  return best ? { host: best.host, disk: best.index } : refused(ctx, choice);
}

function refusal(disk: Disk, choice: DiskChoice): string | undefined {
  return disk.failed ? 'disk failed' : (choice.accepts?.(disk, choice.bytes) ?? fits(disk, choice.bytes));
}

/** Why no disk was chosen: every refusal counted, most frequent first (a second pass, only when refused). */
function refused(ctx: PolicyContext, choice: DiskChoice): Target {
  const reasons = new Map<string, number>();
  const note = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  for (const host of ctx.hosts) {
    if (!host.usable) note('host not available');
    else if (choice.avoid.includes(host.id)) note('anti-affinity (host holds a copy)');
    else for (const disk of ctx.state.disks.get(host.id) ?? []) note(refusal(disk, choice)!);
  }
  const summary = [...reasons.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r} (${n})`);
  return { refused: summary.length > 0 ? `no disk: ${summary.join(', ')}` : 'no host' };
}

function fits(disk: Disk, bytes: number): string | undefined {
  return disk.usedBytes + bytes <= disk.capacityBytes ? undefined : 'disk full';
}
