// The table of `hcisim cost`: one column per platform, the cost lines down the left in thousands
// of US dollars, then (with the risk sweep) what the sweep measured and the risk-adjusted total.
import type { Scenario } from '../scenario/types.ts';
import type { CostFlags, CostRow } from './cost-args.ts';
import { formatNumber, table } from './format.ts';

const kusd = (usd: number) => `$${formatNumber(usd / 1000, 1)}K`;
const days = (seconds: number) => `${formatNumber(seconds / 86_400, 2)} ${seconds === 86_400 ? 'day' : 'days'}`;

function licenceLabel(row: CostRow): string {
  if (row.licenceModel === 'perCore') return `per core (${formatNumber(row.licensedCores)} cores)`;
  return row.licenceModel === 'perHost' ? 'per host' : 'none';
}

export function formatCost(scenario: Scenario, flags: CostFlags, rows: readonly CostRow[]): string {
  const lines: string[][] = [
    ['', ...rows.map((r) => r.platform)],
    ['licence model', ...rows.map(licenceLabel)],
    ['licence', ...rows.map((r) => kusd(r.licenceUsd))],
    ['staff', ...rows.map((r) => kusd(r.staffUsd))],
    ['support', ...rows.map((r) => kusd(r.supportUsd))],
    ['training', ...rows.map((r) => kusd(r.trainingUsd))],
    ['total', ...rows.map((r) => kusd(r.totalUsd))],
  ];
  if (rows[0].risk !== undefined) {
    lines.push(
      ['runs (days each: until)', ...rows.map((r) => `${r.risk!.runs} (${formatNumber(r.risk!.periodSeconds / 86_400, 1)})`)],
      [`VM-hours down in ${flags.years} y (expected)`, ...rows.map((r) => formatNumber(r.risk!.expectedDowntimeVmHours, 1))],
      [`volumes lost in ${flags.years} y (expected)`, ...rows.map((r) => formatNumber(r.risk!.expectedVolumesLost, 3))],
      ['runs that lost data', ...rows.map((r) => `${formatNumber(r.risk!.dataLossRunShare * 100, 1)} %`)],
      ['downtime cost', ...rows.map((r) => kusd(r.risk!.downtimeUsd))],
      ['data-loss cost', ...rows.map((r) => kusd(r.risk!.dataLossUsd))],
      ['risk-adjusted total', ...rows.map((r) => kusd(r.riskAdjustedTotalUsd!))],
    );
  }
  const hosts = scenario.hosts.length;
  const head = `${scenario.name}: ${hosts} hosts, ${flags.years} ${flags.years === 1 ? 'year' : 'years'}, US dollars (hardware not included)`;
  const notes = [
    'Inputs and their sources: docs/parameters.md (cost.*); override per platform under cost.<platform> in the file.',
  ];
  if (rows[0].risk !== undefined) {
    notes.push(
      `Downtime priced at $${formatNumber(flags.downtimeCostPerHourUsd!)} per VM-hour, a lost volume at $${formatNumber(flags.dataLossCostUsd ?? 0)}` +
        (flags.dataLossCostUsd === undefined ? ' (give --data-loss-cost to price it)' : '') +
        `; each run stands for the file's until (${days(rows[0].risk!.periodSeconds)}), and the runs' means are scaled x${formatNumber(rows[0].risk!.scale, 2)} to ${flags.years} ${flags.years === 1 ? 'year' : 'years'}, as if that period and its schedule repeated.`,
    );
  }
  return [head, '', ...table(lines), '', ...notes, ''].join('\n');
}
