// The side-by-side table of `hcisim compare`: one column per platform, the figures an architect
// compares down the left, and a `*` after every value that differs from the first platform's.
import { formatSeconds } from '../scenario/duration.ts';
import type { Summary } from '../summary.ts';
import { formatNumber, gib, table } from './format.ts';

type Figure = [label: string, value: (s: Summary) => string];

const FIGURES: readonly Figure[] = [
  ['storage', (s) => `${s.storage.kind} x${s.parameters.storage.replicas}`],
  ['usable cores', (s) => formatNumber(s.capacity.usableCores, 1)],
  ['allocatable memory', (s) => gib(s.capacity.allocatableMemoryGiB)],
  ['VMs unplaced', (s) => formatNumber(s.vms.unplaced)],
  ['VMs whose volume could not be placed', (s) => formatNumber(s.vms.volumeUnplaced)],
  ['VMs with an outage', (s) => formatNumber(s.vms.vmsWithOutage)],
  ['VMs only stunned', (s) => formatNumber(s.vms.vmsWithDowntime - s.vms.vmsWithOutage)],
  ['downtime total', (s) => formatSeconds(s.vms.downtimeSeconds.total)],
  ['downtime max (one VM)', (s) => formatSeconds(s.vms.downtimeSeconds.max)],
  ['restarts', (s) => formatNumber(s.vms.restarts)],
  ['host failure: VMs restarted elsewhere, mean / max', (s) => recovery(s.vms.afterHostFailure.elsewhere)],
  ['host failure: VMs booted on repair, mean / max', (s) => recovery(s.vms.afterHostFailure.sameHost)],
  ['migrations completed / failed', (s) => `${formatNumber(s.migrations.completed)} / ${formatNumber(s.migrations.failed)}`],
  ['migration mean / max', (s) => `${formatSeconds(s.migrations.durationSeconds.mean)} / ${formatSeconds(s.migrations.durationSeconds.max)}`],
  ['migration pause max', (s) => formatSeconds(s.migrations.downtimeMs.max / 1000)],
  ['rollout makespan', (s) => formatSeconds(s.maintenance.makespanSeconds)],
  ['hosts completed', (s) => formatNumber(s.maintenance.hostsCompleted)],
  ['rollout stalled', (s) => (s.maintenance.stalled ? 'yes' : 'no')],
  ['copied (rebuild/resync/evac)', (s) => gib(s.storage.rebuiltGiB)],
  ['degraded volume-hours', (s) => formatNumber(s.storage.degradedVolumeHours, 1)],
  ['inaccessible volume-hours', (s) => formatNumber(s.storage.inaccessibleVolumeHours, 1)],
  ['volumes lost', (s) => formatNumber(s.storage.volumesLost)],
  ['ops waiting for management', (s) => `${formatNumber(s.management.delayedOperations.count)} (${formatSeconds(s.management.delayedOperations.delaySeconds)})`],
  ['events', (s) => formatNumber(s.eventCount)],
  ['trace', (s) => s.traceHash],
];

function recovery(r: { count: number; meanSeconds: number; maxSeconds: number }): string {
  return r.count === 0 ? '0' : `${formatNumber(r.count)}: ${formatSeconds(r.meanSeconds)} / ${formatSeconds(r.maxSeconds)}`;
}

export function formatCompare(summaries: readonly Summary[]): string {
  const first = summaries[0];
  const header = ['', ...summaries.map((s) => s.platform)];
  const rows = FIGURES.map(([label, value]) => {
    const base = value(first);
    return [label, ...summaries.map((s, i) => {
      const v = value(s);
      return i > 0 && v !== base && label !== 'trace' ? `${v} *` : v;
    })];
  });
  const title = `${first.scenario}: the same cluster, workloads and schedule on ${summaries.length} platforms (seed ${first.seed}, ${formatSeconds(first.simulatedSeconds)} simulated)`;
  return [title, '', ...table([header, ...rows]), '', '* differs from ' + first.platform, ''].join('\n');
}
