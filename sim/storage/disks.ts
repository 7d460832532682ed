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
  let bestKey: [number, number] = [-Infinity, -Infinity];
  const reasons = new Map<string, number>();
  const note = (r: string) => reasons.set(r, (reasons.get(r) ?? 0) + 1);
  for (const host of ctx.hosts) {
    if (!host.usable) {
      note('host not available');
      continue;
    }
    if (choice.avoid.includes(host.id)) {
      note('anti-affinity (host holds a copy)');
      continue;
    }
    for (const disk of ctx.state.disks.get(host.id) ?? []) {
      const refusal = disk.failed ? 'disk failed' : (choice.accepts?.(disk, choice.bytes) ?? fits(disk, choice.bytes));
      if (refusal !== undefined) {
        note(refusal);
        continue;
      }
      const key: [number, number] = [choice.preference?.(host.id) ?? 0, disk.capacityBytes - disk.usedBytes];
      if (key[0] > bestKey[0] || (key[0] === bestKey[0] && key[1] > bestKey[1])) {
        best = disk;
        bestKey = key;
      }
    }
  }
  if (best) return { host: best.host, disk: best.index };
  const summary = [...reasons.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r} (${n})`);
  return { refused: summary.length > 0 ? `no disk: ${summary.join(', ')}` : 'no host' };
}

function fits(disk: Disk, bytes: number): string | undefined {
  return disk.usedBytes + bytes <= disk.capacityBytes ? undefined : 'disk full';
}
