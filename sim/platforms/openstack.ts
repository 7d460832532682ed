// OpenStack: Nova on libvirt/KVM with Ceph RBD volumes (Cinder), hyper-converged (OSDs on the
// compute nodes). Nova itself has no automatic HA and no balancer: evacuation after a host
// failure needs Masakari or an operator. "platform-facts §x" is
// /work/shared/reference/platform-facts.md.
import type { PlatformProfile } from './parameters.ts';
import { PLATFORM_COSTS } from './costs.ts';
import { STORAGE_KIND_SOURCES, storagePolicy } from './storage-defaults.ts';

export const OPENSTACK: PlatformProfile = {
  name: 'openstack',
  cost: PLATFORM_COSTS.openstack,
  title: 'OpenStack: Nova (libvirt/KVM) + Ceph RBD, hyper-converged',
  defaults: {
    storage: { kind: 'ceph', replicas: 3, diskClass: 'ssd' },
    overhead: {
      cpuTaxPercent: 15,
      cpuConsumedPercent: 15,
      hostMemoryGiB: 20,
      perVmMemoryMiB: 512,
      perVmMemoryModel: 'fixed',
      guestMemoryOverheadRatio: 1,
    },
    policies: {
      placement: {
        enabled: false,
        threshold: 3,
        intervalSeconds: 300,
        vcpuOvercommit: 4,
        memoryOvercommit: 1,
        weights: { freeMemory: 1, freeCpu: 1, spread: 0 },
        balancer: 'lowNodeUtilization',
        maxMovesPerHostPerPass: 8,
        benefitSeconds: 300,
        lowUtilizationPercent: 25,
        highUtilizationPercent: 25,
      },
      ha: {
        enabled: false,
        hostFailuresToTolerate: 0,
        admissionControl: false,
        admissionCounts: 'memory',
        detectionSeconds: 60,
        restartDelaySeconds: 180,
        survivesManagementOutage: false,
        protectedByDefault: true,
        maintenanceMovesOnlyProtected: false,
        restartRespectsAntiAffinity: true,
        maintenanceMovesBack: false,
      },
      migration: {
        live: true,
        withLocalDisks: true,
        maxParallelPerCluster: 1000,
        maxParallelOutboundPerHost: 1,
        maxParallelPerHost: 0,
        maxParallelPerHostSlowNic: 0,
        bandwidthMiBps: 0,
        tunnel: 'none',
        sshTunnelMiBps: 0,
        network: 'main',
        maxDowntimeMs: 500,
        downtimeRampSteps: 10,
        downtimeRampDelayPerGiBSeconds: 75,
        downtimeEscalationRises: 0,
        completionTimeoutPerGiBSeconds: 800,
        completionDataUnit: 'GiB',
        completionDataMinGiB: 2,
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
      storage: storagePolicy({ repairDelay: 600, rebuildConcurrencyPerHost: 4, rebuildStreamMiBps: 0 }),
      vm: { bootSeconds: 60, shutdownSeconds: 30 },
      cpu: { fairShare: 'shares', migrationCores: 1, migrationCoresPerHostMax: 0 },
    },
  },
  sources: {
    'storage.kind': 'platform-facts §5.3: Ceph RBD is the usual Cinder backend [doc]',
    'storage.replicas': 'platform-facts §5.3: osd_pool_default_size 3 [doc]',
    'storage.diskClass': '[assumption: all-flash SATA/SAS SSD OSDs (3.84 TB is an SSD size), the common hyper-converged build; Red Hat\'s HCI guides also show HDD OSDs with SSD DB/WAL, which mClock treats as hdd (rotational data device)]',
    'overhead.cpuTaxPercent':
      '~3 % KVM virtualisation for CPU-bound guests (platform-facts §7.1, [unverified]) + the co-located Ceph OSDs: Red Hat OpenStack Platform 16.0 Hyperconverged Infrastructure Guide, appendix A.1.2 (access.redhat.com/documentation/en-us/red_hat_openstack_platform/16.0/html/hyperconverged_infrastructure_guide/appendix-main): "assume each Ceph OSD uses at least one core" -> 4 OSDs on a 32-core host = 12.5 % [doc; OSD and core counts are assumptions] -> 15. Nova itself reserves no CPU (reserved_host_cpus 0, nova/conf/compute.py) [code]',
    'overhead.cpuConsumedPercent':
      'the same as cpuTaxPercent: Red Hat OSP 16.0 HCI guide A.1.2 sizes the reservation (reserved_host_cpus / a lower cpu_allocation_ratio) from what the OSDs burn, "each Ceph OSD uses at least one core" [doc], so reserved = consumed',
    'overhead.hostMemoryGiB':
      '4 OSDs per host [assumption: one per disk of a 4-disk host] x Ceph osd_memory_target 4 GiB [doc, Ceph BlueStore config reference, not re-read here] + 4 GB for host processes (Red Hat OSP 13 NFV planning guide, HCI example, docs.redhat.com .../network_functions_virtualization_planning_and_configuration_guide/example-nova-file_hci-dpdk) [doc] -> 20 GiB. Red Hat OSP 16.0 HCI guide A.1.1 assumes 3 GB per OSD, the OSP 13 NFV guide 5 GB: 4 GiB sits between. Nova\'s own default reserved_host_memory_mb is only 512 (nova/conf/compute.py) [code]',
    'overhead.perVmMemoryMiB':
      'Red Hat OSP 16.0 Hyperconverged Infrastructure Guide A.1.1: "additional overhead per instance for the hypervisor ... assuming this overhead is 0.5 GB" (also 0.5 GB in the OSP 13 NFV HCI example) [doc]',
    'overhead.perVmMemoryModel': 'a fixed per-VM figure (perVmMemoryMiB); Nova\'s libvirt driver accounts no per-VM memory overhead itself',
    'overhead.guestMemoryOverheadRatio': 'KubeVirt-only concept (platform-facts §1.6): 1',
    'policies.placement.enabled':
      'Nova has no periodic balancer (DRS-like balancing needs the optional Watcher service); the scheduler places at boot and at migration only',
    'policies.placement.threshold': 'not used (placement.enabled false); DRS-style default 3 kept for overrides',
    'policies.placement.intervalSeconds': 'not used (placement.enabled false); 300 s kept for overrides',
    'policies.placement.vcpuOvercommit':
      'openstack/nova nova/conf/compute.py (stored commit 020ad2d5): initial_cpu_allocation_ratio default 4.0 [code]; it was 16.0 from Stein (releasenotes add_initial_allocation_ratio) until the recent change',
    'policies.placement.memoryOvercommit':
      'openstack/nova nova/conf/compute.py (stored commit 020ad2d5): initial_ram_allocation_ratio default 1.0 [code]; it was 1.5 from Stein until the recent change',
    'policies.placement.weights.freeMemory':
      'Nova RAMWeigher: ram_weight_multiplier default 1.0, positive = spread on free RAM (nova/conf/scheduler.py) [code]',
    'policies.placement.weights.freeCpu':
      'Nova CPUWeigher: cpu_weight_multiplier default 1.0 [doc; not in the stored (older) nova/conf/scheduler.py, unverified]',
    'policies.placement.weights.spread':
      'Nova NumInstancesWeigher (2023.2 Bobcat+): num_instances_weight_multiplier default 0.0 = off [doc via third-party notes, unverified]',
    'policies.ha.enabled': 'Nova has no automatic HA: evacuation after a host failure needs Masakari or an operator (openstack/masakari)',
    'policies.ha.hostFailuresToTolerate': 'Nova keeps no failover reserve: 0',
    'policies.ha.admissionCounts': '[assumption: no admission control (admissionControl false); were one turned on, Nova\'s placement counts a VM\'s whole flavor memory]: memory',
    'policies.ha.admissionControl': 'Nova has no HA admission control',
    'policies.ha.detectionSeconds':
      'Nova service_down_time default 60 s (nova/conf/service.py): a compute service is "down" after 60 s without a check-in, and evacuate refuses a host whose service is up [code]',
    'policies.ha.restartDelaySeconds':
      'openstack/masakari masakari/conf/engine.py wait_period_after_service_update 180 s: the host_failure flow disables the compute service, then sleeps this long before evacuating (engine/drivers/taskflow/host_failure.py) [code]; applies when HA is enabled (Masakari)',
    'policies.ha.survivesManagementOutage': 'evacuation is a Nova API call (by Masakari or an operator); it needs the control plane',
    'policies.migration.live': 'platform-facts §5.1: Nova libvirt live migration [code]',
    'policies.migration.maxParallelPerCluster':
      'platform-facts §5.1: Nova has no cluster-wide limit; 1000 is what max_concurrent_live_migrations = 0 used to mean, i.e. effectively none [code]',
    'policies.migration.maxParallelOutboundPerHost': 'platform-facts §5.1: [DEFAULT] max_concurrent_live_migrations 1 per compute host [code]',
    'policies.migration.maxParallelPerHost': 'platform-facts §5.1: Nova limits only outgoing migrations: 0 = no limit [code]',
    'policies.migration.maxParallelPerHostSlowNic': 'no NIC-dependent limit in Nova: 0 = same',
    'policies.migration.bandwidthMiBps': 'platform-facts §5.1/§5.2: live_migration_bandwidth 0 = hypervisor default, effectively unlimited through libvirt [code, inference unverified]',
    'policies.migration.maxDowntimeMs': 'platform-facts §5.1: live_migration_downtime 500 ms (ceiling of the ramp) [code]',
    'policies.migration.downtimeRampSteps': 'platform-facts §5.1: live_migration_downtime_steps 10 [code]',
    'policies.migration.downtimeRampDelayPerGiBSeconds': 'platform-facts §5.1: live_migration_downtime_delay 75 s per GiB [code]',
    'policies.migration.completionTimeoutPerGiBSeconds': 'platform-facts §5.1: live_migration_completion_timeout 800 s per GiB [code]',
    'policies.migration.completionDataUnit': 'platform-facts §5.1: data_gb = flavor RAM in GiB (_live_migration_data_gb) [code]',
    'policies.migration.completionDataMinGiB': 'platform-facts §5.1: data_gb is at least 2 [code]',
    'policies.migration.progressTimeoutSeconds': 'platform-facts §5.1: live_migration_progress_timeout was removed [code]',
    'policies.migration.allowPostCopy': 'platform-facts §5.1: live_migration_permit_post_copy False [code]',
    'policies.migration.allowAutoConverge': 'platform-facts §5.1: live_migration_permit_auto_converge False [code]',
    'policies.migration.allowWorkloadDisruption': 'platform-facts §5.1: live_migration_timeout_action abort (force_complete would pause) [code]',
    'policies.migration.autoConvergeInitialPercent': 'platform-facts §5.2: QEMU cpu-throttle-initial 20 % [code]',
    'policies.migration.autoConvergeStepPercent': 'platform-facts §5.2: QEMU cpu-throttle-increment 10 % [code]',
    'policies.migration.autoConvergeMaxPercent': 'platform-facts §5.2: QEMU max-cpu-throttle 99 % [code]',
    'policies.migration.autoConvergeTriggerRatio': 'platform-facts §5.2: QEMU throttle-trigger-threshold 50 % [code]',
    'policies.migration.stunDuringPageSend': 'SDPS is a vMotion mechanism (platform-facts §4.5); QEMU has none',
    'policies.migration.sdpsDirtyToSendRatio': 'not used (stunDuringPageSend false): 1',
    'policies.migration.maxSwitchoverSeconds': 'platform-facts §5.1: no switchover limit in Nova: 0',
    'policies.migration.setupSeconds':
      '[assumption: pre_live_migration on the destination (volume connections, VIF plugging, live_migration_wait_for_vif_plug) takes ~5 s; not measured]',
    'policies.migration.preCopyRoundsMax':
      '[assumption: QEMU has no round limit; a loop guard only, set high so the completion timeout ends a non-converging migration first]',
    'policies.migration.retryInitialSeconds': 'not used (retriesMax 0)',
    'policies.migration.retryFactor': 'not used (retriesMax 0)',
    'policies.migration.retriesMax':
      '[unverified] Nova does not retry a failed live migration (the instance stays on the source); bulk evacuation by an operator (novaclient host-evacuate-live) makes one attempt per instance: 0',
    'policies.storage.repairDelay': 'platform-facts §5.3: mon_osd_down_out_interval 600 s, then backfill starts [doc]',
    'policies.storage.rebuildStreamMiBps': '[assumption: all-flash OSDs, so a backfill is bounded by osd_max_backfills and the network rather than the disk; set a cap for HDD OSDs (~100-150 MiB/s each)]',
    'policies.migration.workloadDisruptionFollowsPostCopy': 'platform-facts §5.1: Nova post-copies on timeout only with live_migration_timeout_action force_complete (allowWorkloadDisruption), independently of permit_post_copy',
    'policies.ha.protectedByDefault': 'not used while ha.enabled is false; every instance counts as protected when evacuation is configured (Masakari protects instances by segment) [doc]',
    'policies.ha.restartRespectsAntiAffinity': 'an evacuated instance is placed by nova-scheduler, whose ServerGroupAntiAffinityFilter keeps an anti-affinity server group apart (Nova filter scheduler docs) [doc]',
    'policies.ha.maintenanceMovesOnlyProtected': 'an operator live-migrates every instance off a compute host before maintenance (nova host-evacuate-live) [doc]',
    'policies.migration.downtimeEscalationRises': 'Nova ramps the downtime on a timer instead (downtimeRampSteps, platform-facts §5.1): 0 [code]',
    'policies.migration.withLocalDisks': 'Nova live-migrate API block_migration "auto" (microversion 2.25+; what novaclient host-evacuate-live sends): instances on local disks are block-migrated, their disks copied by libvirt\'s drive-mirror before the memory [doc: docs.openstack.org compute API, "Live-Migrate Server"]',
    ...STORAGE_KIND_SOURCES,
    'policies.storage.rebuildConcurrencyPerHost':
      'osd_max_backfills default 1 per OSD (Red Hat OSP 13 HCI guide §1.3.2 table, docs.redhat.com .../hyperconverged_infrastructure_guide/ceph-backfill-and-recovery-operations_hci) [doc] x 4 OSDs per host [assumption] = 4; under the mClock scheduler (Quincy+) Ceph manages this limit itself (ceph/ceph PR #41004) [unverified for current releases]',
    'policies.vm.bootSeconds':
      '[assumption: ~60 s for a typical Linux server VM to boot and start its services (VM boots range from seconds to minutes, Inria RR-9245, 2019); same value on every VM platform]',
    'policies.vm.shutdownSeconds': '[assumption: graceful guest shutdown ~30 s; Nova waits up to shutdown_timeout 60 s before powering off (nova/conf/compute.py)]',
    'policies.placement.balancer': '[doc, not re-read here] OpenStack Watcher\'s workload_balance strategy migrates instances off hosts whose CPU utilisation is above a threshold onto hosts that stay below it: the low/high utilisation policy with one threshold',
    'policies.placement.maxMovesPerHostPerPass': '[assumption: Watcher applies an action plan without a per-host limit; 8 kept as a bound]',
    'policies.placement.benefitSeconds': '[assumption: Watcher has no cost-benefit check; the same 300 s horizon as DRS]',
    'policies.placement.lowUtilizationPercent': '[doc, not re-read here] Watcher workload_balance threshold default 25.0 % (a host below it may receive)',
    'policies.placement.highUtilizationPercent': '[doc, not re-read here] Watcher workload_balance threshold default 25.0 % (a host above it gives VMs away)',
    'policies.cpu.fairShare': 'openstack/nova nova/virt/libvirt/driver.py _update_guest_cputune: cputune.shares = 1024 x vCPUs by default [code, older release; later releases leave shares to libvirt, unverified], so CPU is divided by vCPUs',
    'policies.cpu.migrationCores': '[assumption: QEMU runs a live migration in one migration thread, about one core busy on the source and one on the target]',
    'policies.cpu.migrationCoresPerHostMax': 'each QEMU migration has its own thread: no per-host cap, 0',
    'policies.ha.maintenanceMovesBack':
      'nova host-evacuate-live has no reverse; an operator migrates instances back by hand [doc]: false',
    'policies.migration.tunnel':
      'nova.conf [libvirt] live_migration_tunnelled defaults to False: QEMU sends directly [doc, not re-read here]: none',
    'policies.migration.sshTunnelMiBps':
      'not used (tunnel none): 0',
    'policies.migration.network':
      'nova live_migration_inbound_addr unset: the compute host\'s management address, the main NIC [doc, not re-read here]: main',
  },
};
