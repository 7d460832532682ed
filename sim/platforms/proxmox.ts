// Proxmox VE 9: QEMU/KVM guests managed by qemu-server, hyper-converged Ceph RBD (pveceph), and the
// ha-manager: only guests added as HA resources are restarted after a node is fenced (watchdog
// self-fencing), and its node maintenance mode migrates those resources only. Sources: the
// pve-docs repository (github.com/proxmox/pve-docs @ e5010dce, ha-manager.adoc, pveceph.adoc,
// pve-system-requirements.adoc, api-viewer/apidata.js) and qemu-server (github.com/proxmox/qemu-server
// @ e6352be6, src/PVE/QemuMigrate.pm, src/PVE/QemuMigrate/Helpers.pm). "platform-facts §x" is
// /work/shared/reference/platform-facts.md.
import { PLATFORM_COSTS } from './costs.ts';
import type { CephParameters, PlatformProfile, StoragePolicyParameters } from './parameters.ts';
import { STORAGE_KIND_SOURCES, storagePolicy } from './storage-defaults.ts';

export const PROXMOX: PlatformProfile = {
  name: 'proxmox',
  title: 'Proxmox VE 9: QEMU/KVM + hyper-converged Ceph, ha-manager',
  cost: PLATFORM_COSTS.proxmox,
  defaults: {
    storage: { kind: 'ceph', replicas: 3, diskClass: 'ssd' },
    overhead: {
      cpuTaxPercent: 15,
      cpuConsumedPercent: 15,
      hostMemoryGiB: 18,
      perVmMemoryMiB: 256,
      perVmMemoryModel: 'fixed',
      guestMemoryOverheadRatio: 1,
    },
    policies: {
      placement: {
        enabled: false,
        threshold: 3,
        intervalSeconds: 300,
        vcpuOvercommit: 16,
        memoryOvercommit: 1,
        weights: { freeMemory: 1, freeCpu: 1, spread: 0 },
        balancer: 'lowNodeUtilization',
        maxMovesPerHostPerPass: 8,
        benefitSeconds: 300,
        lowUtilizationPercent: 20,
        highUtilizationPercent: 50,
      },
      ha: {
        enabled: true,
        hostFailuresToTolerate: 0,
        admissionControl: false,
        admissionCounts: 'memory',
        detectionSeconds: 60,
        restartDelaySeconds: 60,
        survivesManagementOutage: true,
        protectedByDefault: false,
        maintenanceMovesOnlyProtected: true,
        restartRespectsAntiAffinity: true,
        maintenanceMovesBack: true,
      },
      migration: {
        live: true,
        withLocalDisks: true,
        maxParallelPerCluster: 1000,
        maxParallelOutboundPerHost: 4,
        maxParallelPerHost: 0,
        maxParallelPerHostSlowNic: 0,
        bandwidthMiBps: 0,
        tunnel: 'ssh',
        sshTunnelMiBps: 400,
        network: 'main',
        maxDowntimeMs: 100,
        downtimeRampSteps: 0,
        downtimeRampDelayPerGiBSeconds: 0,
        downtimeEscalationRises: 6,
        completionTimeoutPerGiBSeconds: 0,
        completionDataUnit: 'GiB',
        completionDataMinGiB: 0,
        progressTimeoutSeconds: 0,
        allowPostCopy: false,
        allowAutoConverge: true,
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
      // ha-manager's maintenance mode does not ask Ceph whether the node's OSDs may stop.
      storage: withCeph(storagePolicy({ repairDelay: 600, rebuildConcurrencyPerHost: 4, rebuildStreamMiBps: 0 }), { okToStop: false }),
      vm: { bootSeconds: 60, shutdownSeconds: 30 },
      cpu: { fairShare: 'equal', migrationCores: 1, migrationCoresPerHostMax: 0 },
    },
  },
  sources: {
    'storage.kind': 'pve-docs pveceph.adoc: Proxmox VE integrates Ceph RBD as hyper-converged storage managed by pveceph [doc]',
    'storage.diskClass': '[assumption: all-flash SSD OSDs (pveceph.adoc recommends SSD or NVMe for OSDs and warns that HDD-only pools are slow), the common hyper-converged Proxmox build]',
    'storage.replicas': 'pve-docs pveceph.adoc "Create Pools": default size 3 replicas, min_size 2 [doc]',
    'overhead.cpuTaxPercent':
      'pve-docs pveceph.adoc "CPU": at least one core per Ceph service; a MON, a MGR and 6 OSDs need 8 cores -> MON + MGR + 4 OSDs = 6 of 32 cores (19 %) on a 4-disk host, minus what idle OSDs leave unused, + ~3 % KVM (platform-facts §7.1) [doc; core count an assumption] -> 15, as OpenStack on hyper-converged Ceph',
    'overhead.cpuConsumedPercent':
      'the same as cpuTaxPercent: Proxmox reserves nothing itself; the pveceph.adoc rule (a core per Ceph service) sizes what the OSDs, MON and MGR burn, so reserved = consumed [doc]',
    'overhead.hostMemoryGiB':
      'pve-docs pve-system-requirements.adoc: 2 GB for the OS and Proxmox VE services; pveceph.adoc "Memory": an OSD daemon needs 4 GiB by default -> 2 + 4 x 4 OSDs = 18 GiB [doc; OSD count an assumption]',
    'overhead.perVmMemoryMiB':
      '[assumption: QEMU process overhead (device emulation, page tables, I/O buffers) ~256 MiB per guest; Proxmox accounts none itself]',
    'overhead.perVmMemoryModel': 'a fixed per-VM figure (perVmMemoryMiB)',
    'overhead.guestMemoryOverheadRatio': 'KubeVirt-only concept (platform-facts §1.6): 1',
    'policies.placement.enabled':
      'pve-docs ha-manager.adoc "Cluster Resource Scheduling": the CRS picks a node only when an HA resource is recovered, migrated or started (rebalance on start is off by default); nothing rebalances periodically [doc]',
    'policies.placement.threshold': 'not used (placement.enabled false); DRS-style default 3 kept for overrides',
    'policies.placement.intervalSeconds': 'not used (placement.enabled false); 300 s kept for overrides',
    'policies.placement.vcpuOvercommit':
      '[assumption: Proxmox enforces no vCPU ratio (a guest starts whatever the other guests use); 16 is a permissive bound, as Harvester\'s default]',
    'policies.placement.memoryOvercommit':
      '[assumption: Proxmox checks no memory ratio at start, but a guest whose memory cannot be allocated fails to start (KSM and ballooning aside): 1]',
    'policies.placement.weights.freeMemory':
      'pve-docs ha-manager.adoc: CRS mode "static" weighs nodes by the memory and CPU of their HA resources ("basic" counts resources); both least-loaded first [doc]',
    'policies.placement.weights.freeCpu': 'as freeMemory (CRS static mode) [doc]',
    'policies.placement.weights.spread': 'CRS basic mode counts resources per node; static mode (weights above) does not [doc]: 0',
    'policies.ha.enabled': 'pve-docs ha-manager.adoc: the HA manager recovers HA resources of a fenced node on the surviving nodes [doc]',
    'policies.ha.hostFailuresToTolerate': 'ha-manager keeps no failover reserve: 0 [doc]',
    'policies.ha.admissionCounts': '[assumption: no admission control (admissionControl false); were one turned on, a QEMU guest holds its whole memory]: memory',
    'policies.ha.admissionControl': 'ha-manager has no admission control [doc]',
    'policies.ha.detectionSeconds':
      'pve-docs ha-manager.adoc "How It Works": a node without quorum cannot reset its watchdog and is reset when it times out "after 60 seconds" (self-fencing) [doc]',
    'policies.ha.restartDelaySeconds':
      'pve-docs ha-manager.adoc: "typical error detection and failover times of about 2 minutes": the CRM recovers the services once it holds the failed node\'s lock, after the 60 s watchdog -> 60 s more [doc]',
    'policies.ha.survivesManagementOutage':
      'Proxmox has no central management server: every node runs the API and the CRM/LRM over the corosync cluster (pve-docs ha-manager.adoc) [doc]',
    'policies.ha.protectedByDefault':
      'pve-docs ha-manager.adoc: only guests configured as HA resources (ha-manager add vm:ID) are managed; others stay where they are when their node fails [doc]',
    'policies.ha.restartRespectsAntiAffinity': 'the HA manager places recovered resources with the HA rules, negative resource affinity (keep apart) included (pve-docs ha-manager.adoc, HA Rules, PVE 9) [doc]',
    'policies.ha.maintenanceMovesOnlyProtected':
      'pve-docs ha-manager.adoc "Maintenance Mode": node-maintenance enable migrates "all services managed by HA"; other guests are not moved and stop with the node\'s shutdown (they start again on boot when onboot is set) [doc]',
    'policies.migration.live': 'pve-docs qm.adoc "Online Migration": QEMU live migration [doc]',
    'policies.migration.maxParallelPerCluster': 'no cluster-wide limit in Proxmox: 1000 = effectively none [doc]',
    'policies.migration.maxParallelOutboundPerHost':
      'pve-docs ha-manager.adoc: LRM workers "are limited to at most 4 by default" (datacenter.cfg max_workers), "4 live migrations may occur at the same time" [doc]',
    'policies.migration.maxParallelPerHost': 'only outgoing workers are limited: 0 = no limit [doc]',
    'policies.migration.maxParallelPerHostSlowNic': 'no NIC-dependent limit: 0 = same',
    'policies.migration.bandwidthMiBps': 'pve-docs api-viewer: migrate_speed default 0 = no limit; datacenter.cfg bwlimit unset [doc]',
    'policies.migration.maxDowntimeMs': 'pve-docs api-viewer (qm config): migrate_downtime default 0.1 s [doc]',
    'policies.migration.downtimeRampSteps': 'qemu-server raises the downtime on stalls instead of on a timer (downtimeEscalationRises): 0 [code]',
    'policies.migration.downtimeRampDelayPerGiBSeconds': 'no timed ramp: 0',
    'policies.migration.downtimeEscalationRises':
      'qemu-server src/PVE/QemuMigrate.pm phase2: `$downtimecounter > 5` polls with the remaining RAM rising -> increase_migrate_downtime doubles downtime-limit, capped at 2,000 s [code]',
    'policies.migration.completionTimeoutPerGiBSeconds': 'qemu-server sets no completion timeout: the migration runs until it converges (QemuMigrate.pm phase2) [code]: 0',
    'policies.migration.completionDataUnit': 'not used (no completion timeout)',
    'policies.migration.completionDataMinGiB': 'not used (no completion timeout)',
    'policies.migration.progressTimeoutSeconds': 'qemu-server has no progress timeout [code]: 0',
    'policies.migration.allowPostCopy': 'qemu-server does not enable postcopy-ram (QemuMigrate/Helpers.pm set_migration_caps) [code]',
    'policies.migration.allowAutoConverge': 'qemu-server src/PVE/QemuMigrate/Helpers.pm set_migration_caps: "auto-converge" => 1 [code]',
    'policies.migration.allowWorkloadDisruption': 'no pause-to-finish in qemu-server; the downtime escalation is its way to finish [code]',
    'policies.migration.workloadDisruptionFollowsPostCopy': 'KubeVirt-only rule: false',
    'policies.migration.autoConvergeInitialPercent': 'platform-facts §5.2: QEMU cpu-throttle-initial 20 % (qemu-server leaves it) [code]',
    'policies.migration.autoConvergeStepPercent': 'platform-facts §5.2: QEMU cpu-throttle-increment 10 % [code]',
    'policies.migration.autoConvergeMaxPercent': 'platform-facts §5.2: QEMU max-cpu-throttle 99 % [code]',
    'policies.migration.autoConvergeTriggerRatio': 'platform-facts §5.2: QEMU throttle-trigger-threshold 50 % [code]',
    'policies.migration.stunDuringPageSend': 'SDPS is a vMotion mechanism (platform-facts §4.5); QEMU has none',
    'policies.migration.sdpsDirtyToSendRatio': 'not used (stunDuringPageSend false): 1',
    'policies.migration.maxSwitchoverSeconds': 'no switchover limit besides the downtime cap: 0',
    'policies.migration.setupSeconds': '[assumption: starting the target QEMU with -incoming and the tunnel takes ~5 s, as Nova\'s pre_live_migration; not measured]',
    'policies.migration.preCopyRoundsMax': '[assumption: a loop guard only; QEMU has no round limit]',
    'policies.migration.retryInitialSeconds': 'not used (retriesMax 0)',
    'policies.migration.retryFactor': 'not used (retriesMax 0)',
    'policies.migration.retriesMax': '[assumption: a failed migration of an HA resource in maintenance is not retried automatically; an operator steps in]: 0',
    'policies.storage.repairDelay': 'Ceph mon_osd_down_out_interval 600 s (platform-facts §5.3); pveceph leaves it [doc]',
    'policies.storage.rebuildStreamMiBps': '[assumption: all-flash OSDs, as for OpenStack on Ceph: backfill bounded by osd_max_backfills and the network]',
    'policies.migration.withLocalDisks': 'pve-docs qm.adoc "Online Migration": local disks "can be migrated by sending them to the target just fine" (qm migrate --online --with-local-disks); qemu-server QemuMigrate.pm mirrors them with drive-mirror over NBD before the memory [doc, code]',
    ...STORAGE_KIND_SOURCES,
    'policies.storage.ceph.okToStop':
      'pve-docs ha-manager.adoc "Node Maintenance" and pveceph.adoc: maintenance mode migrates HA resources and the node then shuts down; nothing asks `ceph osd ok-to-stop` first (the operator is expected to set noout and check health by hand) [doc]: false',
    'policies.storage.rebuildConcurrencyPerHost': 'osd_max_backfills 1 per OSD (platform-facts §5.3) x 4 OSDs per host [assumption] = 4, as OpenStack on Ceph',
    'policies.vm.bootSeconds': '[assumption: ~60 s for a typical Linux server VM to boot and start its services; same value on every VM platform]',
    'policies.vm.shutdownSeconds': '[assumption: graceful guest shutdown ~30 s; Proxmox waits up to 180 s by default before it stops a guest]',
    'policies.placement.balancer': '[assumption: Proxmox has no periodic balancer (ha-manager CRS places only on recovery, migration or start); when switched on, the descheduler-like low/high policy stands in for an external one]',
    'policies.placement.maxMovesPerHostPerPass': '[assumption: as the descheduler stand-in, 8 moves per host per pass, the same bound as DRS]',
    'policies.placement.benefitSeconds': '[assumption: the same 300 s cost-benefit horizon as DRS]',
    'policies.placement.lowUtilizationPercent': '[doc, not re-read here] kubernetes-sigs/descheduler README LowNodeUtilization example thresholds cpu 20 % (the stand-in policy)',
    'policies.placement.highUtilizationPercent': '[doc, not re-read here] kubernetes-sigs/descheduler README LowNodeUtilization example targetThresholds cpu 50 % (the stand-in policy)',
    'policies.cpu.fairShare': '[doc, not re-read here] qemu-server cpuunits: CPU weight of a VM, default 100 on cgroup v2 (1024 on v1) whatever its vCPU count, so a contended node divides CPU equally per VM',
    'policies.cpu.migrationCores': '[assumption: QEMU runs a live migration in one migration thread, about one core busy on the source and one on the target]',
    'policies.cpu.migrationCoresPerHostMax': 'each QEMU migration has its own thread: no per-host cap, 0',
    'policies.ha.maintenanceMovesBack':
      'pve-docs ha-manager.adoc "Maintenance Mode": "the original node will be recorded in the HA managers\' state, so that the service can be moved back again automatically once the maintenance mode is disabled and the node is back online"; pve-ha-manager src/PVE/HA/Manager.pm (@ b71218f2) next_state_started records maintenance_node, select_service_node returns it first when it is online and allowed [doc, code]',
    'policies.migration.tunnel':
      'pve-docs generated/datacenter.cfg.5-opts.adoc: `migration: type=<secure|insecure>`, default secure; qemu-server src/PVE/QemuMigrate.pm start_remote_tunnel: type=secure forwards the migration socket and the NBD sockets of a drive-mirror through `ssh` (fork_tunnel) [doc, code]',
    'policies.migration.sshTunnelMiBps':
      '[assumption: one OpenSSH connection encrypts on one core, ~400 MiB/s (3.4 Gb/s) with AES-NI; pve-docs pvecm.adoc "Migration Type" only says the cost "is particularly evident in fast networks, where you can transfer 10 Gbps or more" and that type=insecure is chosen "to achieve better performance"; no measured figure published by Proxmox. Set 0, or tunnel none, for type=insecure]',
    'policies.migration.network':
      'pve-docs pvecm.adoc "Migration Network": by default migration traffic uses the cluster network; `migration: network=<CIDR>` selects a dedicated one (qemu-server QemuMigrate.pm passes --migration_network) [doc]: main; set storage to migrate over the hosts\' storageNicGbps network (a Ceph network used for migration)',
  },
};

function withCeph(policy: StoragePolicyParameters, ceph: Partial<CephParameters>): StoragePolicyParameters {
  return { ...policy, ceph: { ...policy.ceph, ...ceph } };
}
