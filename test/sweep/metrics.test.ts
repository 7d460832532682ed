import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { DATA_LOSS_METRIC, summaryMetrics } from '../../sim/sweep/metrics.ts';
import { scenarioFrom } from '../support/scenario.ts';

const scenario = scenarioFrom(`
name: metrics
platform: harvester
hosts: [{ group: node, count: 3 }]
vms: [{ group: app, count: 3, memoryGiB: 4, diskGiB: 10 }]
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "node-*", workDuration: 5m }
`);

describe('summaryMetrics', () => {
  const { summary } = runScenario(scenario, { seed: 3 });
  const metrics = new Map(summaryMetrics(summary));

  it('names every numeric figure of summary.json by its dotted path', () => {
    expect(metrics.get(DATA_LOSS_METRIC)).toBe(summary.storage.volumesLost);
    expect(metrics.get('vms.downtimeSeconds.total')).toBe(summary.vms.downtimeSeconds.total);
    expect(metrics.get('migrations.durationSeconds.p95')).toBe(summary.migrations.durationSeconds.p95);
    expect(metrics.get('capacity.hosts')).toBe(3);
  });

  it('counts a boolean as 0 or 1', () => {
    expect(metrics.get('maintenance.stalled')).toBe(summary.maintenance.stalled ? 1 : 0);
  });

  it('leaves out the parameters, the seed, the trace hash, strings and lists', () => {
    const names = [...metrics.keys()];
    expect(names.filter((n) => n.startsWith('parameters.') || n === 'seed' || n === 'traceHash')).toEqual([]);
    expect(names).not.toContain('storage.kind');
    expect(names.filter((n) => n.includes('stalls') || n.startsWith('storage.timeToCompliance.'))).toEqual([]);
    expect(names).toContain('storage.timeToComplianceSeconds.max');
  });
});
