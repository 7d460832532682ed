// The human summary `hcisim run` prints: one table, sections down the left (capacity, VMs,
// migrations, maintenance, storage), aligned labels and values, seconds shown as `2h 13m`.
// Everything here is a pure function of summary.json, so what a person reads and what a script
// reads cannot disagree. Numbers use fixed formatting, never the locale, so output is the same on
// every machine.
import { formatSeconds } from '../scenario/duration.ts';
import type { Summary } from '../summary.ts';

type Row = [section: string, label: string, value: string];

export interface SummaryPaths {
  summary: string;
  events: string;
}

export function formatSummary(s: Summary, paths?: SummaryPaths): string {
  const header = [
    `${s.scenario} (${s.platform}, seed ${s.seed})`,
    `simulated ${formatSeconds(s.simulatedSeconds)} (${stopText(s.stopReason)}), ${formatNumber(s.eventCount)} events, trace ${s.traceHash}`,
  ];
  const rows = [...capacityRows(s), ...vmRows(s), ...migrationRows(s), ...maintenanceRows(s), ...storageRows(s), ...cpuRows(s), ...managementRows(s), ...endRows(s), ...scheduleRows(s)];
  if (paths) rows.push(['output', 'summary', paths.summary], ['', 'events', paths.events]);
  return [...header, '', ...table(rows)].join('\n') + '\n';
}

function capacityRows(s: Summary): Row[] {
  const c = s.capacity;
  return [
    ['capacity', 'hosts', formatNumber(c.hosts)],
    ['', 'cores physical / usable', `${formatNumber(c.physicalCores)} / ${formatNumber(c.usableCores, 1)} (CPU tax ${c.cpuTaxPercent}%)`],
    ['', 'cores reserved / consumed', `${formatNumber(c.reservedCores, 1)} / ${formatNumber(c.consumedCores, 1)} by the platform (${c.cpuConsumedPercent}% burnt)`],
    ['', 'memory physical', gib(c.physicalMemoryGiB)],
    ['', 'memory hypervisor', gib(c.overheadMemoryGiB)],
    ['', 'memory allocatable', gib(c.allocatableMemoryGiB)],
    ['', 'memory allocated', `${gib(c.allocatedMemoryGiB)} (VM overhead ${gib(c.vmOverheadMemoryGiB)})`],
    ['', 'memory free', gib(c.freeMemoryGiB)],
    ['', 'vCPU per usable core', `${formatNumber(c.vcpuPerUsableCore, 2)} (limit ${c.vcpuOvercommit})`],
  ];
}

function vmRows(s: Summary): Row[] {
  const v = s.vms;
  return [
    ['VMs', 'count', formatNumber(v.count)],
    ['', 'unplaced (no host / no room for the volume)', `${formatNumber(v.unplaced)} / ${formatNumber(v.volumeUnplaced)}${v.volumeUnplaced > 0 ? ' (placed, but out of service all run)' : ''}`],
    ['', 'with an outage / only stunned', `${formatNumber(v.vmsWithOutage)} / ${formatNumber(v.vmsWithDowntime - v.vmsWithOutage)}`],
    ['', 'downtime total / max', `${formatSeconds(v.downtimeSeconds.total)} / ${formatSeconds(v.downtimeSeconds.max)}`],
    ['', 'restarts', formatNumber(v.restarts)],
    ...afterFailureRows(v.afterHostFailure),
  ];
}

/** Shown when a host failed with VMs on it: how they came back, and how many did not. */
function afterFailureRows(f: Summary['vms']['afterHostFailure']): Row[] {
  if (f.crashed === 0) return [];
  const back = (r: { count: number; meanSeconds: number; maxSeconds: number }) =>
    r.count === 0 ? '0' : `${formatNumber(r.count)} (mean ${formatSeconds(r.meanSeconds)}, max ${formatSeconds(r.maxSeconds)})`;
  return [
    ['', 'crashed with a host', formatNumber(f.crashed)],
    ['', '  restarted elsewhere (HA)', back(f.elsewhere)],
    ['', '  booted when their host returned', back(f.sameHost)],
    ['', '  still down at the end', formatNumber(f.stillDown)],
  ];
}

function migrationRows(s: Summary): Row[] {
  const m = s.migrations;
  const d = m.durationSeconds;
  return [
    ['migrations', 'started / completed / failed', `${formatNumber(m.started)} / ${formatNumber(m.completed)} / ${formatNumber(m.failed)}`],
    ['', 'duration mean / p95 / max', `${formatSeconds(d.mean)} / ${formatSeconds(d.p95)} / ${formatSeconds(d.max)}`],
    ['', 'downtime mean / max', `${formatSeconds(m.downtimeMs.mean / 1000)} / ${formatSeconds(m.downtimeMs.max / 1000)}`],
    ['', 'transferred', gib(m.transferredGiB)],
    ['', 'guests slowed (throttle, post-copy) total / max VM', `${formatSeconds(m.degradedSeconds.total)} / ${formatSeconds(m.degradedSeconds.maxPerVm)}${slowedVms(m.degradedSeconds.perVm)}`],
  ];
}

