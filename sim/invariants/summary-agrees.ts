// The summary tells the truth: its figures, counted again from the trace by this file's own
// reading of the events (not by the summary's fold), agree with what summary.json says.
import { Trace } from '../core/trace.ts';
import type { SimEvent } from '../events/catalogue.ts';
import type { Summary } from '../summary.ts';
import type { Finding } from './types.ts';

export function checkSummary(summary: Summary, events: readonly SimEvent[]): Finding[] {
  const hash = new Trace(false);
  const count = new Map<string, number>();
  const lost = new Set<string>();
  const hostsOut = new Set<string>();
  let volumeUnplaced = 0;
  let start: Extract<SimEvent, { type: 'run.start' }> | undefined;
  let end: Extract<SimEvent, { type: 'run.end' }> | undefined;
  for (const e of events) {
    hash.record(e.t, e.type, e);
    count.set(e.type, (count.get(e.type) ?? 0) + 1);
    if (e.type === 'run.start') start = e;
    if (e.type === 'vm.down' && e.volume === 'unplaced') volumeUnplaced++;
    if (e.type === 'run.end') end = e;
    if (e.type === 'volume.health' && e.health === 'lost') for (const v of e.volumes) lost.add(v);
    if (e.type === 'host.fail' || e.type === 'host.maintenance.enter') hostsOut.add(e.host);
    if (e.type === 'host.repair' || e.type === 'host.maintenance.end') hostsOut.delete(e.host);
  }
  const n = (type: string) => count.get(type) ?? 0;
  const expected: [string, unknown, unknown][] = [
    ['eventCount', summary.eventCount, events.length],
    ['traceHash', summary.traceHash, hash.hash()],
    ['seed', summary.seed, start?.seed],
    ['scenario', summary.scenario, start?.scenario],
    ['capacity.hosts', summary.capacity.hosts, start?.hosts],
    ['vms.count', summary.vms.count, start?.vms],
    ['vms.unplaced', summary.vms.unplaced, n('vm.unplaced')],
    ['vms.volumeUnplaced', summary.vms.volumeUnplaced, volumeUnplaced],
    ['vms.restarts', summary.vms.restarts, n('vm.boot')],
    ['migrations.started', summary.migrations.started, n('vm.migration.start')],
    ['migrations.completed', summary.migrations.completed, n('vm.migration.end')],
    ['migrations.failed', summary.migrations.failed, n('vm.migration.fail')],
    ['maintenance.hostsCompleted', summary.maintenance.hostsCompleted, n('host.maintenance.end')],
    ['storage.volumesLost', summary.storage.volumesLost, lost.size],
    ['endOfRun.volumesLost', summary.endOfRun.volumesLost, lost.size],
    ['endOfRun.hostsOut', summary.endOfRun.hostsOut.join(','), [...hostsOut].sort().join(',')],
  ];
  if (end !== undefined) {
    expected.push(['simulatedSeconds', summary.simulatedSeconds, end.t / 1000], ['stopReason', summary.stopReason, end.stopReason]);
  }
  return expected
    .filter(([, said, counted]) => said !== counted)
    .map(([field, said, counted]) => ({ message: `summary ${field} is ${JSON.stringify(said)}, the trace says ${JSON.stringify(counted)}` }));
}
