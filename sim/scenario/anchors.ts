// What the file alone says about anchored schedule entries (`at: { after: EVENT, host, plus }`):
// whether anything in the scenario can produce each anchor, and when at the earliest. An anchor
// is produced only by other entries (a rollout's maintenance events, a failHost's host.fail and
// host.repair, a failDisk's disk.fail) or by the random `failures` block; an entry that never
// runs produces nothing. So an anchor with no producer, a ring of entries each waiting for
// another, or an earliest time past `until` means the entry never runs: an error where the
// maintenance it waits for cannot happen, a warning where it waits for a failure.
import { formatSeconds } from './duration.ts';
import type { Finding } from './problem.ts';
import type { CheckResult } from './checks.ts';
import type { AnchorEvent, FailureRates, HostSpec, ScheduleEntry } from './types.ts';

type Rates = Pick<FailureRates, 'diskAfrPercent' | 'hostAfrPercent'>;

/** An anchor as a lookup key: the event and its host, `*` for any host. */
const key = (event: AnchorEvent, host?: string) => `${event}|${host ?? '*'}`;

const HOST_MAINTENANCE: readonly AnchorEvent[] = ['host.maintenance.enter', 'host.maintenance.start', 'host.maintenance.end'];
const FAILURES: readonly AnchorEvent[] = ['host.fail', 'host.repair', 'disk.fail'];

export function checkAnchors(schedule: readonly ScheduleEntry[], hosts: readonly HostSpec[], failures: Rates | undefined, untilMs: number | undefined): CheckResult {
  const hostById = new Map(hosts.map((h) => [h.id, h]));
  const keysOf = schedule.map((entry) => produced(entry, hostById));
  const producers = new Map<string, number[]>();
  keysOf.forEach((keys, i) => {
    for (const k of keys) append(producers, k, i);
  });
  const random = randomKeys(hosts, failures);
  // Entries whose anchor the other checks already refuse (unknown host, a host on a rollout event).
  const checked = schedule.filter((e) => e.after !== undefined && (e.after.host === undefined || (hostById.has(e.after.host) && !e.after.event.startsWith('maintenance.'))));
  const anchorKey = (e: ScheduleEntry) => key(e.after!.event, e.after!.host);
  const earliest = earliestMs(schedule, checked, keysOf, random, untilMs);
  const runs = (i: number) => earliest[i] !== Infinity && (untilMs === undefined || earliest[i] <= untilMs);
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const waiting = new Map<number, string>();
  for (const entry of checked) {
    if (runs(entry.index)) continue;
    const k = anchorKey(entry);
    if (!producers.has(k) && !random.has(k)) {
      const f = unproduced(entry, schedule, failures !== undefined);
      (FAILURES.includes(entry.after!.event) ? warnings : errors).push(f);
    } else if (earliest[entry.index] !== Infinity) {
      warnings.push({ path: ['schedule', entry.index, 'at', 'plus'], message: `happens after until: it never runs (at ${formatSeconds(earliest[entry.index] / 1000)} at the earliest)` });
    } else waiting.set(entry.index, k);
  }
  const cycles = cycleMembers(schedule.length, waiting, producers);
  for (const [i, k] of waiting) {
    const path = ['schedule', i, 'at', 'after'];
    // Nothing that runs produces the anchor, so every producer is one that never runs.
    const sources = producers.get(k)!;
    const cycle = cycles.get(i);
    if (cycle === undefined) {
      warnings.push({ path, message: `${describe(schedule[i])} comes only from ${names(sources)}, which never run${sources.length === 1 ? 's' : ''}: this entry never runs either` });
    } else if (cycle.length === 1) {
      errors.push({ path, message: `${describe(schedule[i])} comes only from this entry itself: it never runs` });
    } else {
      errors.push({ path, message: `anchors form a cycle: ${describe(schedule[i])} comes only from ${names(sources)}, and ${names(cycle)} each wait for another of them: none of them runs` });
    }
  }
  return { errors, warnings };
}

