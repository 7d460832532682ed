// The run's summary beside the map: the figures a user compares between runs, and the trace hash
// that says this is the same run as `hcisim run FILE --seed N`.
import type { Summary } from '../../../sim/summary.ts';
import { formatNumber, formatTime } from './format.ts';

const row = (label: string, value: string) => `<tr><td>${label}</td><td>${value}</td></tr>`;

export function summaryRows(s: Summary): [string, string][] {
  const m = s.maintenance, mig = s.migrations, st = s.storage;
  return [
    ['platform', s.platform],
    ['seed', String(s.seed)],
    ['simulated', formatTime(s.simulatedSeconds)],
    ['events', formatNumber(s.eventCount)],
    ['hosts / VMs', `${s.capacity.hosts} / ${s.vms.count}`],
    ['maintenance makespan', formatTime(m.makespanSeconds)],
    ['hosts completed', String(m.hostsCompleted)],
    ['stalls', `${m.stalls.length}${m.stalled ? ' (never cleared)' : ''}`],
    ['migrations', `${mig.completed} / ${mig.started}${mig.failed ? `, ${mig.failed} failed` : ''}`],
    ['migration p95', formatTime(mig.durationSeconds.p95)],
    ['max switchover', `${formatNumber(mig.downtimeMs.max)} ms`],
    ['VM downtime', formatTime(s.vms.downtimeSeconds.total)],
    ['VMs with downtime', String(s.vms.vmsWithDowntime)],
    ['storage', `${st.kind}, ${st.volumes} volumes`],
    ['copy jobs', `${st.rebuilds} (${formatNumber(st.rebuiltGiB)} GiB)`],
    ['degraded volume-hours', formatNumber(st.degradedVolumeHours)],
    ['inaccessible volume-hours', formatNumber(st.inaccessibleVolumeHours)],
    ['volumes lost', String(st.volumesLost)],
  ];
}

export function renderSummary(element: HTMLElement, s: Summary | undefined, note = ''): void {
  if (!s) {
    element.innerHTML = note ? `<p>${note}</p>` : '';
    return;
  }
  element.innerHTML = `<h4>${escapeHtml(s.scenario)}</h4><table>${summaryRows(s).map(([l, v]) => row(l, escapeHtml(v))).join('')}</table>`;
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Two runs' summaries in one table, each figure that differs highlighted. */
export function renderComparison(element: HTMLElement, a: Summary, b: Summary): void {
  const rowsA = summaryRows(a), rowsB = new Map(summaryRows(b));
  const cells = rowsA.map(([label, va]) => {
    const vb = rowsB.get(label) ?? '';
    const cls = va === vb ? '' : ' class="diff"';
    return `<tr><td>${label}</td><td${cls}>${escapeHtml(va)}</td><td${cls}>${escapeHtml(vb)}</td></tr>`;
  });
  element.innerHTML = `<h4>${escapeHtml(a.scenario)}</h4><table><tr><th></th><th>${escapeHtml(a.platform)}</th><th>${escapeHtml(b.platform)}</th></tr>${cells.join('')}</table>`;
}
