// No setting is silently ignored: every parameter in docs/parameters.md is shown to change what a
// run does. For each one, a small scenario where it matters runs with the platform default and with
// another valid value; the trace hash or the summary (its `parameters` echo left out, which would
// differ trivially) must differ. Cost inputs are read by `hcisim cost`, not by the simulation: for
// those the priced total must differ. A parameter without a case here fails the test, so a new
// parameter must come with the proof that something reads it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { directCost } from '../../sim/cost/price.ts';
import { runScenario } from '../../sim/run.ts';
import { loadScenarioText, type Override } from '../../sim/scenario/load.ts';
import type { PlatformName } from '../../sim/platforms/parameters.ts';

interface Case {
  /** The scenario, as YAML, in which the parameter matters. */
  yaml: string;
  /** The changed value (the default run leaves the parameter at the platform's default). */
  value: unknown;
  /** Settings both runs share, to put the parameter in play. */
  also?: Override[];
}

const hosts = (count: number, extra = '') => `hosts: [{ group: h, count: ${count}, cores: 16, memoryGiB: 128, nicGbps: 10, disks: { count: 2, sizeTiB: 1 }${extra} }]`;

/** A rolling maintenance of 4 hosts with 12 quiet VMs. */
const rollout = (platform: string) => `
name: rollout
platform: ${platform}
until: 1d
${hosts(4)}
vms: [{ group: v, count: 12, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 40, workingSetGiB: 1, diskGiB: 20 }]
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 20m }
`;

/**
 * One VM dirtying faster than 10 GbE can send, its whole memory hot: pre-copy alone never
 * converges. Three hosts, so that vSphere HA admission control lets it move.
 */
const hot = (platform: string, workingSetGiB = 8) => `
name: hot
platform: ${platform}
until: 1d
${hosts(3)}
vms: [{ group: v, count: 1, vcpus: 4, memoryGiB: 8, dirtyRateMiBps: 1300, workingSetGiB: ${workingSetGiB}, diskGiB: 20 }]
schedule:
  - { at: 1m, do: rollingMaintenance, hosts: "h-01", workDuration: 20m }
`;

/**
 * One VM dirtying faster than the link sends but with a 0.25 GiB hot set: every round resends it,
 * about 215 ms at 1.25 GB/s, so it converges once Nova's downtime ramp (50, 95, ... 500 ms) passes that.
 */
const warm = `
name: warm
platform: openstack
until: 1d
${hosts(2)}
vms: [{ group: v, count: 1, vcpus: 4, memoryGiB: 8, dirtyRateMiBps: 1300, workingSetGiB: 0.25, diskGiB: 20 }]
schedule:
  - { at: 1m, do: rollingMaintenance, hosts: "h-01", workDuration: 20m }
`;

/** A host failure at 10m, repaired after 2h: detection, HA restarts, repairs of the absent copies. */
const failure = (platform: string, count = 4) => `
name: failure
platform: ${platform}
until: 1d
${hosts(count)}
vms: [{ group: v, count: 12, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 40, workingSetGiB: 1, diskGiB: 20 }]
schedule:
  - { at: 10m, do: failHost, host: h-01, repairAfter: 2h }
`;

/**
 * 14 VMs of 8 GiB, each reserving its memory, for 3 hosts of 64 GiB (46 allocatable each on
 * vSphere): HA admission control, memory and vCPU overcommit decide how many place.
 */
const tight = `
name: tight
platform: vsphere
hosts: [{ group: h, count: 3, cores: 16, memoryGiB: 64, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }]
vms: [{ group: v, count: 14, vcpus: 2, memoryGiB: 8, memoryReservationGiB: 8, diskGiB: 20 }]
`;

/** Hosts of two shapes and VMs of two shapes: the scorers' weights decide where each VM goes. */
const mixed = `
name: mixed
platform: vsphere
hosts:
  - { group: big, count: 2, cores: 8, memoryGiB: 512, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }
  - { group: wide, count: 2, cores: 64, memoryGiB: 128, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }
vms:
  - { group: cpu, count: 6, vcpus: 16, memoryGiB: 4, diskGiB: 20 }
  - { group: mem, count: 6, vcpus: 1, memoryGiB: 48, diskGiB: 20 }
`;

/**
 * vSphere after a rolling maintenance: the last host comes back empty while the others run every
 * VM at 80 % CPU, the imbalance DRS removes by moving VMs back (platform-facts §10, §4.1).
 */
const imbalanced = `
name: imbalanced
platform: vsphere
until: 4h
${hosts(3)}
vms: [{ group: v, count: 12, vcpus: 4, memoryGiB: 8, cpuUtilization: 0.8, diskGiB: 20 }]
schedule:
  - { at: 5m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 10m }
`;