/** The anchors an entry's own events satisfy, were it to run. */
function produced(entry: ScheduleEntry, hostById: ReadonlyMap<string, HostSpec>): string[] {
  const both = (event: AnchorEvent, host: string) => [key(event, host), key(event)];
  switch (entry.do) {
    case 'rollingMaintenance':
      if (entry.hosts.length === 0) return [];
      return [key('maintenance.start'), key('maintenance.end'), ...HOST_MAINTENANCE.flatMap((ev) => [key(ev), ...entry.hosts.map((h) => key(ev, h))])];
    case 'failHost': {
      const out = both('host.fail', entry.host);
      if (entry.repairAfterMs !== undefined) out.push(...both('host.repair', entry.host));
      if (entry.disks === 'lost' && (hostById.get(entry.host)?.disks.count ?? 0) > 0) out.push(...both('disk.fail', entry.host));
      return out;
    }
    case 'failDisk': return both('disk.fail', entry.host);
    default: return [];
  }
}

/** Anchors the `failures` block can produce from the start of the run. */
function randomKeys(hosts: readonly HostSpec[], failures: Rates | undefined): Set<string> {
  const out = new Set<string>();
  if (failures === undefined) return out;
  for (const h of hosts) {
    if (failures.hostAfrPercent > 0) for (const ev of ['host.fail', 'host.repair'] as const) out.add(key(ev, h.id)).add(key(ev));
    if (failures.diskAfrPercent > 0 && h.disks.count > 0) out.add(key('disk.fail', h.id)).add(key('disk.fail'));
  }
  return out;
}

/**
 * Each entry's earliest start (a lower bound; Infinity when nothing can start it): Dijkstra over
 * entries, since an anchor happens no earlier than the entry producing it and `plus` is never
 * negative. An entry past `until` never runs, so it produces nothing.
 */
function earliestMs(
  schedule: readonly ScheduleEntry[], checked: readonly ScheduleEntry[], keysOf: readonly string[][], random: ReadonlySet<string>, untilMs: number | undefined,
): Float64Array {
  const earliest = new Float64Array(schedule.length).fill(Infinity);
  const dependents = new Map<string, number[]>();
  for (const e of checked) {
    append(dependents, key(e.after!.event, e.after!.host), e.index);
  }
  const heap = new MinHeap();
  const offer = (i: number, t: number) => {
    if (t < earliest[i]) heap.push(earliest[i] = t, i);
  };
  for (const e of schedule) if (e.after === undefined || random.has(key(e.after.event, e.after.host))) offer(e.index, e.atMs);
  const reached = new Set<string>();
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    const [t, i] = top;
    if (t > earliest[i] || (untilMs !== undefined && t > untilMs)) continue;
    for (const k of keysOf[i]) {
      if (reached.has(k)) continue;
      reached.add(k);
      for (const d of dependents.get(k) ?? []) offer(d, t + schedule[d].atMs);
    }
  }
  return earliest;
}

/**
 * Entries on a cycle of waits, each with its cycle's entries in order: Tarjan's strongly connected
 * components, iterative, over entries and anchors (an entry waits for its anchor, an anchor for
 * the waiting entries that produce it), so that many entries sharing one anchor cost a node, not
 * an edge per pair. Node ids: entries 0..n-1, anchors from n on.
 */
