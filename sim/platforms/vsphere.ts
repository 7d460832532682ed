// VMware vSphere with vSAN: ESXi hosts, vMotion for live migration, DRS for placement and
// balancing, vSphere HA (the FDM agents on each host) for restarts after a host failure.
// Every default below carries its source; "platform-facts §x" is
// /work/shared/reference/platform-facts.md.
import type { PlatformProfile } from './parameters.ts';
import { PLATFORM_COSTS } from './costs.ts';
import { STORAGE_KIND_SOURCES, storagePolicy } from './storage-defaults.ts';

export const VSPHERE: PlatformProfile = {
  name: 'vsphere',
  cost: PLATFORM_COSTS.vsphere,
  title: 'VMware vSphere: ESXi + vSAN, vMotion, DRS and HA',
  defaults: {
    storage: { kind: 'vsan', replicas: 2 },
    overhead: {
      cpuTaxPercent: 10,
      cpuConsumedPercent: 10,
      hostMemoryGiB: 18,
      perVmMemoryMiB: null,
      perVmMemoryModel: 'esxi',
      guestMemoryOverheadRatio: 1,
    },
    policies: {
      placement: {
        enabled: true,
        threshold: 3,
        intervalSeconds: 300,
        vcpuOvercommit: 32,
        memoryOvercommit: 1,
        weights: { freeMemory: 1, freeCpu: 1, spread: 0 },
      },
      ha: {
        enabled: true,
        hostFailuresToTolerate: 1,
        admissionControl: true,
        detectionSeconds: 15,
        restartDelaySeconds: 0,
        survivesManagementOutage: true,
        protectedByDefault: true,
        maintenanceMovesOnlyProtected: false,
      },
      migration: {
        live: true,
        withLocalDisks: false,
        maxParallelPerCluster: 128,
        maxParallelOutboundPerHost: 8,
        maxParallelPerHost: 8,
        maxParallelPerHostSlowNic: 4,
        bandwidthMiBps: 0,
        maxDowntimeMs: 500,
        downtimeRampSteps: 0,
        downtimeRampDelayPerGiBSeconds: 0,
        downtimeEscalationRises: 0,
        completionTimeoutPerGiBSeconds: 0,
        completionDataUnit: 'GiB',
        completionDataMinGiB: 0,
        progressTimeoutSeconds: 0,
        allowPostCopy: false,
        allowAutoConverge: false,
        allowWorkloadDisruption: false,
        workloadDisruptionFollowsPostCopy: false,
        autoConvergeInitialPercent: 20,
        autoConvergeStepPercent: 10,
        autoConvergeMaxPercent: 99,
        autoConvergeTriggerRatio: 0.5,
        stunDuringPageSend: true,
        sdpsDirtyToSendRatio: 0.8,
        maxSwitchoverSeconds: 100,
        setupSeconds: 2,
        preCopyRoundsMax: 100_000,
        retryInitialSeconds: 60,
        retryFactor: 1,
        retriesMax: 5,
      },
      storage: storagePolicy({ repairDelay: 3600, rebuildConcurrencyPerHost: 8, rebuildStreamMiBps: 0 }),
      vm: { bootSeconds: 60, shutdownSeconds: 30 },
    },
  },
  sources: {
    'storage.kind': 'platform-facts §3.1: vSAN is the HCI datastore of a vSphere cluster [doc]',
    'storage.replicas': 'platform-facts §3.1: default policy FTT=1 RAID-1 = 2 replicas + witness [doc]',
    'overhead.cpuTaxPercent':
      '[assumption: ~3 % ESXi virtualisation for CPU-bound guests (platform-facts §7.1 suggested 2-3 %) + ~7 % for the vSAN data path (unverified); inside the course range 5-15 % (§10)]',
    'overhead.cpuConsumedPercent':
      'the same as cpuTaxPercent: ESXi and vSAN reserve no share of the host for themselves the way Kubernetes requests do; the ~3 % virtualisation and ~7 % vSAN data path of cpuTaxPercent are CPU burnt [assumption, as cpuTaxPercent]',
    'overhead.hostMemoryGiB':
      'VMware KB 2113954 "Understanding vSAN memory consumption" (vSAN 6.2-6.6 formula, quoted at randombud.com/vsan-memory-overhead and cloudmaster.co.in): 5426 MB + 1 all-flash disk group (636 MB + 14 MB/GB x 600 GB cache) + 3 x 70 MB capacity disks = 14,672 MB for a 4-disk host [blog quoting KB]; plus ~3.7 GiB for the VMkernel, drivers and host agents [assumption] -> 18 GiB. Later KB revisions raise the vSAN part (7100 MB host footprint + 0.5 % of host memory per disk group, [unverified], secondary quote only)',
    'overhead.perVmMemoryMiB': 'null: computed by perVmMemoryModel esxi',
    'overhead.perVmMemoryModel':
      'platform-facts §7.2: vSphere Resource Management "Overhead Memory on Virtual Machines" table, fit 14 MB + 4 MB/vCPU + 7.5 MB/GB [doc + fit]',
    'overhead.guestMemoryOverheadRatio': 'no such multiplier on ESXi (KubeVirt-only concept, platform-facts §1.6): 1',
    'policies.placement.enabled': 'platform-facts §4.1/§4.4: DRS balances the cluster and generates the maintenance-mode moves [doc]',
    'policies.placement.threshold': 'platform-facts §4.1: DRS migration threshold slider default 3 [doc]',
    'policies.placement.intervalSeconds': 'platform-facts §4.1: classic DRS pollPeriodSec 300 s (vSphere 7+ DRS runs every 60 s, §4.2) [doc]',
    'policies.placement.vcpuOvercommit':
      'VMware vSphere Configuration Maximums: "Virtual CPUs per core" = 32 (vSphere 5.5 configmax PDF vmware.com/pdf/vsphere5/r55/vsphere-55-configuration-maximums.pdf, quoted by a Cloud Foundry engineering post; 25 in vSphere 5.0); the same 32 in 6.x-8.x is [unverified]',
    'policies.placement.memoryOvercommit':
      '[assumption: vSphere allows memory overcommit (ballooning, compression, swap) but the simulator does not model reclamation, and production sizing and HA admission control work on configured memory; place on configured memory]',
    'policies.placement.weights.freeMemory': '[assumption: DRS balances memory load (platform-facts §4.1: load per resource) with equal weight to CPU]',
    'policies.placement.weights.freeCpu': '[assumption: DRS balances CPU load with equal weight to memory, platform-facts §4.1]',
    'policies.placement.weights.spread': '[assumption: DRS has no VM-count spreading term (platform-facts §4.1/§4.2): 0]',
    'policies.ha.enabled': 'platform-facts §4.6: vSphere HA restarts the VMs of a failed host [doc]',
    'policies.ha.hostFailuresToTolerate': 'platform-facts §4.6: admission control "host failures cluster tolerates" default 1 [doc]',
    'policies.ha.admissionControl': 'platform-facts §4.6: admission control is on when HA is enabled [doc]',
    'policies.ha.detectionSeconds': 'platform-facts §4.6: FDM heartbeats every 1 s; a host is declared failed after 15 s [doc]',
    'policies.ha.restartDelaySeconds': 'platform-facts §4.6: the FDM primary restarts VMs as soon as the host is declared failed [doc]',
    'policies.ha.survivesManagementOutage':
      'vSphere API ClusterDasFdmHostState (developer.broadcom.com/xapis/vsphere-web-services-api): the elected FDM master on the hosts monitors hosts and restarts VMs and only reports state to vCenter Server, so restarts do not need vCenter [doc]',
    'policies.migration.live': 'platform-facts §4.5: vMotion (iterative pre-copy) [doc]',
    'policies.migration.maxParallelPerCluster':
      'platform-facts §4.4: vCenter has no cluster-wide vMotion limit, only per-resource costs; the datastore limit 128 is the largest (one shared vSAN datastore) [doc]',
    'policies.migration.maxParallelOutboundPerHost': 'platform-facts §4.4: host cost limit 8, vMotion cost 1; network cost limit 8 on >= 10 GbE [doc]',
    'policies.migration.maxParallelPerHost': 'platform-facts §4.4: host cost limit 8 counts vMotions in and out [doc]',
    'policies.migration.maxParallelPerHostSlowNic': 'platform-facts §4.4: network cost limit 4 on 1 GbE [doc]',
    'policies.migration.bandwidthMiBps': 'platform-facts §4.5: no per-vMotion cap; 7.0U2 opens several streams to fill the NIC [blog/doc]',
    'policies.migration.maxDowntimeMs': 'platform-facts §4.5: switchover when the rest can be sent in ~500 ms [unverified]',
    'policies.migration.downtimeRampSteps': 'Nova-only mechanism (platform-facts §5.1); vMotion has none: 0',
    'policies.migration.downtimeRampDelayPerGiBSeconds': 'Nova-only mechanism (platform-facts §5.1); not used: 0',
    'policies.migration.completionTimeoutPerGiBSeconds': 'platform-facts §4.5: vMotion has no total-time limit, only maxSwitchoverSeconds: 0',
    'policies.migration.completionDataUnit': 'not used (no completion timeout); GiB',
    'policies.migration.completionDataMinGiB': 'not used (no completion timeout): 0',
    'policies.migration.progressTimeoutSeconds': 'platform-facts §4.5: no progress timeout known for vMotion; SDPS forces convergence instead: 0',
    'policies.migration.allowPostCopy': 'platform-facts §4.5: vMotion is pre-copy only',
    'policies.migration.allowAutoConverge': 'platform-facts §4.5: vMotion uses SDPS, not QEMU auto-converge',
    'policies.migration.allowWorkloadDisruption': 'platform-facts §4.5: a vMotion that cannot switch over fails and the VM stays on the source',
    'policies.migration.autoConvergeInitialPercent': 'not used on vSphere (allowAutoConverge false); QEMU default 20 % kept, platform-facts §5.2 [code]',
    'policies.migration.autoConvergeStepPercent': 'not used on vSphere; QEMU default 10 %, platform-facts §5.2 [code]',
    'policies.migration.autoConvergeMaxPercent': 'not used on vSphere; QEMU default 99 %, platform-facts §5.2 [code]',
    'policies.migration.autoConvergeTriggerRatio': 'not used on vSphere; QEMU throttle-trigger-threshold 50 %, platform-facts §5.2 [code]',
    'policies.migration.stunDuringPageSend': 'platform-facts §4.5: SDPS slows the vCPUs when pages are dirtied faster than sent [blog/doc]',
    'policies.migration.sdpsDirtyToSendRatio':
      '[unverified; assumption: VMware publishes no target. SDPS slows the vCPUs just enough that pages are dirtied slower than they are sent (platform-facts §4.5), i.e. the least guest slowdown that still converges; 0.8 leaves a 20 % margin, so each round shrinks by at least a fifth and an 8 GiB VM on 10 GbE converges in ~12 rounds (~30 s at 1.25 GB/s, 500 ms switchover)]',
    'policies.migration.maxSwitchoverSeconds': 'platform-facts §4.5: vmotion.maxSwitchoverSeconds default 100 s [doc]',
    'policies.migration.setupSeconds': 'platform-facts §6.1: setup roughly 1-2 s in practice [unverified]',
    'policies.migration.preCopyRoundsMax':
      '[assumption: no published vMotion round limit; a loop guard only, set high so SDPS and maxSwitchoverSeconds decide the outcome]',
    'policies.migration.retryInitialSeconds':
      '[assumption: a failed maintenance-mode vMotion is proposed again at the next DRS invocation, every 60 s in vSphere 7+ (platform-facts §4.2)]',
    'policies.migration.retryFactor': '[assumption: DRS re-evaluates on a fixed period, no backoff]: 1',
    'policies.migration.retriesMax':
      '[assumption: vCenter keeps the enter-maintenance task running (no timeout by default) and DRS keeps proposing the move; after 5 failed attempts of the same VM an operator would intervene, so the rollout is reported as stalled]',
    'policies.storage.repairDelay': 'platform-facts §3.2: object repair timer VSAN.ClomRepairDelay default 60 min [doc]',
    'policies.storage.rebuildStreamMiBps': 'platform-facts §3.3: vSAN resync has no per-stream cap (Adaptive Resync shares bandwidth; an OSA resync can saturate 10 and 25 GbE, KB 371138) [doc]: 0',
    'policies.migration.workloadDisruptionFollowsPostCopy': 'KubeVirt-only rule (platform-facts §1.1); vMotion has no post-copy: false',
    'policies.ha.protectedByDefault': 'vSphere HA protects every powered-on VM of an HA cluster (VM restart priority Medium by default; platform-facts §4.6) [doc]',
    'policies.ha.maintenanceMovesOnlyProtected': 'vCenter maintenance mode evacuates every VM with DRS (platform-facts §4.4) [doc]',
    'policies.migration.downtimeEscalationRises': 'vMotion has no downtime escalation; SDPS slows the guest instead (platform-facts §4.5): 0',
    'policies.migration.withLocalDisks': 'vCenter maintenance mode and DRS do not move VMs on local datastores; a shared-nothing vMotion of the disk is a manual operation (platform-facts §4.4: such VMs block the host or are powered off) [doc]',
    ...STORAGE_KIND_SOURCES,
    'policies.storage.rebuildConcurrencyPerHost':
      '[assumption: vSAN has no per-host rebuild count; components resync in parallel and are throttled by bandwidth (Adaptive Resync, platform-facts §3.3); 8 keeps the NIC the bottleneck]',
    'policies.vm.bootSeconds':
      '[assumption: ~60 s for a typical Linux server VM to boot and start its services; VM boots range from seconds to a few minutes under load (Nguyen, Nou, Lebre, "YOLO: Speeding up VM Boot Time", Inria RR-9245, 2019); same value on every VM platform]',
    'policies.vm.shutdownSeconds': '[assumption: graceful guest shutdown ~30 s; same on every platform]',
  },
};