/** Waits listed in the table; a 2,000-host rollout has thousands, all in summary.json. */
const WAITS_SHOWN = 10;

function maintenanceRows(s: Summary): Row[] {
  const m = s.maintenance;
  const rows: Row[] = [
    ['maintenance', 'hosts completed', formatNumber(m.hostsCompleted)],
    ['', 'makespan', formatSeconds(m.makespanSeconds)],
    ['', 'stalled', m.stalled ? 'yes' : 'no'],
  ];
  // A drain still running when the run ends is neither a completed host nor a stall (a migration that
  // never converges waits for nothing): say so, or "stalled no" reads as a finished rollout.
  const unfinished = m.drains.filter((d) => d.outcome === 'unfinished');
  if (unfinished.length > 0) {
    const first = unfinished[0];
    const more = unfinished.length > 1 ? `, ... (summary.json maintenance.drains)` : '';
    rows.push(['', 'drains unfinished at the end', `${formatNumber(unfinished.length)} (${first.host} draining for ${formatSeconds(first.drainSeconds)}${more})`]);
  }
  if (m.drains.length > 0) {
    const drain = m.drains.map((d) => d.drainSeconds);
    const storage = m.drains.reduce((a, d) => a + d.storageWaitSeconds, 0);
    const management = m.drains.reduce((a, d) => a + d.managementWaitSeconds, 0);
    const other = m.drains.reduce((a, d) => a + d.otherWaitSeconds, 0);
    rows.push(['', 'drain mean / max', `${formatSeconds(drain.reduce((a, b) => a + b, 0) / drain.length)} / ${formatSeconds(Math.max(...drain))}`]);
    // The management plane's share only when it went down, as the management section.
    rows.push(s.management.outages > 0
      ? ['', 'waited on storage / management / other', `${formatSeconds(storage)} / ${formatSeconds(management)} / ${formatSeconds(other)} (all drains)`]
      : ['', 'waited on storage / other', `${formatSeconds(storage)} / ${formatSeconds(other)} (all drains)`]);
  }
  for (const stall of m.stalls.slice(0, WAITS_SHOWN)) {
    const waited = stall.resolvedAtSeconds === null ? null : stall.resolvedAtSeconds - stall.atSeconds;
    const label = waited === null ? `stalled ${stall.host}` : `waited ${stall.host}`;
    const when = waited === null ? `since ${formatSeconds(stall.atSeconds)}` : `${formatSeconds(waited)} from ${formatSeconds(stall.atSeconds)}`;
    rows.push(['', label, `${stall.reason} (${when})`]);
  }
  if (m.stalls.length > WAITS_SHOWN) rows.push(['', '', `... and ${formatNumber(m.stalls.length - WAITS_SHOWN)} more waits (summary.json maintenance.stalls)`]);
  return rows;
}

/** Shown only when the management plane went down: its downtime and what waited for it, by kind. */
function managementRows(s: Summary): Row[] {
  const m = s.management;
  if (m.outages === 0) return [];
  const d = m.delayedOperations;
  const rows: Row[] = [
    ['management', 'outages / down', `${formatNumber(m.outages)} / ${formatSeconds(m.outageSeconds)}`],
    ['', 'operations delayed / total wait', `${formatNumber(d.count)} / ${formatSeconds(d.delaySeconds)}`],
  ];
  for (const [kind, c] of Object.entries(d.byKind)) if (c.count > 0) rows.push(['', `  ${kind}`, `${formatNumber(c.count)} / ${formatSeconds(c.delaySeconds)}`]);
  return rows;
}

/** What the run leaves unresolved, said in every summary so a run that did not converge cannot pass for one that did. */
function endRows(s: Summary): Row[] {
  const e = s.endOfRun;
  const hosts = e.hostsOut.length === 0 ? 'none' : `${formatNumber(e.hostsOut.length)} (${e.hostsOut.slice(0, 5).join(', ')}${e.hostsOut.length > 5 ? ', ...' : ''})`;
  return [
    ['end of run', 'VMs out of service', formatNumber(e.vmsOut)],
    ['', 'volumes degraded / inaccessible / lost', `${formatNumber(e.volumesDegraded)} / ${formatNumber(e.volumesInaccessible)} / ${formatNumber(e.volumesLost)}`],
    ['', 'hosts not in service', hosts],
  ];
}

/** Shown when a schedule entry never ran: which, and why (summary.json schedule.neverRan). */
function scheduleRows(s: Summary): Row[] {
  const never = s.schedule.neverRan;
  const rows: Row[] = never.slice(0, WAITS_SHOWN).map((n, i) => ['', i === 0 ? 'schedule entries never run' : '', `schedule.${n.entry} ${n.do}: ${n.reason}`]);
  if (never.length > WAITS_SHOWN) rows.push(['', '', `... and ${formatNumber(never.length - WAITS_SHOWN)} more (summary.json schedule.neverRan)`]);
  return rows;
}

