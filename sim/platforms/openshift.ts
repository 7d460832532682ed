// Red Hat OpenShift Virtualization: KubeVirt configured by the HyperConverged operator (HCO), whose
// defaults differ from plain KubeVirt's and Harvester's; OpenShift Data Foundation (Ceph RBD, 3
// replicas) for storage; node updates through the Machine Config Operator (maxUnavailable 1 per pool:
// one node at a time, the rollout's default concurrency). A dead node's VMs stay down until it
// returns unless a remediation operator is installed (Node Health Check with Self Node Remediation or
// Fence Agents Remediation): `policies.ha.enabled` says whether one is. Sources: HCO
// (github.com/kubevirt/hyperconverged-cluster-operator @ 03da3cff, api/v1beta1/hyperconverged_types.go),
// medik8s node-healthcheck-operator @ dd444329 and self-node-remediation @ 640aac50.
// "platform-facts §x" is /work/shared/reference/platform-facts.md.
import { PLATFORM_COSTS } from './costs.ts';
import type { PlatformProfile } from './parameters.ts';
import { STORAGE_KIND_SOURCES, storagePolicy } from './storage-defaults.ts';

export const OPENSHIFT: PlatformProfile = {
  name: 'openshift',
  title: 'Red Hat OpenShift Virtualization: KubeVirt (HCO defaults) + ODF Ceph RBD',
  cost: PLATFORM_COSTS.openshift,
  defaults: {
    storage: { kind: 'ceph', replicas: 3, diskClass: 'ssd' },
    overhead: {
      cpuTaxPercent: 18,
      cpuConsumedPercent: 18,
      hostMemoryGiB: 28,
      perVmMemoryMiB: null,
      perVmMemoryModel: 'kubevirt',
      guestMemoryOverheadRatio: 1,
    },
    policies: {
      placement: {
        enabled: false,
        threshold: 3,
        intervalSeconds: 300,
        vcpuOvercommit: 10,
        memoryOvercommit: 1,
        weights: { freeMemory: 1, freeCpu: 1, spread: 0 },
        balancer: 'lowNodeUtilization',
        maxMovesPerHostPerPass: 8,
        benefitSeconds: 300,
        lowUtilizationPercent: 20,
        highUtilizationPercent: 50,
      },
      ha: {
        enabled: false,
        hostFailuresToTolerate: 0,
        admissionControl: false,
        admissionCounts: 'memory',
        detectionSeconds: 350,
        restartDelaySeconds: 180,
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
      storage: storagePolicy({ repairDelay: 600, rebuildConcurrencyPerHost: 4, rebuildStreamMiBps: 0 }),
      vm: { bootSeconds: 60, shutdownSeconds: 30 },
      cpu: { fairShare: 'shares', migrationCores: 1, migrationCoresPerHostMax: 0 },
    },
  },
  sources: {
    'storage.kind':
      'OpenShift Data Foundation provides Ceph RBD block storage (ocs-storagecluster-ceph-rbd StorageClass) [doc, not re-read here]',
    'storage.diskClass': '[assumption: ODF on SSD or NVMe devices (its planning guide asks for flash for internal mode), class ssd for mClock]',
    'storage.replicas':
      'ODF pools keep 3 replicas across its failure domain (rack or zone when labelled, else host) [doc, not re-read here]',
    'overhead.cpuTaxPercent':
      'ODF internal mode asks for about 10 CPUs and 24 GiB per storage node (its published minimum of 30 CPUs and 72 GiB over 3 nodes) [doc, not re-read here] = 10 of 64 cores (16 %) + ~3 % KVM (platform-facts §7.1) -> 18; OpenShift\'s kubelet system-reserved is small beside it',
    'overhead.cpuConsumedPercent':
      '[assumption: ODF\'s CPU requests are cgroup shares like Longhorn\'s (harvester/harvester#3262 shows such requests mostly idle), but no idle measurement of ODF was found, so consumed = reserved until one is]',
    'overhead.hostMemoryGiB':
      'ODF 24 GiB per storage node (as above) + OpenShift node services (kubelet, CRI-O, OVN; system-reserved ~1-4 GiB by node size) [doc, not re-read here] -> 28 GiB',
    'overhead.perVmMemoryMiB': 'null: computed by perVmMemoryModel kubevirt',
    'overhead.perVmMemoryModel': 'platform-facts §1.6: KubeVirt virt-launcher overhead formula, pkg/hypervisor/kvm/hypervisorbackend.go [code]',
    'overhead.guestMemoryOverheadRatio':
      'HCO sets no additionalGuestMemoryOverheadRatio (hyperconverged_types.go): KubeVirt\'s 1 [code]',
    'policies.placement.enabled':
      'OpenShift Virtualization rebalances only with the optional Kube Descheduler Operator (KubeVirt relieve-and-migrate profile), not installed by default [doc, not re-read here]',
    'policies.placement.threshold': 'not used (placement.enabled false); DRS-style default 3 kept for overrides',
    'policies.placement.intervalSeconds': 'not used (placement.enabled false); 300 s kept for overrides',
    'policies.placement.vcpuOvercommit':
      'HCO hyperconverged_types.go: resourceRequirements vmiCPUAllocationRatio default 10 (a vCPU requests 1/10 of a core) [code]',
    'policies.placement.memoryOvercommit':
      'HCO hyperconverged_types.go: higherWorkloadDensity memoryOvercommitPercentage default 100 (no overcommit) [code]',
    'policies.placement.weights.freeMemory':
      '[doc, not re-read here] kube-scheduler NodeResourcesFit scoring, default strategy LeastAllocated with cpu and memory weight 1 each (Kubernetes scheduler configuration defaults)',
    'policies.placement.weights.freeCpu':
      '[doc, not re-read here] kube-scheduler NodeResourcesFit scoring, default strategy LeastAllocated with cpu and memory weight 1 each',
    'policies.placement.weights.spread':
      '[doc, not re-read here] kube-scheduler cluster-level default topology spreading (KEP-1258, kubernetes/enhancements #1258) derives its selector from the Services, ReplicaSets, StatefulSets and ReplicationControllers that select the pod; a virt-launcher pod is owned by a VMI and selected by none, so no spreading: 0',
    'policies.ha.enabled':
      'no remediation operator is installed by default: a VM on a dead node stays down until the node returns (its virt-launcher pod is not deleted); Node Health Check + Self Node Remediation / Fence Agents Remediation restart it elsewhere [doc]; set true to model them',
    'policies.ha.hostFailuresToTolerate':
      'Kubernetes keeps no failover reserve: 0',
    'policies.ha.admissionCounts': '[assumption: no admission control (admissionControl false); were one turned on, the Kubernetes scheduler counts a VM\'s whole memory request, not a reservation]: memory',
    'policies.ha.admissionControl':
      'no HA admission control in Kubernetes',
    'policies.ha.detectionSeconds':
      'with remediation: NotReady after node-monitor-grace-period 50 s (Kubernetes 1.32+, as for Harvester) + Node Health Check unhealthyConditions Ready=False/Unknown for 300 s (node-healthcheck-operator api/v1alpha1/nodehealthcheck_types.go kubebuilder default) [code] = 350 s',
    'policies.ha.restartDelaySeconds':
      'self-node-remediation internal/reboot/calculator.go calculateMinimumRebootDuration: (apiCheckInterval 15 s + apiServerTimeout 5 s) x maxApiErrorThreshold 3 + peer checks (at least 30 s) + watchdog 60 s + 30 s buffer = 180 s before the node counts as rebooted and its VMs restart [code]',
    'policies.ha.survivesManagementOutage':
      'remediation and restarts go through the API server and its controllers [doc]',
    'policies.migration.live': 'platform-facts §1: KubeVirt live migration [code]',
    'policies.migration.maxParallelPerCluster':
      'HCO liveMigrationConfig parallelMigrationsPerCluster default 5 [code]',
    'policies.migration.maxParallelOutboundPerHost':
      'HCO liveMigrationConfig parallelOutboundMigrationsPerNode default 2 in the latest release v1.18.1 (api/v1beta1/hyperconverged_types.go kubebuilder default) [code]; HCO PR #4426 (commit bffbfe54, 2026-08, on main and release-1.19, in no tag yet) makes it 1 for new installs from 1.19',
    'policies.migration.maxParallelPerHost': 'platform-facts §1.2: KubeVirt limits only outbound per node: 0 = no limit [code]',
    'policies.migration.maxParallelPerHostSlowNic': 'platform-facts §1.2: no NIC-dependent limit: 0 = same [code]',
    'policies.migration.bandwidthMiBps':
      'HCO sets no bandwidthPerMigration default (hyperconverged_types.go @ 03da3cff) -> KubeVirt\'s unlimited; OpenShift Virtualization 2.x (OCP 4.3 docs) defaulted to 64Mi [code, doc]',
    'policies.migration.maxDowntimeMs':
      'platform-facts §1.1: QEMU default downtime-limit 300 ms applies; HCO sets no downtime, and KubeVirt before v1.9 has no maxDowntimeMs field [code]',
    'policies.migration.downtimeRampSteps': 'platform-facts §1.4: no downtime ramp before KubeVirt v1.9 (and none by default after): 0 [code]',
    'policies.migration.downtimeRampDelayPerGiBSeconds': 'no ramp: 0',
    'policies.migration.completionTimeoutPerGiBSeconds':
      'HCO liveMigrationConfig completionTimeoutPerGiB default 150 in the latest release v1.18.1 (api/v1beta1/hyperconverged_types.go kubebuilder default) [code]; HCO PR #4426 (commit bffbfe54, 2026-08, in no tag yet) lowers it to 20 from 1.19, with an upgrade patch (target "<1.19.0") that replaces 150',
    'policies.migration.completionDataUnit': 'platform-facts §1.4: data size via ScaledValue(resource.Giga), decimal GB rounded up [code]',
    'policies.migration.completionDataMinGiB': 'platform-facts §1.4: no lower bound on the data size: 0 [code]',
    'policies.migration.progressTimeoutSeconds':
      'HCO liveMigrationConfig progressTimeout default 150 [code]',
    'policies.migration.allowPostCopy':
      'HCO liveMigrationConfig allowPostCopy default false [code]',
    'policies.migration.allowAutoConverge':
      'HCO liveMigrationConfig allowAutoConverge default false [code]',
    'policies.migration.allowWorkloadDisruption':
      'HCO liveMigrationConfig allowWorkloadDisruption default false [code]',
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
    'policies.storage.repairDelay':
      'Ceph mon_osd_down_out_interval 600 s (platform-facts §5.3); ODF (Rook) leaves it [doc]',
    'policies.storage.rebuildStreamMiBps':
      '[assumption: ODF on NVMe/SSD OSDs: backfill bounded by osd_max_backfills and the network, as OpenStack on Ceph]',
    'policies.migration.workloadDisruptionFollowsPostCopy': 'platform-facts §1.1: allowWorkloadDisruption follows allowPostCopy when unset (KubeVirt types.go MigrationConfiguration) [code]',
    'policies.ha.protectedByDefault':
      'every VM with runStrategy Always/RerunOnFailure is restarted once its node is remediated [doc]',
    'policies.ha.restartRespectsAntiAffinity': 'a restarted VM\'s virt-launcher pod is scheduled again by kube-scheduler, which enforces requiredDuringScheduling pod anti-affinity (KubeVirt VM affinity maps onto the pod) [doc]',
    'policies.ha.maintenanceMovesOnlyProtected':
      'a Machine Config Operator node update drains the node: every VM with evictionStrategy LiveMigrate (the HCO default) live-migrates [doc]',
    'policies.migration.downtimeEscalationRises': 'KubeVirt sets no downtime escalation (platform-facts §1.4): 0 [code]',
    'policies.migration.withLocalDisks': 'KubeVirt live migration needs ReadWriteMany volumes (LVMS/local volumes are RWO): not live-migratable [doc, not re-read here]',
    ...STORAGE_KIND_SOURCES,
    'policies.storage.ceph.okToStop':
      'Rook (ODF\'s operator) keeps a PodDisruptionBudget on the OSDs that lets a drain evict them from one failure domain at a time and blocks it while PGs are not clean, so an MCO drain waits as ok-to-stop would [doc, not re-read here]',
    'policies.storage.rebuildConcurrencyPerHost':
      'osd_max_backfills 1 per OSD (platform-facts §5.3) x 4 OSDs per node [assumption] = 4, as OpenStack on Ceph',
    'policies.vm.bootSeconds':
      '[assumption: ~60 s for a typical Linux server VM to boot and start its services (VM boots range from seconds to minutes, Inria RR-9245, 2019); same value on every VM platform; pod scheduling and volume attach are not added]',
    'policies.vm.shutdownSeconds':
      '[assumption: graceful guest shutdown ~30 s; a KubeVirt VM\'s terminationGracePeriodSeconds defaults to 30 s in the KubeVirt API (platform-facts §1.3, not re-read here)]',
    'policies.placement.balancer': 'the optional Kube Descheduler Operator\'s KubeVirt relieve-and-migrate profile uses the descheduler\'s LowNodeUtilization strategy; KubeVirt turns each eviction into a live migration [doc, not re-read here]',
    'policies.placement.maxMovesPerHostPerPass': '[doc, not re-read here] descheduler maxNoOfPodsToEvictPerNode has no default (unlimited); 8 kept as a bound, the same as DRS',
    'policies.placement.benefitSeconds': '[assumption: the descheduler has no cost-benefit check; the same 300 s horizon as DRS]',
    'policies.placement.lowUtilizationPercent': '[doc, not re-read here] kubernetes-sigs/descheduler README, LowNodeUtilization example thresholds cpu 20 %',
    'policies.placement.highUtilizationPercent': '[doc, not re-read here] kubernetes-sigs/descheduler README, LowNodeUtilization example targetThresholds cpu 50 %',
    'policies.cpu.fairShare': 'platform-facts §1.6: virt-launcher requests CPU in proportion to its vCPUs and kubelet turns the request into the pod cgroup\'s weight, so a contended node divides CPU by vCPUs [code]',
    'policies.cpu.migrationCores': '[assumption: QEMU runs a live migration in one migration thread (no multifd by default in KubeVirt), about one core on the source and one on the target]',
    'policies.cpu.migrationCoresPerHostMax': 'each QEMU migration has its own thread: no per-host cap, 0',
    'policies.ha.maintenanceMovesBack':
      'the Machine Config Operator uncordons the node; KubeVirt does not move VMIs back, the descheduler (if installed) may rebalance [doc]: false',
    'policies.migration.tunnel':
      'as Harvester: KubeVirt\'s TLS migration proxy, no SSH tunnel; its cost is not modelled [assumption]: none',
    'policies.migration.sshTunnelMiBps':
      'not used (tunnel none): 0',
    'policies.migration.network':
      'as Harvester: the pod network unless HyperConverged liveMigrationConfig.network is set (unset by default) [doc, not re-read here]: main',
  },
};