/** One host (14.4 usable cores) whose VMs of 4 and 2 vCPUs want 12 cores, then 16 from 1h: contended. */
const contended = `
name: contended
platform: vsphere
until: 2h
hosts: [{ group: h, count: 1, cores: 16, memoryGiB: 128, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }]
vms:
  - { group: big, count: 2, vcpus: 4, memoryGiB: 8, cpuUtilization: 1, diskGiB: 20 }
  - { group: small, count: 4, vcpus: 2, memoryGiB: 8, cpuUtilization: 0.5, diskGiB: 20 }
schedule:
  - { at: 1h, do: setLoad, vms: "small-*", cpuUtilization: 1 }
`;

const set = (path: string, value: unknown): Override => ({ path, value });
const lowNodeUtilization = [set('policies.placement.balancer', 'lowNodeUtilization')];
const autoConverge = [set('policies.migration.allowAutoConverge', true)];

/** Each simulation parameter and the scenario that shows it is read. */
const CASES: Record<string, Case> = {
  'overhead.cpuTaxPercent': { yaml: rollout('vsphere'), value: 30 },
  'overhead.guestMemoryOverheadRatio': { yaml: rollout('harvester'), value: 3 },
  'overhead.hostMemoryGiB': { yaml: rollout('vsphere'), value: 40 },
  'overhead.perVmMemoryMiB': { yaml: rollout('vsphere'), value: 500 },
  'overhead.perVmMemoryModel': { yaml: rollout('vsphere'), value: 'kubevirt' },
  'policies.ha.admissionControl': { yaml: tight, value: false },
  'policies.ha.admissionCounts': { yaml: tight.replace('memoryReservationGiB: 8, ', ''), value: 'memory' },
  'policies.ha.detectionSeconds': { yaml: failure('vsphere'), value: 60 },
  'policies.ha.enabled': { yaml: failure('vsphere'), value: false },
  'policies.ha.hostFailuresToTolerate': { yaml: tight, value: 0 },
  'policies.ha.restartDelaySeconds': { yaml: failure('vsphere'), value: 100 },
  'policies.ha.survivesManagementOutage': {
    yaml: failure('vsphere').replace('schedule:', 'schedule:\n  - { at: 5m, do: managementOutage, duration: 1h }'),
    value: false,
  },
  'policies.migration.allowAutoConverge': { yaml: hot('harvester'), value: true },
  'policies.migration.allowPostCopy': { yaml: hot('harvester'), value: true },
  'policies.migration.allowWorkloadDisruption': { yaml: hot('harvester'), value: true },
  'policies.migration.autoConvergeInitialPercent': { yaml: hot('harvester'), value: 60, also: autoConverge },
  'policies.migration.autoConvergeMaxPercent': { yaml: hot('harvester'), value: 25, also: autoConverge },
  'policies.migration.autoConvergeStepPercent': { yaml: hot('harvester'), value: 40, also: autoConverge },
  'policies.migration.autoConvergeTriggerRatio': { yaml: hot('harvester'), value: 2, also: autoConverge },
  'policies.migration.bandwidthMiBps': { yaml: rollout('vsphere'), value: 100 },
  'policies.migration.completionDataMinGiB': { yaml: hot('openstack'), value: 64 },
  'policies.migration.completionDataUnit': { yaml: hot('harvester'), value: 'GiB' },
  'policies.migration.completionTimeoutPerGiBSeconds': { yaml: hot('harvester'), value: 50 },
  'policies.migration.downtimeRampDelayPerGiBSeconds': { yaml: warm, value: 10 },
  'policies.migration.downtimeRampSteps': { yaml: warm, value: 2 },
  'policies.migration.live': { yaml: rollout('vsphere'), value: false },
  'policies.migration.maxDowntimeMs': { yaml: rollout('vsphere'), value: 50 },
  'policies.migration.maxParallelOutboundPerHost': { yaml: rollout('harvester'), value: 1 },
  'policies.migration.maxParallelPerCluster': { yaml: rollout('harvester'), value: 1 },
  'policies.migration.maxParallelPerHost': { yaml: rollout('vsphere'), value: 1 },
  'policies.migration.maxParallelPerHostSlowNic': { yaml: rollout('vsphere').replace('nicGbps: 10', 'nicGbps: 1'), value: 1 },
  'policies.migration.maxSwitchoverSeconds': { yaml: rollout('vsphere'), value: 0.1 },
  'policies.migration.preCopyRoundsMax': { yaml: rollout('vsphere'), value: 1 },
  // Rounds of exactly 400 ms (a 0.5 GB hot set at 1.25 GB/s) make every 400 ms sample equal: no
  // progress by KubeVirt's rule, so the 150 s progress timeout ends it long before the completion timeout.
  'policies.migration.progressTimeoutSeconds': { yaml: hot('harvester', 0.5e9 / 2 ** 30), value: 0 },
  'policies.migration.retriesMax': { yaml: hot('harvester'), value: 0 },
  'policies.migration.retryFactor': { yaml: hot('harvester'), value: 1 },
  'policies.migration.retryInitialSeconds': { yaml: hot('harvester'), value: 100 },
  'policies.migration.sdpsDirtyToSendRatio': { yaml: hot('vsphere'), value: 0.5 },
  'policies.migration.setupSeconds': { yaml: rollout('vsphere'), value: 30 },
  'policies.migration.stunDuringPageSend': { yaml: hot('vsphere'), value: false },
  'policies.migration.workloadDisruptionFollowsPostCopy': { yaml: hot('harvester'), value: false, also: [set('policies.migration.allowPostCopy', true)] },
  'policies.placement.enabled': { yaml: imbalanced, value: false },
  'policies.placement.balancer': { yaml: imbalanced, value: 'lowNodeUtilization' },
  'policies.placement.maxMovesPerHostPerPass': { yaml: imbalanced, value: 1 },
  'policies.placement.benefitSeconds': { yaml: imbalanced, value: 0 },
  'policies.placement.lowUtilizationPercent': { yaml: imbalanced, value: 0, also: lowNodeUtilization },
  // A target may not go above the high threshold: at 10 % no VM (22 % of a host) fits anywhere
  // (low at 10 too: a low threshold above the high one is refused).
  'policies.placement.highUtilizationPercent': { yaml: imbalanced, value: 10, also: [...lowNodeUtilization, set('policies.placement.lowUtilizationPercent', 10)] },
  'policies.cpu.fairShare': { yaml: contended, value: 'equal', also: [set('policies.ha.admissionControl', false)] },
  'policies.cpu.migrationCores': { yaml: imbalanced, value: 4 },
  'policies.cpu.migrationCoresPerHostMax': { yaml: imbalanced, value: 0 },
  'policies.placement.intervalSeconds': { yaml: imbalanced, value: 60 },
  'policies.placement.memoryOvercommit': { yaml: tight, value: 2, also: [set('policies.ha.admissionControl', false)] },
  'policies.placement.threshold': { yaml: imbalanced, value: 5 },
  'policies.placement.vcpuOvercommit': { yaml: tight, value: 0.2, also: [set('policies.ha.admissionControl', false)] },
  'policies.placement.weights.freeCpu': { yaml: mixed, value: 0 },
  'policies.placement.weights.freeMemory': { yaml: mixed, value: 0 },
  'policies.placement.weights.spread': { yaml: mixed, value: 10 },
  'policies.storage.ceph.backfillFullRatio': { yaml: failure('openstack'), value: 0.01 },
  'policies.storage.ceph.minSize': { yaml: failure('openstack'), value: 1, also: [set('storage.replicas', 2)] },
  'policies.storage.ceph.nooutDuringMaintenance': { yaml: rollout('openstack'), value: false },
  'policies.storage.ceph.objectSizeMiB': { yaml: failure('openstack'), value: 1 },
  'policies.storage.ceph.osdMaxBackfills': { yaml: failure('openstack'), value: 4 },
  'policies.storage.ceph.pgsPerOsd': { yaml: failure('openstack'), value: 50 },
  'policies.storage.longhorn.nodeDrainPolicy': { yaml: rollout('harvester'), value: 'always-allow', also: [set('storage.replicas', 1)] },
  'policies.storage.longhorn.replicaSoftAntiAffinity': { yaml: failure('harvester', 3), value: true },
  'policies.storage.longhorn.storageMinimalAvailablePercent': { yaml: rollout('harvester'), value: 99 },
  'policies.storage.longhorn.storageOverProvisioningPercent': { yaml: rollout('harvester'), value: 1 },
  'policies.storage.longhorn.storageReservedPercent': { yaml: rollout('harvester'), value: 99 },
  'policies.storage.longhorn.upgradeReplicaWaitSeconds': { yaml: rollout('harvester'), value: 60, also: [set('schedule.0.mode', 'upgrade')] },
  'policies.storage.rebuildConcurrencyPerHost': { yaml: failure('vsphere'), value: 1, also: [set('policies.storage.repairDelay', 60)] },
  'policies.storage.rebuildStreamMiBps': { yaml: failure('vsphere'), value: 10, also: [set('policies.storage.repairDelay', 60)] },
  'policies.storage.repairDelay': { yaml: failure('vsphere'), value: 60 },
  'policies.storage.vsan.layout': { yaml: failure('vsphere'), value: 'raid5' },
  'policies.vm.bootSeconds': { yaml: failure('vsphere'), value: 10 },
  'policies.vm.shutdownSeconds': { yaml: rollout('baremetal'), value: 5 },
  'overhead.cpuConsumedPercent': { yaml: rollout('harvester'), value: 10 },
  'policies.ha.maintenanceMovesOnlyProtected': { yaml: rollout('proxmox'), value: false },
  'policies.ha.restartRespectsAntiAffinity': { yaml: failure('vsphere', 3).replace('diskGiB: 20 }', 'diskGiB: 20, antiAffinity: v }').replace('count: 12', 'count: 3'), value: true },
  'policies.ha.protectedByDefault': { yaml: failure('proxmox'), value: true },
  // AHV returns the VMs maintenance moved away; without it the last host stays empty.
  'policies.ha.maintenanceMovesBack': { yaml: rollout('nutanix'), value: false },
  // Three migrations at a time share 25 GbE at ~1,000 MiB/s each: the 400 MiB/s tunnel binds.
  'policies.migration.tunnel': { yaml: rollout('proxmox').replace('nicGbps: 10', 'nicGbps: 25'), value: 'none', also: [set('policies.ha.protectedByDefault', true)] },
  'policies.migration.sshTunnelMiBps': { yaml: rollout('proxmox'), value: 100, also: [set('policies.ha.protectedByDefault', true)] },
  // Hosts with a 25 GbE storage network beside the 10 GbE main NIC.
  'policies.migration.network': { yaml: rollout('vsphere').replace('nicGbps: 10,', 'nicGbps: 10, storageNicGbps: 25,'), value: 'storage' },
  'policies.migration.downtimeEscalationRises': {
    yaml: hot('proxmox'), value: 0, also: [set('policies.migration.allowAutoConverge', false), set('policies.ha.protectedByDefault', true)],
  },
  'policies.migration.withLocalDisks': {
    yaml: rollout('proxmox'), value: false,
    also: [set('storage.kind', 'local'), set('storage.replicas', 1), set('policies.ha.maintenanceMovesOnlyProtected', false)],
  },
  'policies.storage.dsf.dataLocality': { yaml: failure('nutanix'), value: false },
  'policies.storage.dsf.rebuildDuringMaintenance': { yaml: rollout('nutanix'), value: true },
  'policies.storage.dsf.localityMiBps': { yaml: rollout('nutanix'), value: 10 },
  // A replica that returns within the (raised) wait is reused: compared, then topped up.
  'policies.storage.longhorn.reuseHashMiBps': { yaml: rollout('harvester'), value: 400, also: [set('policies.storage.repairDelay', 7200)] },
  'policies.storage.longhorn.checksummedSnapshotPercent': { yaml: rollout('harvester'), value: 50, also: [set('policies.storage.repairDelay', 7200)] },
  'policies.storage.longhorn.fastReplicaRebuild': {
    yaml: rollout('harvester'), value: false,
    also: [set('policies.storage.repairDelay', 7200), set('policies.storage.longhorn.checksummedSnapshotPercent', 50)],
  },
  'policies.storage.vsan.durabilityComponents': { yaml: rollout('vsphere'), value: 'none' },
  // Read by the data-loss estimate (storage.risk) over the windows a rollout leaves replicas short.
  'policies.storage.durability.diskAfrPercent': { yaml: rollout('harvester'), value: 3 },
  'policies.storage.durability.hostAfrPercent': { yaml: rollout('harvester'), value: 10 },
  // A failure 10 minutes in: 600 s of writes since the last 15-minute run, none with a 1-minute schedule.
  'policies.storage.zfs.replicationIntervalSeconds': {
    yaml: failure('proxmox'), value: 60,
    also: [set('storage.kind', 'zfs'), set('storage.replicas', 2), set('policies.ha.protectedByDefault', true)],
  },
  // Ceph recovery runs at the slower OSD's mClock rate: each device figure moves it for its class.
  'policies.storage.ceph.hddIops': { yaml: failure('openstack'), value: 10, also: [set('storage.diskClass', 'hdd')] },
  'policies.storage.ceph.hddSequentialMiBps': { yaml: failure('openstack'), value: 40, also: [set('storage.diskClass', 'hdd')] },
  'policies.storage.ceph.ssdIops': { yaml: failure('openstack'), value: 50 },
  'policies.storage.ceph.ssdSequentialMiBps': { yaml: failure('openstack'), value: 100 },
  'policies.storage.ceph.nvmeIops': { yaml: failure('openstack'), value: 50, also: [set('storage.diskClass', 'nvme')] },
  'policies.storage.ceph.nvmeSequentialMiBps': { yaml: failure('openstack'), value: 100, also: [set('storage.diskClass', 'nvme')] },
  'policies.storage.ceph.recoveryReservation': { yaml: failure('openstack'), value: 0.2 },
  // Two hosts at once: some PG has copies on both, and ok-to-stop holds the second back.
  'policies.storage.ceph.okToStop': { yaml: rollout('openstack').replace('concurrency: 1', 'concurrency: 2'), value: false },
  'storage.diskClass': { yaml: failure('openstack'), value: 'hdd' },
  'storage.kind': { yaml: rollout('vsphere'), value: 'none' },
  'storage.replicas': { yaml: failure('vsphere'), value: 3 },
};

