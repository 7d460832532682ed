// Every figure written is finite: scenarios at the schema's extremes (largest and smallest hosts,
// VMs, rates and ratios it accepts) run to a summary whose every number is finite, so summary.json
// never says null for a figure and the table never says Infinity or NaN.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { formatSummary } from '../../sim/cli/format.ts';
import { scenarioFrom } from '../support/scenario.ts';

function nonFinite(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => nonFinite(v, `${path}.${k}`));
}

const SCHEDULE = `schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", workDuration: 20m }
  - { at: 3h, do: failDisk, host: h-02, disk: 1, replaceAfter: 1h }
  - { at: 5h, do: failHost, host: h-03, repairAfter: 2h }
until: 12h
`;

const LARGEST = (platform: string, kind: string) => `name: largest
platform: ${platform}
hosts:
  - { group: h, count: 4, cores: 4096, coreGHz: 10, memoryGiB: 65536, nicGbps: 1600, storageNicGbps: 1600, disks: { count: 4, sizeTiB: 1024 } }
storage: { kind: ${kind} }
vms:
  - { group: big, count: 2, vcpus: 64, memoryGiB: 65536, cpuUtilization: 1, dirtyRateMiBps: 1048576, workingSetGiB: 65536, diskGiB: 1048576, diskWriteMiBps: 1048576, memoryReservationGiB: 65536 }
policies:
  placement: { vcpuOvercommit: 64, memoryOvercommit: 16, weights: { freeMemory: 1000, freeCpu: 1000, spread: 1000 } }
  migration: { bandwidthMiBps: 1048576, completionTimeoutPerGiBSeconds: 3153600000 }
  storage: { rebuildStreamMiBps: 1048576 }
failures: { diskAfrPercent: 1000, hostAfrPercent: 1000, diskReplace: 1h, hostRepair: 1h }
${SCHEDULE}`;

const SMALLEST = (platform: string, kind: string) => `name: smallest
platform: ${platform}
hosts:
  - { group: h, count: 4, cores: 2, coreGHz: 0.1, memoryGiB: 1e-300, nicGbps: 0.1, disks: { count: 2, sizeTiB: 1e-300 } }
storage: { kind: ${kind} }
overhead: { hostMemoryGiB: 0, perVmMemoryMiB: 0 }
vms:
  - { group: tiny, count: 4, vcpus: 1, memoryGiB: 1e-300, cpuUtilization: 0, dirtyRateMiBps: 0, workingSetGiB: 0, diskGiB: 1e-300, diskWriteMiBps: 5e-324 }
policies:
  placement: { vcpuOvercommit: 1, memoryOvercommit: 1 }
  migration: { bandwidthMiBps: 5e-324 }
  storage: { rebuildStreamMiBps: 5e-324 }
failures: { diskAfrPercent: 5e-324, hostAfrPercent: 5e-324 }
${SCHEDULE}`;

const PLATFORMS: [string, string][] = [['vsphere', 'vsan'], ['harvester', 'longhorn'], ['openstack', 'ceph'], ['baremetal', 'local']];

describe('extreme but valid scenarios', () => {
  for (const [platform, kind] of PLATFORMS) {
    for (const [label, make] of [['largest', LARGEST], ['smallest', SMALLEST]] as const) {
      it(`write only finite figures: ${label} values on ${platform} (${kind})`, () => {
        const { summary } = runScenario(scenarioFrom(make(platform, kind)), {});
        expect(nonFinite(summary)).toEqual([]);
        expect(formatSummary(summary, { summary: 'out/summary.json', events: 'out/events.jsonl' })).not.toMatch(/Infinity|NaN/);
      });
    }
  }
});
