import { describe, it, expect } from 'vitest';
import { formatNumber, formatSummary, table } from '../../sim/cli/format.ts';
import { profileFor } from '../../sim/platforms/index.ts';
import type { Summary } from '../../sim/summary.ts';

function sample(): Summary {
  return {
    schema: 'hcisim.summary/v1',
    scenario: 'vSphere rolling firmware update',
    platform: 'vsphere',
    seed: 1,
    simulatedSeconds: 2 * 3600 + 13 * 60 + 20,
    eventCount: 12_345,
    traceHash: '0123456789abcdef',
    stopReason: 'empty',
    capacity: {
      hosts: 8, physicalCores: 256, usableCores: 230.4, physicalMemoryGiB: 4096, overheadMemoryGiB: 144,
      allocatableMemoryGiB: 3952, allocatedMemoryGiB: 2390.25, freeMemoryGiB: 1561.75, vmOverheadMemoryGiB: 14.25,
      cpuTaxPercent: 10, reservedCores: 25.6, consumedCores: 25.6, cpuConsumedPercent: 10,
      vcpuOvercommit: 32, memoryOvercommit: 1, vcpuPerUsableCore: 2.3958,
    },
    vms: { count: 123, downtimeSeconds: { total: 31.5, max: 0.48 }, vmsWithDowntime: 123, vmsWithOutage: 2, restarts: 0, unplaced: 0, volumeUnplaced: 0, afterHostFailure: { crashed: 3, elsewhere: { count: 2, meanSeconds: 75, maxSeconds: 80 }, sameHost: { count: 0, meanSeconds: 0, maxSeconds: 0 }, stillDown: 1 } },
    migrations: {
      started: 130, completed: 129, failed: 1, durationSeconds: { mean: 14.2, p95: 41, max: 95 },
      downtimeMs: { mean: 210, max: 480 }, transferredGiB: 2480.5, degradedSeconds: { total: 95, maxPerVm: 40, perVm: [{ vm: 'db-01', seconds: 40 }, { vm: 'web-02', seconds: 30 }, { vm: 'web-01', seconds: 25 }] },
    },
    maintenance: { hostsCompleted: 8, makespanSeconds: 4 * 3600 + 5 * 60, stalled: true, stalls: [
      { host: 'esx-02', reason: 'memory', atSeconds: 3600, resolvedAtSeconds: 3690 },
      { host: 'esx-03', reason: 'anti-affinity', atSeconds: 7200, resolvedAtSeconds: null },
    ], drains: [
      { host: 'esx-02', enteredSeconds: 3500, drainSeconds: 300, storageWaitSeconds: 0, managementWaitSeconds: 0, otherWaitSeconds: 90, outcome: 'entered' },
      { host: 'esx-03', enteredSeconds: 7100, drainSeconds: 900, storageWaitSeconds: 600, managementWaitSeconds: 0, otherWaitSeconds: 200, outcome: 'unfinished' },
    ] },
    storage: { kind: 'vsan', volumes: 123, rebuilds: 2, rebuiltGiB: 200, degradedVolumeHours: 12.345, inaccessibleVolumeHours: 0, volumesLost: 0, copies: { rebuilds: 2, resyncs: 0, evacuations: 0 },
      timeToCompliance: [{ host: 'esx-02', cause: 'maintenance', returnedSeconds: 4000, volumes: 12, compliantAfterSeconds: 95 }],
      timeToComplianceSeconds: { returns: 2, unresolved: 1, max: 95, mean: 95 },
      exposure: { countedBy: 'volume', byRedundancy: [{ redundancy: 0, volumeHours: 12.345 }, { redundancy: 1, volumeHours: 900 }] },
      risk: { method: 'exposure-windows', diskAfrPercent: 1.5, hostAfrPercent: 2, windows: 4, expectedVolumesLost: 2.5e-7, lossProbability: 2e-7 },
      replicationLoss: { vms: 2, lostGiB: 1.5, maxLagSeconds: 420 } },
    cpu: { meanHostUtilization: 0.4123, peakHostUtilization: 1, contendedVmHours: 12.5, peakReadyPercent: 37.5 },
    balancing: { passes: 3, moves: 7, ruleMoves: 1 },
    endOfRun: { vmsOut: 1, volumesDegraded: 3, volumesInaccessible: 1, volumesLost: 0, hostsOut: ['esx-04'] },
    management: {
      outages: 0, outageSeconds: 0,
      delayedOperations: { count: 0, delaySeconds: 0, byKind: { migration: { count: 0, delaySeconds: 0 }, placement: { count: 0, delaySeconds: 0 }, haRestart: { count: 0, delaySeconds: 0 }, maintenanceEnter: { count: 0, delaySeconds: 0 }, maintenanceStart: { count: 0, delaySeconds: 0 }, maintenanceExit: { count: 0, delaySeconds: 0 }, balance: { count: 0, delaySeconds: 0 } } },
    },
    schedule: { neverRan: [] },
    parameters: profileFor('vsphere').defaults,
  };
}