function cpuRows(s: Summary): Row[] {
  const c = s.cpu;
  const pct = (x: number) => `${formatNumber(100 * x, 1)}%`;
  const rows: Row[] = [
    ['CPU', 'host utilisation mean / peak', `${pct(c.meanHostUtilization)} / ${pct(c.peakHostUtilization)}`],
    ['', 'contended VM-hours', formatNumber(c.contendedVmHours, 1)],
    ['', 'peak CPU ready', `${formatNumber(c.peakReadyPercent, 1)}%`],
  ];
  const b = s.balancing;
  if (b.passes > 0) rows.push(['', 'balancing passes / moves', `${formatNumber(b.passes)} / ${formatNumber(b.moves)} (${formatNumber(b.ruleMoves)} for rules)`]);
  return rows;
}

function storageRows(s: Summary): Row[] {
  const st = s.storage;
  return [
    ['storage', 'kind', st.kind],
    ['', 'volumes', formatNumber(st.volumes)],
    ['', 'copies rebuilt / resynced / moved (evacuation, locality)', `${formatNumber(st.copies.rebuilds)} / ${formatNumber(st.copies.resyncs)} / ${formatNumber(st.copies.evacuations)} (${gib(st.rebuiltGiB)} copied)`],
    ['', 'degraded volume-hours', formatNumber(st.degradedVolumeHours, 1)],
    ['', 'inaccessible volume-hours', formatNumber(st.inaccessibleVolumeHours, 1)],
    ['', 'volumes lost', formatNumber(st.volumesLost)],
    ...(st.replicationLoss.vms > 0
      ? [['', 'writes lost by failover to a replica', `${gib(st.replicationLoss.lostGiB)} over ${formatNumber(st.replicationLoss.vms)} VMs (lag up to ${formatSeconds(st.replicationLoss.maxLagSeconds)})`] as [string, string, string]]
      : []),
    ...redundancyRows(st),
  ];
}

/** Exposure per remaining redundancy, the loss estimate, and each returning host's own time to compliance. */
function redundancyRows(st: Summary['storage']): Row[] {
  const rows: Row[] = [];
  const unit = st.exposure.countedBy === 'data' ? 'volume-hours by data' : 'volume-hours';
  const levels = st.exposure.byRedundancy.map((l) => `${l.redundancy}: ${formatNumber(l.volumeHours, 1)}`).join(' / ');
  if (levels !== '') rows.push(['', `${unit} at redundancy`, levels]);
  const r = st.risk;
  if (r.windows > 0) {
    rows.push(['', 'estimated data loss', `P(any) ${formatProbability(r.lossProbability)}, ${formatProbability(r.expectedVolumesLost)} volumes expected (${r.windows} short windows, AFR disk ${r.diskAfrPercent} % host ${r.hostAfrPercent} %)`]);
  }
  const c = st.timeToComplianceSeconds;
  if (c.returns > 0) {
    const open = c.unresolved > 0 ? `, ${c.unresolved} not compliant at the end` : '';
    rows.push(['', 'own volumes compliant after return', `max ${formatSeconds(c.max)}, mean ${formatSeconds(c.mean)} (${c.returns} host returns${open})`]);
  }
  return rows;
}

/** A probability in 3 significant digits, as scientific notation when small. */
export function formatProbability(p: number): string {
  if (p === 0) return '0';
  return p >= 0.001 ? p.toPrecision(3) : p.toExponential(2);
}

/** Rows as aligned text: every column as wide as its widest cell, two spaces apart. */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** `12,345` or `1,234.5`: grouped thousands, at most `decimals` decimals, trailing zeros dropped. */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const trimmed = fraction?.replace(/0+$/, '');
  const sign = value < 0 && Number(whole + '.' + (fraction ?? '0')) !== 0 ? '-' : '';
  return sign + grouped + (trimmed ? `.${trimmed}` : '');
}

export function gib(value: number): string {
  return `${formatNumber(value, 1)} GiB`;
}

function stopText(reason: Summary['stopReason']): string {
  if (reason === 'until') return 'stopped at until';
  if (reason === 'eventsMax') return 'stopped at the event bound';
  if (reason === 'running') return 'still running';
  return 'no event left';
}

/** How many VMs were slowed and the most affected ones (summary.json lists every one). */
function slowedVms(perVm: readonly { vm: string; seconds: number }[]): string {
  if (perVm.length === 0) return '';
  const top = perVm.slice(0, 3).map((v) => `${v.vm} ${formatSeconds(v.seconds)}`).join(', ');
  return ` (${perVm.length} VM${perVm.length === 1 ? '' : 's'}: ${top}${perVm.length > 3 ? ', ...' : ''})`;
}
