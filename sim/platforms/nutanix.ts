// Nutanix AHV: KVM guests under the Acropolis control plane, storage by the Distributed Storage
// Fabric served from a Controller VM (CVM) on every node (sim/storage/dsf.ts). The CVM's reserved
// vCPUs and memory are the honest answer to "what is the hypervisor tax on Nutanix". VM HA restarts
// every VM of a failed host, best effort by default (or with a guaranteed reservation). Nutanix
// publishes little as code; sources are the Nutanix Bible, the Nutanix Sizer wiki and community and
// engineer posts, and values nobody publishes are marked [assumption].
import { PLATFORM_COSTS } from './costs.ts';
import type { PlatformProfile } from './parameters.ts';
import { STORAGE_KIND_SOURCES, storagePolicy } from './storage-defaults.ts';

export const NUTANIX: PlatformProfile = {
  name: 'nutanix',
  title: 'Nutanix AHV: KVM + Distributed Storage Fabric (a CVM per node)',
  cost: PLATFORM_COSTS.nutanix,
  defaults: {
    storage: { kind: 'dsf', replicas: 2, diskClass: 'ssd' },
    overhead: {
      cpuTaxPercent: 20,
      cpuConsumedPercent: 20,
      hostMemoryGiB: 34,
      perVmMemoryMiB: 256,
      perVmMemoryModel: 'fixed',
      guestMemoryOverheadRatio: 1,
    },
    policies: {
      placement: {
        enabled: true,
        threshold: 3,
        intervalSeconds: 900,
        vcpuOvercommit: 4,
        memoryOvercommit: 1,
        weights: { freeMemory: 1, freeCpu: 1, spread: 0 },
        balancer: 'lowNodeUtilization',
        maxMovesPerHostPerPass: 8,
        benefitSeconds: 300,
        lowUtilizationPercent: 85,
        highUtilizationPercent: 85,
      },
      ha: {
        enabled: true,
        hostFailuresToTolerate: 0,
        admissionControl: false,
        admissionCounts: 'memory',
        detectionSeconds: 60,
        restartDelaySeconds: 0,
        survivesManagementOutage: true,
        protectedByDefault: true,
        maintenanceMovesOnlyProtected: false,
        restartRespectsAntiAffinity: false,
        maintenanceMovesBack: true,
      },
      migration: {
        live: true,
        withLocalDisks: false,
        maxParallelPerCluster: 1000,
        maxParallelOutboundPerHost: 2,
        maxParallelPerHost: 0,
        maxParallelPerHostSlowNic: 0,
        bandwidthMiBps: 0,
        tunnel: 'none',
        sshTunnelMiBps: 0,
        network: 'main',
        maxDowntimeMs: 300,
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
        stunDuringPageSend: false,
        sdpsDirtyToSendRatio: 1,
        maxSwitchoverSeconds: 0,
        setupSeconds: 5,
        preCopyRoundsMax: 100_000,
        retryInitialSeconds: 0,
        retryFactor: 1,
        retriesMax: 0,
      },
      storage: storagePolicy({ repairDelay: 60, rebuildConcurrencyPerHost: 8, rebuildStreamMiBps: 0 }),
      vm: { bootSeconds: 60, shutdownSeconds: 30 },
      cpu: { fairShare: 'equal', migrationCores: 1, migrationCoresPerHostMax: 0 },
    },
  },
  sources: {
    'storage.kind': 'the Nutanix Bible, Book of AOS: every AHV node runs a CVM serving the Distributed Storage Fabric; AHV has no other local datastore [doc: nutanixbible.com]',
    'storage.diskClass': '[assumption: all-flash nodes (Nutanix sells all-flash and hybrid; the CVM memory default above is the all-flash one); the storage models read it only for Ceph today]',
    'storage.replicas':
      'the Nutanix Bible, Book of AOS "Data Protection": replication factor 2 (RF3 needs at least 5 nodes) set per container; RF2 is the default of a new container [doc]',
    'overhead.cpuTaxPercent':
      'CVM vCPUs: Foundation gives the CVM the physical cores of its NUMA node, at least 8 and at most 12 (Field Installation Guide "CVM vCPU and vRAM Allocation", summarised at x-journey.hatenablog.com 2022-03; 8 vCPU default on older models, vcdx133.com "NPX - Controller VM Sizing"); the Nutanix Sizer budgets 4-6 cores per node (sizerwiki "CVM Cores") [doc, blog] -> 8-12 of a 2 x 24-32-core node ~ 20 %',
    'overhead.cpuConsumedPercent':
      '[assumption: the CVM\'s vCPUs run AOS services (Stargate, Curator, Cassandra) and are taken from the guests whether busy or not; Nutanix publishes no idle figure, so consumed = reserved]',
    'overhead.hostMemoryGiB':
      'Nutanix Sizer wiki "CVM Memory": 20 GB for server virtualization, 32 GB for large / high-performance / all-flash nodes, +8 GB with RF3 [doc] -> 32 GiB + ~2 GiB for AHV itself [assumption] = 34',
    'overhead.perVmMemoryMiB': '[assumption: QEMU process overhead ~256 MiB per guest, as on other KVM platforms; Nutanix accounts none separately]',
    'overhead.perVmMemoryModel': 'a fixed per-VM figure (perVmMemoryMiB)',
    'overhead.guestMemoryOverheadRatio': 'KubeVirt-only concept (platform-facts §1.6): 1',
    'policies.placement.enabled':
      'nutanix.com tech-center blog "Nutanix AHV internals: meet the smart scheduler behind every AHV cluster": ADS (on by default) remediates contention, defined as host CPU (or CVM storage controller CPU) above 85 %, and runs every 15 minutes; it migrates VMs "only when necessary", not to balance load [doc]: balancing on, as hotspot relief (balancer lowNodeUtilization with both thresholds at 85 %)',
    'policies.placement.threshold':
      'not used (the balancer is lowNodeUtilization, not DRS): 3 kept for overrides',
    'policies.placement.intervalSeconds':
      'nutanix.com tech-center blog "Nutanix AHV internals: meet the smart scheduler behind every AHV cluster": ADS (on by default) remediates contention, defined as host CPU (or CVM storage controller CPU) above 85 %, and runs every 15 minutes; it migrates VMs "only when necessary", not to balance load [doc]: 900 s',
    'policies.placement.vcpuOvercommit':
      '[assumption: AHV enforces no vCPU ratio; 4:1 is the usual ceiling for server virtualisation (erikevenson.github.io "Nutanix Compute": 1:1 to 4:1 for general workloads)]',
    'policies.placement.memoryOvercommit': 'AHV does not overcommit memory unless enabled per VM (AOS 6.0.2+ memory overcommit, off by default) [doc, not re-read here]: 1',
    'policies.placement.weights.freeMemory': '[assumption: the Acropolis scheduler places a VM on the node with the most free resources]',
    'policies.placement.weights.freeCpu': '[assumption: as freeMemory]',
    'policies.placement.weights.spread': '[assumption: no spreading by VM count]: 0',
    'policies.ha.enabled':
      'next.nutanix.com "Configuring HA in Acropolis" (2020): best-effort VM high availability is enabled by default; the Acropolis leader restarts a failed host\'s VMs on the remaining hosts [doc]',
    'policies.ha.hostFailuresToTolerate':
      'best effort (the default) reserves nothing: 0; Guarantee mode reserves one host\'s resources with RF2 (two with RF3) (next.nutanix.com "Configuring HA in Acropolis"; vwired.co.uk "AHV Basics - Part 3") [doc]: set admissionControl true and 1 (or 2) to model it',
    'policies.ha.admissionCounts': 'Guarantee mode reserves segments sized to the VMs\' memory so every VM of a failed host restarts (Nutanix BP-2029 AHV best practices §4.2 "Virtual Machine High Availability"; virtualramblings.com "Reserve Segments Calculation") and AHV backs each VM\'s whole memory (no memory overcommit by default) [doc]: memory',
    'policies.ha.admissionControl': 'the default HA mode is best effort: no reservation, "not all of the failed VMs will restart" without room (next.nutanix.com) [doc]',
    'policies.ha.detectionSeconds':
      '[assumption: the Acropolis leader watches every host\'s libvirt connection (vwired.co.uk "AHV Basics - Part 3") and declares a host down after about a minute without it; no published figure found]',
    'policies.ha.restartDelaySeconds': '[assumption: the leader powers the VMs on elsewhere as soon as it declares the host down: 0]',
    'policies.ha.survivesManagementOutage':
      'Acropolis runs on every CVM with an elected leader; Prism Central being down does not stop VM HA (the Nutanix Bible, Book of AHV) [doc]',
    'policies.ha.protectedByDefault': 'best-effort HA covers every VM; HA can be switched off per VM (joshodgers.com "Acropolis: VM High Availability") [blog]',
    'policies.ha.restartRespectsAntiAffinity': '[assumption: AHV VM-VM anti-affinity is a preferential policy that HA restarts do not enforce (AHV Administration Guide, VM-VM anti-affinity policy)]; hcisim leaves the two VMs together until one moves for another reason (a corrective ADS move is not modelled)',
    'policies.ha.maintenanceMovesOnlyProtected':
      'AHV host maintenance mode live-migrates every migratable VM and powers off the rest (bartdonders.nl "Nutanix Prism: Enter Maintenance mode", AOS 6.5) [blog]',
    'policies.migration.live': 'AHV live migration (libvirt/QEMU) [doc]',
    'policies.migration.maxParallelPerCluster': '[assumption: no published cluster-wide limit]: 1000 = effectively none',
    'policies.migration.maxParallelOutboundPerHost':
      '[assumption: Acropolis migrates a few VMs at a time off a host entering maintenance; 2 per host, as KubeVirt, for lack of a published figure]',
    'policies.migration.maxParallelPerHost': 'only outgoing migrations are limited: 0',
    'policies.migration.maxParallelPerHostSlowNic': 'no NIC-dependent limit: 0 = same',
    'policies.migration.bandwidthMiBps': '[assumption: no per-migration cap by default]: 0',
    'policies.migration.maxDowntimeMs': '[assumption: QEMU\'s default downtime-limit 300 ms (platform-facts §5.2); AHV publishes no other]',
    'policies.migration.downtimeRampSteps': '[assumption: no downtime ramp published]: 0',
    'policies.migration.downtimeRampDelayPerGiBSeconds': 'no ramp: 0',
    'policies.migration.downtimeEscalationRises': '[assumption: no downtime escalation published]: 0',
    'policies.migration.completionTimeoutPerGiBSeconds': '[assumption: no completion timeout published]: 0',
    'policies.migration.completionDataUnit': 'not used (no completion timeout)',
    'policies.migration.completionDataMinGiB': 'not used (no completion timeout)',
    'policies.migration.progressTimeoutSeconds': '[assumption: no progress timeout published]: 0',
    'policies.migration.allowPostCopy': '[assumption: AHV does not use post-copy]',
    'policies.migration.allowAutoConverge': '[assumption: not documented as enabled]',
    'policies.migration.allowWorkloadDisruption': '[assumption: no pause-to-finish documented]',
    'policies.migration.workloadDisruptionFollowsPostCopy': 'KubeVirt-only rule: false',
    'policies.migration.autoConvergeInitialPercent': 'platform-facts §5.2: QEMU cpu-throttle-initial 20 % (used only if enabled) [code]',
    'policies.migration.autoConvergeStepPercent': 'platform-facts §5.2: QEMU cpu-throttle-increment 10 % [code]',
    'policies.migration.autoConvergeMaxPercent': 'platform-facts §5.2: QEMU max-cpu-throttle 99 % [code]',
    'policies.migration.autoConvergeTriggerRatio': 'platform-facts §5.2: QEMU throttle-trigger-threshold 50 % [code]',
    'policies.migration.stunDuringPageSend': 'SDPS is a vMotion mechanism (platform-facts §4.5); QEMU has none',
    'policies.migration.sdpsDirtyToSendRatio': 'not used (stunDuringPageSend false): 1',
    'policies.migration.maxSwitchoverSeconds': 'no switchover limit: 0',
    'policies.migration.setupSeconds': '[assumption: ~5 s to prepare the target, as for other QEMU platforms]',
    'policies.migration.preCopyRoundsMax': '[assumption: a loop guard only; QEMU has no round limit]',
    'policies.migration.retryInitialSeconds': 'not used (retriesMax 0)',
    'policies.migration.retryFactor': 'not used (retriesMax 0)',
    'policies.migration.retriesMax': '[assumption: a VM that fails to migrate blocks maintenance until an operator acts]: 0',
    'policies.storage.repairDelay':
      '[assumption: the cluster re-replicates a failed node\'s data "among all nodes" (the Nutanix Bible, Data Resilience) once the node is declared down; about a minute, as VM HA; the node\'s metadata is detached only after 30 minutes (next.nutanix.com "Honey, I shrunk my cluster")]',
    'policies.storage.rebuildStreamMiBps': '[assumption: re-replication is bounded by the network and by how many tasks each node runs, not by one stream]: 0',
    'policies.migration.withLocalDisks': 'AHV storage is always the DSF, never local to one node: not applicable',
    ...STORAGE_KIND_SOURCES,
    'policies.storage.rebuildConcurrencyPerHost':
      '[assumption: Curator spreads re-replication over every node; 8 concurrent tasks per receiving node, so a node\'s data returns from all peers in parallel]',
    'policies.vm.bootSeconds': '[assumption: ~60 s for a typical Linux server VM to boot and start its services; same value on every VM platform]',
    'policies.vm.shutdownSeconds': '[assumption: graceful guest shutdown ~30 s]',
    'policies.placement.balancer': 'Acropolis Dynamic Scheduling relieves hotspots: VMs leave a host above its CPU threshold for hosts that stay below it (the Nutanix Bible, Book of AHV "Acropolis Dynamic Scheduling") [doc]: the low/high policy with one threshold',
    'policies.placement.maxMovesPerHostPerPass': '[assumption: no published ADS move limit; 8 per host per pass, the same bound as DRS]',
    'policies.placement.benefitSeconds': '[assumption: ADS weighs migration cost (the Bible mentions it) but publishes no constant; the same 300 s horizon as DRS]',
    'policies.placement.lowUtilizationPercent':
      'nutanix.com tech-center blog "Nutanix AHV internals: meet the smart scheduler behind every AHV cluster": ADS (on by default) remediates contention, defined as host CPU (or CVM storage controller CPU) above 85 %, and runs every 15 minutes; it migrates VMs "only when necessary", not to balance load [doc]: a host at or below 85 % may receive VMs',
    'policies.placement.highUtilizationPercent':
      'nutanix.com tech-center blog "Nutanix AHV internals: meet the smart scheduler behind every AHV cluster": ADS (on by default) remediates contention, defined as host CPU (or CVM storage controller CPU) above 85 %, and runs every 15 minutes; it migrates VMs "only when necessary", not to balance load [doc]: a host above 85 % gives VMs away (the blog\'s "contention"; next.nutanix.com "Acropolis Dynamic Scheduling in AHV": when it stays above 85 % for the 15 minutes)',
    'policies.cpu.fairShare': '[unverified; assumption: AHV runs each VM as a libvirt/QEMU process whose cgroup keeps the default weight, an equal share per VM]',
    'policies.cpu.migrationCores': '[assumption: AHV live migration is QEMU\'s, one migration thread: about one core on the source and one on the target]',
    'policies.cpu.migrationCoresPerHostMax': 'each QEMU migration has its own thread: no per-host cap, 0',
    'policies.ha.maintenanceMovesBack':
      'blog.ntnx.jp 2018-12-17 (Nutanix CE, acli host.exit_maintenance_mode): the VMs that maintenance mode had live-migrated away return to their original AHV host automatically on exit, with a message that data locality is restored [blog]',
    'policies.migration.tunnel':
      '[assumption: AHV live migration is QEMU over the hosts\' network with no published tunnel or cap]: none',
    'policies.migration.sshTunnelMiBps':
      'not used (tunnel none): 0',
    'policies.migration.network':
      'AHV migrates over the hypervisor\'s management (br0) network [assumption: no separate migration network by default]: main',
  },
};