describe('formatSummary', () => {
  const text = formatSummary(sample(), { summary: 'out/x/summary.json', events: 'out/x/events.jsonl' });
  const lines = text.trimEnd().split('\n');

  it('opens with the scenario, the platform, the seed and the simulated time as a human duration', () => {
    expect(lines[0]).toBe('vSphere rolling firmware update (vsphere, seed 1)');
    expect(lines[1]).toBe('simulated 2h 13m (no event left), 12,345 events, trace 0123456789abcdef');
  });

  it('has one section each for capacity, VMs, migrations, maintenance, storage and the output paths', () => {
    const sections = lines.slice(3).map((l) => l.split(' ')[0]).filter((s) => s !== '');
    expect(sections).toEqual(['capacity', 'VMs', 'migrations', 'maintenance', 'storage', 'CPU', 'end', 'output']);
  });

  it('aligns every value in one column', () => {
    const rows = lines.slice(3);
    const valueColumn = rows[0].indexOf('8');
    for (const row of rows) {
      expect(row.slice(valueColumn - 2, valueColumn), row).toBe('  ');
      expect(row[valueColumn], row).not.toBe(' ');
    }
  });

  it('names how many guests were slowed and the most affected ones', () => {
    expect(text).toMatch(/guests slowed \(throttle, post-copy\) total \/ max VM\s+1m 35s \/ 40s \(3 VMs: db-01 40s, web-02 30s, web-01 25s\)\n/);
  });

  it('says which drains were still running at the end, which "stalled no" alone would hide', () => {
    expect(text).toMatch(/drains unfinished at the end\s+1 \(esx-03 draining for 15m\)\n/);
  });

  it('says what the run leaves unresolved', () => {
    expect(text).toMatch(/end of run\s+VMs out of service\s+1\n/);
    expect(text).toMatch(/volumes degraded \/ inaccessible \/ lost\s+3 \/ 1 \/ 0\n/);
    expect(text).toMatch(/hosts not in service\s+1 \(esx-04\)\n/);
  });

  it('shows the management section only when the plane went down, with each kind that waited', () => {
    const s = sample();
    s.management = { ...s.management, outages: 1, outageSeconds: 3600, delayedOperations: { ...s.management.delayedOperations, count: 8, delaySeconds: 8 * 3540 } };
    s.management.delayedOperations.byKind.migration = { count: 8, delaySeconds: 8 * 3540 };
    const shown = formatSummary(s);
    expect(shown).toMatch(/management\s+outages \/ down\s+1 \/ 1h\n/);
    expect(shown).toMatch(/operations delayed \/ total wait\s+8 \/ 7h 52m\n/);
    expect(shown).toMatch(/ migration\s+8 \/ 7h 52m\n/);
    expect(shown).not.toMatch(/haRestart/);
    expect(text).not.toMatch(/management/);
  });

  it('tells outages from migration stuns, and splits the copies by kind', () => {
    expect(text).toMatch(/with an outage \/ only stunned\s+2 \/ 121\n/);
    expect(text).toMatch(/copies rebuilt \/ resynced \/ moved \(evacuation, locality\)\s+2 \/ 0 \/ 0 \(200 GiB copied\)\n/);
  });

  it('prints volume-hours per remaining redundancy, the loss estimate and each host\'s own time to compliance', () => {
    expect(text).toMatch(/volume-hours at redundancy\s+0: 12\.3 \/ 1: 900\n/);
    expect(text).toMatch(/estimated data loss\s+P\(any\) 2\.00e-7, 2\.50e-7 volumes expected \(4 short windows, AFR disk 1\.5 % host 2 %\)\n/);
    expect(text).toMatch(/own volumes compliant after return\s+max 1m 35s, mean 1m 35s \(2 host returns, 1 not compliant at the end\)\n/);
  });

  it('shows durations, migration pauses, stalls and paths readably', () => {
    expect(text).toMatch(/makespan\s+4h 5m\n/);
    expect(text).toMatch(/duration mean \/ p95 \/ max\s+14s \/ 41s \/ 1m 35s\n/);
    expect(text).toMatch(/downtime mean \/ max\s+210ms \/ 480ms\n/);
    expect(text).toMatch(/waited esx-02\s+memory \(1m 30s from 1h\)\n/);
    expect(text).toMatch(/stalled esx-03\s+anti-affinity \(since 2h\)\n/);
    expect(text).toMatch(/memory allocated\s+2,390\.3 GiB \(VM overhead 14\.3 GiB\)\n/);
    expect(text).toMatch(/cores reserved \/ consumed\s+25\.6 \/ 25\.6 by the platform \(10% burnt\)\n/);
    expect(text).toMatch(/summary\s+out\/x\/summary\.json\n/);
  });
});

describe('table', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(table([['a', 'bb', 'c'], ['dddd', '', 'e']])).toEqual(['a     bb  c', 'dddd      e']);
  });
});

describe('formatNumber', () => {
  it('groups thousands, keeps at most the given decimals and drops trailing zeros', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(1234.56, 1)).toBe('1,234.6');
    expect(formatNumber(2.5, 2)).toBe('2.5');
    expect(formatNumber(-1500)).toBe('-1,500');
    expect(formatNumber(-0.01, 1)).toBe('0');
  });
});
