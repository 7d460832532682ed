// The summary's storage block, from the trace alone: volume-hours in each health state (from
// `volume.health` transitions), copies made (`replica.rebuild.end`), lost volumes, and for each
// maintenance window the time from the host's return until every volume is fully redundant again.
import type { TraceEvent } from './core/trace.ts';
import type { StorageKind } from './platforms/parameters.ts';
import { round } from './report.ts';
import type { Summary } from './summary.ts';

const HOUR_MS = 3_600_000;
const GiB = 2 ** 30;
const DEGRADED = new Set(['degraded', 'inaccessible', 'lost']);
const OUT = new Set(['inaccessible', 'lost']);

export function storageFigures(kind: StorageKind, events: readonly TraceEvent[], endMs: number): Summary['storage'] {
  let volumes = 0, rebuilds = 0, resyncs = 0, evacuations = 0, bytes = 0;
  let degradedMs = 0, outMs = 0;
  const health = new Map<string, { state: string; since: number }>();
  const close = (state: string, since: number, at: number) => {
    if (DEGRADED.has(state)) degradedMs += at - since;
    if (OUT.has(state)) outMs += at - since;
  };
  for (const e of events) {
    if (e.type === 'storage.ready') volumes = e.volumes as number;
    else if (e.type === 'replica.rebuild.end') {
      bytes += e.bytes as number;
      if (e.kind === 'resync') resyncs++;
      else if (e.kind === 'evacuate') evacuations++;
      else rebuilds++;
    } else if (e.type === 'volume.health') {
      const v = e.volume as string;
      const prev = health.get(v);
      if (prev) close(prev.state, prev.since, e.t);
      health.set(v, { state: e.health as string, since: e.t });
    }
  }
  let lost = 0;
  for (const { state, since } of health.values()) {
    close(state, since, endMs);
    if (state === 'lost') lost++;
  }
  return {
    kind,
    volumes,
    rebuilds: rebuilds + resyncs + evacuations,
    rebuiltGiB: round(bytes / GiB, 3),
    degradedVolumeHours: round(degradedMs / HOUR_MS, 4),
    inaccessibleVolumeHours: round(outMs / HOUR_MS, 4),
    volumesLost: lost,
    copies: { rebuilds, resyncs, evacuations },
    timeToCompliance: timeToCompliance(events),
  };
}

/** For each host returning from maintenance: seconds until no volume is degraded (null: never in the run). */
function timeToCompliance(events: readonly TraceEvent[]): { host: string; returnedSeconds: number; compliantAfterSeconds: number | null }[] {
  const windows: { host: string; returnedSeconds: number; compliantAfterSeconds: number | null }[] = [];
  const open: { host: string; t: number; index: number }[] = [];
  const notHealthy = new Set<string>();
  for (const e of events) {
    if (e.type === 'volume.health') {
      // A lost volume can never be redundant again; compliance is judged on the others.
      if (e.health === 'healthy' || e.health === 'lost') notHealthy.delete(e.volume as string);
      else notHealthy.add(e.volume as string);
    } else if (e.type === 'host.maintenance.end') {
      windows.push({ host: e.host as string, returnedSeconds: e.t / 1000, compliantAfterSeconds: null });
      open.push({ host: e.host as string, t: e.t, index: windows.length - 1 });
    } else continue;
    if (notHealthy.size === 0) {
      for (const w of open) windows[w.index].compliantAfterSeconds = (e.t - w.t) / 1000;
      open.length = 0;
    }
  }
  return windows;
}

/** Per VM, the intervals its volume was inaccessible or lost (the VM cannot serve then). */
export function volumeOutages(events: readonly TraceEvent[], endMs: number): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  const since = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'volume.health') continue;
    const vm = e.vm as string;
    const isOut = OUT.has(e.health as string);
    if (isOut && !since.has(vm)) since.set(vm, e.t);
    else if (!isOut && since.has(vm)) {
      if (!out.has(vm)) out.set(vm, []);
      out.get(vm)!.push([since.get(vm)!, e.t]);
      since.delete(vm);
    }
  }
  for (const [vm, from] of since) {
    if (!out.has(vm)) out.set(vm, []);
    out.get(vm)!.push([from, endMs]);
  }
  return out;
}