function cycleMembers(n: number, waiting: ReadonlyMap<number, string>, producers: ReadonlyMap<string, number[]>): Map<number, number[]> {
  const anchorIds = new Map<string, number>(), anchorKeys: string[] = [];
  for (const k of waiting.values()) if (!anchorIds.has(k)) anchorIds.set(k, n + anchorKeys.push(k) - 1);
  const successors = (v: number): number[] => v < n ? [anchorIds.get(waiting.get(v)!)!] : (producers.get(anchorKeys[v - n]) ?? []).filter((p) => waiting.has(p));
  const index = new Map<number, number>(), low = new Map<number, number>(), stack: number[] = [], onStack = new Set<number>();
  const members = new Map<number, number[]>();
  let next = 0;
  const open = (v: number, work: [number, number[], number][]) => {
    index.set(v, next); low.set(v, next++); stack.push(v); onStack.add(v);
    work.push([v, successors(v), 0]);
  };
  for (const root of waiting.keys()) {
    if (index.has(root)) continue;
    const work: [number, number[], number][] = [];
    open(root, work);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [v, edges, edge] = frame;
      if (edge < edges.length) {
        frame[2]++;
        const w = edges[edge];
        if (!index.has(w)) open(w, work);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) { const u = work[work.length - 1][0]; low.set(u, Math.min(low.get(u)!, low.get(v)!)); }
      if (low.get(v) !== index.get(v)) continue;
      const component: number[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      // An entry and its own anchor make two nodes: a cycle of one entry.
      if (component.length < 2) continue;
      const entries = component.filter((w) => w < n).sort((a, b) => a - b);
      for (const w of entries) members.set(w, entries);
    }
  }
  return members;
}

/** `schedule.1, schedule.4, schedule.7 and 12 more`. */
function names(entries: readonly number[]): string {
  const shown = entries.slice(0, NAMES_SHOWN).map((i) => `schedule.${i}`).join(', ');
  return entries.length > NAMES_SHOWN ? `${shown} and ${entries.length - NAMES_SHOWN} more` : shown;
}

const NAMES_SHOWN = 3;

/** The finding for an anchor nothing in the scenario produces. */
function unproduced(entry: ScheduleEntry, schedule: readonly ScheduleEntry[], randomFailures: boolean): Finding {
  const { event, host } = entry.after!;
  const at = ['schedule', entry.index, 'at'];
  const rollouts = schedule.filter((e) => e.do === 'rollingMaintenance');
  if (event.startsWith('maintenance.')) return { path: [...at, 'after'], message: `${event} never happens: the schedule has no rollingMaintenance entry, so this entry never runs` };
  if (HOST_MAINTENANCE.includes(event)) {
    if (host === undefined || rollouts.length === 0) return { path: [...at, host === undefined ? 'after' : 'host'], message: `${describe(entry)} never happens: the schedule has no rollingMaintenance entry, so this entry never runs` };
    const taken = [...new Set(rollouts.flatMap((r) => (r.do === 'rollingMaintenance' ? r.hosts : [])))].sort();
    return { path: [...at, 'host'], message: `${describe(entry)} never happens: no rollingMaintenance entry takes ${host} (they take ${taken.join(', ') || 'no host'}), so this entry never runs` };
  }
  return { path: [...at, host === undefined ? 'after' : 'host'], message: `${describe(entry)} never happens: no schedule entry causes it and ${randomFailures ? 'the failures block cannot' : 'there is no failures block'}, so this entry never runs` };
}

/** `its anchor host.maintenance.start on esx-04`. */
function describe(entry: ScheduleEntry): string {
  const { event, host } = entry.after!;
  return `its anchor ${event}${host === undefined ? '' : ` on ${host}`}`;
}

function append(lists: Map<string, number[]>, k: string, i: number): void {
  const list = lists.get(k);
  if (list === undefined) lists.set(k, [i]);
  else list.push(i);
}

/** A binary min-heap of (time, entry) pairs. */
class MinHeap {
  private readonly items: [number, number][] = [];
  push(t: number, i: number): void {
    const a = this.items;
    a.push([t, i]);
    for (let c = a.length - 1; c > 0;) {
      const p = (c - 1) >> 1;
      if (!less(a[c], a[p])) break;
      [a[c], a[p]] = [a[p], a[c]];
      c = p;
    }
  }
  pop(): [number, number] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    for (let p = 0; ;) {
      const l = 2 * p + 1, r = l + 1;
      let m = p;
      if (l < a.length && less(a[l], a[m])) m = l;
      if (r < a.length && less(a[r], a[m])) m = r;
      if (m === p) break;
      [a[m], a[p]] = [a[p], a[m]];
      p = m;
    }
    return top;
  }
}

const less = (x: [number, number], y: [number, number]) => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