/** Each cost input, on a platform where it counts, priced on the 20-host TCO scenario. */
const COST_CASES: Record<string, { platform: PlatformName; value: unknown; also?: Override[] }> = {
  licenceModel: { platform: 'vsphere', value: 'perCore' },
  licencePerHostPerYearUsd: { platform: 'vsphere', value: 1000 },
  licencePerCorePerYearUsd: { platform: 'vsphere', value: 350, also: [set('cost.vsphere.licenceModel', 'perCore')] },
  licenceMinCoresPerCpu: { platform: 'vsphere', value: 48, also: [set('cost.vsphere.licenceModel', 'perCore')] },
  licenceMinCoresPerOrder: { platform: 'vsphere', value: 5000, also: [set('cost.vsphere.licenceModel', 'perCore')] },
  cpusPerHost: { platform: 'vsphere', value: 8, also: [set('cost.vsphere.licenceModel', 'perCore')] },
  staffFte: { platform: 'openstack', value: 5 },
  staffLoadedSalaryUsd: { platform: 'harvester', value: 150_000 },
  supportPerHostPerYearUsd: { platform: 'harvester', value: 0 },
  trainingUsd: { platform: 'openstack', value: 0 },
};

const DOC = readFileSync('docs/parameters.md', 'utf8');
const documented = [...DOC.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
const simulated = documented.filter((p) => !p.startsWith('cost.'));
const costs = documented.filter((p) => p.startsWith('cost.')).map((p) => p.replace('cost.<platform>.', ''));

function load(yaml: string, overrides: Override[]) {
  const loaded = loadScenarioText(yaml, 'audit.yaml', overrides);
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return loaded.scenario;
}

/** A run's trace hash and its summary without the echo of the parameters. */
function outcome(yaml: string, overrides: Override[]) {
  const { summary } = runScenario(load(yaml, overrides));
  const { parameters: _echo, traceHash, ...figures } = summary;
  return { traceHash, figures: JSON.stringify(figures) };
}

function changesTheRun(path: string): boolean {
  const c = CASES[path];
  const base = outcome(c.yaml, c.also ?? []);
  const changed = outcome(c.yaml, [...(c.also ?? []), set(path, c.value)]);
  return base.traceHash !== changed.traceHash || base.figures !== changed.figures;
}

describe('every parameter in docs/parameters.md is read', () => {
  it('lists the simulation parameters and the cost inputs', () => {
    expect(simulated.length).toBeGreaterThan(60);
    expect(costs.length).toBe(Object.keys(COST_CASES).length);
  });

  it('has a case for every documented parameter and none for a parameter that is not documented', () => {
    expect(Object.keys(CASES).sort()).toEqual([...simulated].sort());
    expect(Object.keys(COST_CASES).sort()).toEqual([...costs].sort());
  });

  for (const path of simulated) {
    it(`${path} changes the run`, () => {
      expect(CASES[path], `no case for ${path}: add a scenario where it matters`).toBeDefined();
      expect(changesTheRun(path)).toBe(true);
    });
  }

  for (const name of costs) {
    it(`cost.<platform>.${name} changes the priced total`, () => {
      const c = COST_CASES[name];
      expect(c, `no case for cost.${name}`).toBeDefined();
      const text = readFileSync('scenarios/tco-20-hosts.yaml', 'utf8');
      const price = (overrides: Override[]) => {
        const s = load(text, overrides);
        return directCost(c.platform, s.hosts, s.cost[c.platform], 3).totalUsd;
      };
      expect(price([...(c.also ?? []), set(`cost.${c.platform}.${name}`, c.value)])).not.toBe(price(c.also ?? []));
    });
  }
});
