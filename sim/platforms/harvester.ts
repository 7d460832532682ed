// SUSE Harvester: KubeVirt VMs on Kubernetes (RKE2) with Longhorn block storage. Live migration is
// KubeVirt's (QEMU pre-copy under libvirt); a failed node's VMs are restarted by Kubernetes
// controllers once Harvester's vm-force-reset-policy deletes them. "platform-facts §x" is
// /work/shared/reference/platform-facts.md.
import type { PlatformProfile } from './parameters.ts';
import { PLATFORM_COSTS } from './costs.ts';
import { STORAGE_KIND_SOURCES, storagePolicy } from './storage-defaults.ts';

export const HARVESTER: PlatformProfile = {
  name: 'harvester',
  cost: PLATFORM_COSTS.harvester,
  title: 'SUSE Harvester: KubeVirt + Longhorn on Kubernetes',
  defaults: {
    storage: { kind: 'longhorn', replicas: 3, diskClass: 'ssd' },
    overhead: {
      cpuTaxPercent: 15,
      cpuConsumedPercent: 4.6,
      hostMemoryGiB: 8,
      perVmMemoryMiB: null,
      perVmMemoryModel: 'kubevirt',
      guestMemoryOverheadRatio: 1.5,
    },
    policies: {
      placement: {
        enabled: false,
        threshold: 3,
        intervalSeconds: 300,
        vcpuOvercommit: 16,
        memoryOvercommit: 1.5,
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
        detectionSeconds: 50,
        restartDelaySeconds: 195,
        survivesManagementOutage: false,
        protectedByDefault: true,
        maintenanceMovesOnlyProtected: false,
        restartRespectsAntiAffinity: true,
        maintenanceMovesBack: false,
      },
      migration: {
        live: true,
        withLocalDisks: false,
        maxParallelPerCluster: 5,
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
        completionTimeoutPerGiBSeconds: 150,
        completionDataUnit: 'GB-ceil',
        completionDataMinGiB: 0,
        progressTimeoutSeconds: 150,
        allowPostCopy: false,
        allowAutoConverge: false,
        allowWorkloadDisruption: false,
        workloadDisruptionFollowsPostCopy: true,
        autoConvergeInitialPercent: 20,
        autoConvergeStepPercent: 10,
        autoConvergeMaxPercent: 99,
        autoConvergeTriggerRatio: 0.5,
        stunDuringPageSend: false,
        sdpsDirtyToSendRatio: 1,
        maxSwitchoverSeconds: 0,
        setupSeconds: 10,
        preCopyRoundsMax: 100_000,
        retryInitialSeconds: 20,
        retryFactor: 2,
        retriesMax: 6,
      },
      storage: storagePolicy({ repairDelay: 600, rebuildConcurrencyPerHost: 5, rebuildStreamMiBps: 58 }),
      vm: { bootSeconds: 60, shutdownSeconds: 30 },
      cpu: { fairShare: 'shares', migrationCores: 1, migrationCoresPerHostMax: 0 },
    },
  },
  sources: {
    'storage.kind': 'platform-facts §1.7: Harvester v1.7 ships Longhorn 1.10.1 as its storage [code]',
    'storage.replicas': 'platform-facts §1.7/§2.1: StorageClass harvester-longhorn replicaCount 3; Longhorn default-replica-count 3 [code]',
    'storage.diskClass': '[assumption: SSD; Longhorn recommends SSD/NVMe disks for production (longhorn.io docs, best practices) and the storage models read it only for Ceph today]',
    'overhead.cpuTaxPercent':
      'reserved, not burnt (see cpuConsumedPercent). [assumption: 12 % = Longhorn guaranteed-instance-manager-cpu (harvester/harvester#3721: Longhorn requests 12 % of node CPU), reserved from each node\'s allocatable CPU (platform-facts §2.1, §7.2) + ~3 % KVM virtualisation for CPU-bound guests (§7.1); the 0.1 core per vCPU that KubeVirt requests is placement accounting, not a tax (§1.6)]',
    'overhead.cpuConsumedPercent':
      'harvester/harvester#3262 (cited by hcisim issue 8; the thread itself was not found in the searchable issue corpus): an idle node used 0.84 cores of the 6.19 its system pods requested; harvester/harvester#1700: 14 of 28 cores reserved after 4 h idle, actual use under 10 % [issues]. Kubernetes requests are cgroup shares, not burnt CPU. So ~3 % KVM virtualisation (consumed by definition, platform-facts §7.1) + 12 % Longhorn reservation x 0.84/6.19 = 3 + 1.6 = 4.6 [assumption: the idle ratio of #3262 applies to the Longhorn instance managers; volume I/O raises it]',
    'overhead.hostMemoryGiB': 'platform-facts §10: OS + Kubernetes ~4 GB, Longhorn ~2 GB, KubeVirt and system ~2 GB = ~8 GB per node [course figure]',
    'overhead.perVmMemoryMiB': 'null: computed by perVmMemoryModel kubevirt',
    'overhead.perVmMemoryModel': 'platform-facts §1.6: KubeVirt virt-launcher overhead formula, pkg/hypervisor/kvm/hypervisorbackend.go [code]',
    'overhead.guestMemoryOverheadRatio': 'platform-facts §1.6: Harvester sets additionalGuestMemoryOverheadRatio 1.5 (pkg/settings) [code]',
    'policies.placement.enabled':
      'Harvester 1.7 ships the Kubernetes descheduler only as the experimental "virtual-machine-auto-balance" addon, disabled by default (harvester/harvester issues #2311, #10779); otherwise kube-scheduler places each virt-launcher pod once and nothing rebalances [issues]',
    'policies.placement.threshold': 'not used (placement.enabled false); DRS-style default 3 kept for overrides',
    'policies.placement.intervalSeconds': 'not used (placement.enabled false); 300 s kept for overrides',
    'policies.placement.vcpuOvercommit': 'platform-facts §1.7: Harvester overcommit-config cpu 1600 % [code]',
    'policies.placement.memoryOvercommit': 'platform-facts §1.7: Harvester overcommit-config memory 150 % [code]',
    'policies.placement.weights.freeMemory':
      '[doc, not re-read here] kube-scheduler NodeResourcesFit scoring, default strategy LeastAllocated with cpu and memory weight 1 each (Kubernetes scheduler configuration defaults)',
    'policies.placement.weights.freeCpu':
      '[doc, not re-read here] kube-scheduler NodeResourcesFit scoring, default strategy LeastAllocated with cpu and memory weight 1 each',
    'policies.placement.weights.spread':
      '[doc, not re-read here] kube-scheduler cluster-level default topology spreading (KEP-1258, kubernetes/enhancements #1258) derives its selector from the Services, ReplicaSets, StatefulSets and ReplicationControllers that select the pod; a virt-launcher pod is owned by a VMI and selected by none, so no spreading: 0',
    'policies.ha.enabled': 'platform-facts §1.7: vm-force-reset-policy enable true; VMs restart elsewhere (runStrategy RerunOnFailure, §1.3) [code]',
    'policies.ha.hostFailuresToTolerate': 'Harvester keeps no failover reserve (no HA admission control): 0',
    'policies.ha.admissionCounts': '[assumption: no admission control (admissionControl false); were one turned on, the Kubernetes scheduler counts a VM\'s whole memory request, not a reservation]: memory',
    'policies.ha.admissionControl': 'Kubernetes and Harvester keep no failover capacity in reserve (no HA admission control) [platform-facts §1.7: no such setting]',
    'policies.ha.detectionSeconds':
      'kube-controller-manager node-monitor-grace-period: 50 s since Kubernetes 1.32 (kubernetes/kubernetes PR #126287; 40 s before); Harvester 1.7 runs RKE2 v1.34 (harvester/harvester-installer PRs #1280, #1305), which does not override it [unverified]; platform-facts §2.4 says NotReady after ~1 min [code/issues]',
    'policies.ha.restartDelaySeconds':
      'harvester/harvester pkg/settings/settings_helper.go InitVMForceResetPolicy (read at 3d63c2af1): period 15 s, vmMigrationTimeout 180 s. pkg/controller/master/node/node_down_controller.go: 15 s after the node\'s Ready condition turns Unknown it adds the KubeVirt drain taint, 180 s after that the node.kubernetes.io/out-of-service taint, which force-deletes the VMs\' pods and releases their volume attachments so they restart elsewhere: 15 + 180 = 195 s (platform-facts §1.7\'s 300 s is the period of older releases) [code]',
    'policies.ha.survivesManagementOutage':
      'false: Harvester\'s management plane is its Kubernetes API. The node-failure path (node NotReady, vm-force-reset deleting the pod, virt-controller creating a new virt-launcher pod) is done by Harvester, Kubernetes and KubeVirt controllers through the API server (platform-facts §1.7/§2.4); with the API server down "existing pods keep running" but "failed pods won\'t be replaced" (tommeurs.nl/posts/kubernetes-graceful-degradation, scenario API server down) [blog], so running VMs keep running and nothing restarts until the API returns',
    'policies.migration.live': 'platform-facts §1: KubeVirt live migration [code]',
    'policies.migration.maxParallelPerCluster':
      'platform-facts §1.1: parallelMigrationsPerCluster 5 (virt-config.go) [code]; Harvester 1.7 exposes it as the kubevirt-migration setting with KubeVirt\'s own defaults (Harvester enhancement "KubeVirt Migration Setting", harvester/harvester #8581) [doc]',
    'policies.migration.maxParallelOutboundPerHost':
      'platform-facts §1.1: parallelOutboundMigrationsPerNode 2 [code]; unchanged by Harvester\'s kubevirt-migration setting (#8581) [doc]',
    'policies.migration.maxParallelPerHost': 'platform-facts §1.2: KubeVirt limits only outbound per node: 0 = no limit [code]',
    'policies.migration.maxParallelPerHostSlowNic': 'platform-facts §1.2: no NIC-dependent limit: 0 = same [code]',
    'policies.migration.bandwidthMiBps': 'platform-facts §1.1: bandwidthPerMigration "0Mi" = no limit [code]',
    'policies.migration.maxDowntimeMs':
      'platform-facts §1.1: QEMU default downtime-limit 300 ms applies; KubeVirt 1.6 (Harvester 1.7) has no maxDowntimeMs field [code]',
    'policies.migration.downtimeRampSteps': 'platform-facts §1.4: no downtime ramp before KubeVirt v1.9 (and none by default after): 0 [code]',
    'policies.migration.downtimeRampDelayPerGiBSeconds': 'no ramp: 0',
    'policies.migration.completionTimeoutPerGiBSeconds': 'platform-facts §1.1: completionTimeoutPerGiB 150 s [code]',
    'policies.migration.completionDataUnit': 'platform-facts §1.4: data size via ScaledValue(resource.Giga), decimal GB rounded up [code]',
    'policies.migration.completionDataMinGiB': 'platform-facts §1.4: no lower bound on the data size: 0 [code]',
    'policies.migration.progressTimeoutSeconds': 'platform-facts §1.1/§1.4: progressTimeout 150 s [code]',
    'policies.migration.allowPostCopy': 'platform-facts §1.1: allowPostCopy false [code]',
    'policies.migration.allowAutoConverge': 'platform-facts §1.1: allowAutoConverge false [code]',
    'policies.migration.allowWorkloadDisruption': 'platform-facts §1.1: follows allowPostCopy when unset: false [code]',
    'policies.migration.autoConvergeInitialPercent': 'platform-facts §5.2: QEMU cpu-throttle-initial 20 % [code]',
    'policies.migration.autoConvergeStepPercent': 'platform-facts §5.2: QEMU cpu-throttle-increment 10 % [code]',
    'policies.migration.autoConvergeMaxPercent': 'platform-facts §5.2: QEMU max-cpu-throttle 99 % [code]',
    'policies.migration.autoConvergeTriggerRatio': 'platform-facts §5.2: QEMU throttle-trigger-threshold 50 % [code]',
    'policies.migration.stunDuringPageSend': 'SDPS is a vMotion mechanism (platform-facts §4.5); QEMU has none',
    'policies.migration.sdpsDirtyToSendRatio': 'not used (stunDuringPageSend false): 1',
    'policies.migration.maxSwitchoverSeconds': 'platform-facts §1.4: the legacy path (v1.6) has no switchover limit: 0 [code]',
    'policies.migration.setupSeconds':
      '[assumption: target virt-launcher pod scheduling, start and PreparingTarget (platform-facts §1.4 phases) take ~10 s; not measured]',
    'policies.migration.preCopyRoundsMax':
      '[assumption: QEMU has no round limit; a loop guard only, set high so completionTimeoutPerGiB and progressTimeout end a non-converging migration first]',
    'policies.migration.retryInitialSeconds': 'platform-facts §1.2: evacuation retry backoff 20 s after the first failure [code]',
    'policies.migration.retryFactor': 'platform-facts §1.2: the backoff doubles per consecutive failure [code]',
    'policies.migration.retriesMax':
      '[assumption: KubeVirt retries evacuation without limit (platform-facts §1.2); after 6 failures the next wait is 20 x 2^6 s > 20 min and an operator would step in, so the rollout is reported as stalled]',
    'policies.storage.repairDelay': 'platform-facts §2.1: Longhorn replica-replenishment-wait-interval 600 s [code]',
    'policies.storage.rebuildStreamMiBps': 'platform-facts §2.3: Longhorn v1 rebuilds run at 40-120 MB/s per stream; 38.8 GiB in 648 s = 61 MB/s = 58 MiB/s on SSD and 10 GbE (longhorn/longhorn#1948) [issue]',
    'policies.migration.workloadDisruptionFollowsPostCopy': 'platform-facts §1.1: allowWorkloadDisruption follows allowPostCopy when unset (KubeVirt types.go MigrationConfiguration) [code]',
    'policies.ha.protectedByDefault': 'every Harvester VM restarts elsewhere through vm-force-reset-policy (runStrategy RerunOnFailure, platform-facts §1.3/§1.7) [code]',
    'policies.ha.restartRespectsAntiAffinity': 'a restarted VM\'s virt-launcher pod is scheduled again by kube-scheduler, which enforces requiredDuringScheduling pod anti-affinity (KubeVirt VM affinity maps onto the pod, platform-facts §1.6) [doc]',
    'policies.ha.maintenanceMovesOnlyProtected': 'Harvester maintenance mode drains the node: every VM live-migrates (platform-facts §1.3) [code]',
    'policies.migration.downtimeEscalationRises': 'KubeVirt sets no downtime escalation (platform-facts §1.4): 0 [code]',
    'policies.migration.withLocalDisks': 'KubeVirt live migration needs ReadWriteMany volumes; a VM on a node-local volume is not live-migratable (platform-facts §1.3) [doc]',
    ...STORAGE_KIND_SOURCES,
    'policies.storage.rebuildConcurrencyPerHost': 'platform-facts §2.1: Longhorn concurrent-replica-rebuild-per-node-limit 5 [code]',
    'policies.vm.bootSeconds':
      '[assumption: ~60 s for a typical Linux server VM to boot and start its services (VM boots range from seconds to minutes, Inria RR-9245, 2019); same value on every VM platform; pod scheduling and Longhorn volume attach are not added]',
    'policies.vm.shutdownSeconds':
      '[assumption: graceful guest shutdown ~30 s; Harvester allows up to 120 s (default-vm-termination-grace-period-seconds, platform-facts §1.7)]',
    'policies.placement.balancer': 'Harvester\'s optional balancer is the Kubernetes descheduler (virtual-machine-auto-balance addon, harvester/harvester #2311); its LowNodeUtilization strategy evicts from nodes above the target threshold to nodes below the low threshold, and KubeVirt turns the eviction into a live migration (platform-facts §1.3) [issues/doc]',
    'policies.placement.maxMovesPerHostPerPass': '[doc, not re-read here] descheduler maxNoOfPodsToEvictPerNode has no default (unlimited); 8 kept as a bound, the same as DRS',
    'policies.placement.benefitSeconds': '[assumption: the descheduler has no cost-benefit check; the same 300 s horizon as DRS is kept so a move that costs more CPU than it frees is not made]',
    'policies.placement.lowUtilizationPercent': '[doc, not re-read here] kubernetes-sigs/descheduler README, LowNodeUtilization example thresholds cpu 20 %',
    'policies.placement.highUtilizationPercent': '[doc, not re-read here] kubernetes-sigs/descheduler README, LowNodeUtilization example targetThresholds cpu 50 %',
    'policies.cpu.fairShare': 'platform-facts §1.6: virt-launcher requests CPU in proportion to its vCPUs (cpuAllocationRatio), and kubelet turns the request into the pod cgroup\'s cpu.shares/cpu.weight, so a contended node divides CPU by vCPUs [code]',
    'policies.cpu.migrationCores': '[assumption: QEMU runs a live migration in one migration thread (no multifd by default in KubeVirt), which keeps about one core busy on the source, and the receiving side about one on the target]',
    'policies.cpu.migrationCoresPerHostMax': 'each QEMU migration has its own thread: no per-host cap, 0',
    'policies.ha.maintenanceMovesBack':
      'Harvester uncordons the node; KubeVirt does not move VMIs back (a VM returns only if it restarts, harvester/harvester#3363) [code]: false',
    'policies.migration.tunnel':
      'KubeVirt\'s migration proxy in virt-handler forwards the stream over TLS (Go), not an SSH tunnel; its cost is not modelled [assumption]: none',
    'policies.migration.sshTunnelMiBps':
      'not used (tunnel none): 0',
    'policies.migration.network':
      'KubeVirt migrates over the pod network unless a dedicated migration network is configured (off by default) [doc, not re-read here]: main',
  },
};
