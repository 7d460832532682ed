// What `hcisim study overhead` reports: one row per overhead value, and the same scenario on bare
// metal beside them, as a table (and as JSON: the report object itself).
import { formatSeconds } from '../scenario/duration.ts';
import { formatNumber, table } from './format.ts';

export interface StudyRow {
  cpuTaxPercent: number;
  /** Host memory the platform keeps at this row (the file's, or --memory-overhead's share). */
  hostMemoryGiB: number;
  usableCores: number;
  allocatableMemoryGiB: number;
  /** VMs placed on the file's hosts. */
  vmsPlaced: number;
  /** From the CPU contention model's summary.cpu.contendedVmHours; null while the summary has none. */
  contendedVmHours: number | null;
  /** Smallest host count that runs every VM (hcisim size, no HA, no headroom). */
  hostsNeeded: number | null;
  extraHostsVsBareMetal: number | null;
  downtimeSeconds: number;
  vmsWithOutage: number;
  /** A rolling maintenance in the scenario stalled (no room to drain a host, say). */
  rolloutStalled: boolean;
}

export interface StudyReport {
  scenario: string;
  platform: string;
  rows: StudyRow[];
  bareMetal: { hostsNeeded: number | null; usableCores: number; vmsPlaced: number; downtimeSeconds: number; vmsWithOutage: number };
}

const orDash = (v: number | null, decimals = 0) => (v === null ? '-' : formatNumber(v, decimals));

export function formatStudy(r: StudyReport, svgPath?: string): string {
  const header = ['CPU tax', 'usable cores', 'allocatable memory', 'VMs placed', 'contended VM-hours', 'hosts needed', 'vs bare metal', 'downtime', 'VMs with an outage', 'rollout stalled'];
  const rows = r.rows.map((x) => [
    `${x.cpuTaxPercent}%`,
    formatNumber(x.usableCores, 1),
    `${formatNumber(x.allocatableMemoryGiB, 1)} GiB`,
    formatNumber(x.vmsPlaced),
    orDash(x.contendedVmHours, 1),
    orDash(x.hostsNeeded),
    x.extraHostsVsBareMetal === null ? '-' : `${x.extraHostsVsBareMetal >= 0 ? '+' : ''}${x.extraHostsVsBareMetal}`,
    formatSeconds(x.downtimeSeconds),
    formatNumber(x.vmsWithOutage),
    x.rolloutStalled ? 'yes' : 'no',
  ]);
  const b = r.bareMetal;
  rows.push(['bare metal', formatNumber(b.usableCores, 1), '', formatNumber(b.vmsPlaced), '', orDash(b.hostsNeeded), '', formatSeconds(b.downtimeSeconds), formatNumber(b.vmsWithOutage), '']);
  const lines = [`${r.scenario}: the hypervisor tax on ${r.platform}, and the same scenario on bare metal`, '', ...table([header, ...rows])];
  if (r.rows.some((x) => x.contendedVmHours === null)) lines.push('', 'contended VM-hours: - (this build has no CPU contention model in its summary)');
  if (svgPath !== undefined) lines.push('', `chart: ${svgPath}`);
  return lines.join('\n') + '\n';
}
