// Checks the schema cannot express because they relate fields to each other or to the platform:
// duplicate groups, a storage kind the platform cannot run, VMs that fit on no host, anti-affinity
// groups larger than the cluster. They run on the validated file with the merged parameters, so a
// VM is measured against the host capacity the models will actually see. Warnings flag scenarios
// that are legal but probably not what was meant.
import type { Parameters, PlatformName, StorageKind } from '../platforms/parameters.ts';
import { vsanShape } from '../storage/vsan-layout.ts';
import { checkPlacement } from './checks-placement.ts';
import { toleranceWarnings } from './checks-tolerance.ts';
import { formatSeconds, validDurationMs } from './duration.ts';
import type { Finding } from './problem.ts';
import type { HostGroupFile, ScenarioFile, VmGroupFile } from './schema.ts';

export interface CheckResult {
  errors: Finding[];
  warnings: Finding[];
}

/** Storage a platform can run: its own HCI layer, local disks, or external storage (`none`). */
export const STORAGE_BY_PLATFORM: Readonly<Record<PlatformName, readonly StorageKind[]>> = {
  vsphere: ['vsan', 'local', 'none'],
  harvester: ['longhorn', 'local', 'none'],
  openstack: ['ceph', 'local', 'none'],
  baremetal: ['local', 'none'],
  proxmox: ['ceph', 'zfs', 'local', 'none'],
  // AHV's storage is always the Distributed Storage Fabric (every node runs a CVM).
  nutanix: ['dsf'],
  openshift: ['ceph', 'local', 'none'],
};

const REPLICATED: readonly StorageKind[] = ['vsan', 'longhorn', 'ceph', 'dsf', 'zfs'];

export function checkCluster(file: ScenarioFile, parameters: Parameters, options: { asAnotherPlatform?: boolean } = {}): CheckResult {
  const placement = checkPlacement(file, parameters, options);
  const errors: Finding[] = [
    ...duplicateGroups('hosts', file.hosts),
    ...duplicateGroups('vms', file.vms),
    ...storageKind(file.platform, parameters.storage.kind),
    ...vmSizes(file.hosts, file.vms, parameters),
    ...antiAffinity(file.hosts, file.vms),
    ...file.hosts.flatMap((h, i): Finding[] =>
      h.rack !== undefined && h.hostsPerRack !== undefined ? [{ path: ['hosts', i, 'hostsPerRack'], message: 'give rack or hostsPerRack, not both' }] : []),
    ...placement.errors,
  ];
  return { errors, warnings: [...clusterWarnings(file, parameters), ...placement.warnings] };
}

function duplicateGroups(section: 'hosts' | 'vms', groups: readonly { group: string }[]): Finding[] {
  const firstIndex = new Map<string, number>();
  const findings: Finding[] = [];
  groups.forEach((g, i) => {
    const first = firstIndex.get(g.group);
    if (first === undefined) firstIndex.set(g.group, i);
    else findings.push({ path: [section, i, 'group'], message: `duplicate group '${g.group}' (also ${section}.${first})` });
  });
  return findings;
}

function storageKind(platform: PlatformName, kind: StorageKind): Finding[] {
  const allowed = STORAGE_BY_PLATFORM[platform];
  if (allowed.includes(kind)) return [];
  return [{ path: ['storage', 'kind'], message: `storage '${kind}' is not available on ${platform} (allowed: ${allowed.join(', ')})` }];
}

/** What one host can give one VM: vCPUs under overcommit of its usable cores, memory after the hypervisor's share. */
function hostLimits(h: HostGroupFile, p: Parameters): { vcpus: number; memoryGiB: number } {
  const usableCores = h.cores * (1 - p.overhead.cpuTaxPercent / 100);
  return {
    vcpus: usableCores * p.policies.placement.vcpuOvercommit,
    memoryGiB: (h.memoryGiB - p.overhead.hostMemoryGiB) * p.policies.placement.memoryOvercommit,
  };
}

function vmSizes(hosts: readonly HostGroupFile[], vms: readonly VmGroupFile[], p: Parameters): Finding[] {
  const limits = hosts.filter((h) => h.count > 0).map((h) => hostLimits(h, p));
  const findings: Finding[] = [];
  vms.forEach((vm, i) => {
    if (vm.count === 0) return;
    if (vm.workingSetGiB > vm.memoryGiB) {
      findings.push({ path: ['vms', i, 'workingSetGiB'], message: `working set ${vm.workingSetGiB} GiB exceeds the VM's memory (${vm.memoryGiB} GiB)` });
    }
    if ((vm.memoryReservationGiB ?? 0) > vm.memoryGiB) {
      findings.push({ path: ['vms', i, 'memoryReservationGiB'], message: `reservation exceeds the VM's memory (${vm.memoryGiB} GiB)` });
    }
    if (limits.length === 0) {
      findings.push({ path: ['vms', i], message: 'there is no host to run these VMs (hosts is empty)' });
      return;
    }
    if (limits.some((l) => vm.vcpus <= l.vcpus && vm.memoryGiB <= l.memoryGiB)) return;
    const maxVcpus = Math.max(...limits.map((l) => l.vcpus));
    const maxMemory = Math.max(...limits.map((l) => l.memoryGiB));
    if (vm.memoryGiB > maxMemory) {
      findings.push({ path: ['vms', i, 'memoryGiB'], message: `VM needs ${vm.memoryGiB} GiB but the largest host offers ${round(maxMemory)} GiB (after the hypervisor's ${p.overhead.hostMemoryGiB} GiB)` });
    } else if (vm.vcpus > maxVcpus) {
      findings.push({ path: ['vms', i, 'vcpus'], message: `VM needs ${vm.vcpus} vCPUs but the largest host allows ${round(maxVcpus)} (usable cores x vcpuOvercommit ${p.policies.placement.vcpuOvercommit})` });
    } else {
      findings.push({ path: ['vms', i], message: `no host has both ${vm.vcpus} vCPUs and ${vm.memoryGiB} GiB to spare for this VM` });
    }
  });
  return findings;
}

function antiAffinity(hosts: readonly HostGroupFile[], vms: readonly VmGroupFile[]): Finding[] {
  const hostCount = hosts.reduce((n, h) => n + h.count, 0);
  // Insertion order (file order of the groups) is deterministic; only messages depend on it.
  const labels = new Map<string, { vms: number; firstGroup: number }>();
  vms.forEach((vm, i) => {
    if (vm.antiAffinity === undefined) return;
    const entry = labels.get(vm.antiAffinity) ?? { vms: 0, firstGroup: i };
    entry.vms += vm.count;
    labels.set(vm.antiAffinity, entry);
  });
  const findings: Finding[] = [];
  for (const [label, { vms: count, firstGroup }] of labels) {
    if (count > hostCount) {
      findings.push({ path: ['vms', firstGroup, 'antiAffinity'], message: `anti-affinity '${label}' has ${count} VMs but there are only ${hostCount} hosts` });
    }
  }
  return findings;
}

function clusterWarnings(file: ScenarioFile, p: Parameters): Finding[] {
  const hostCount = file.hosts.reduce((n, h) => n + h.count, 0);
  const warnings: Finding[] = [];
  if (hostCount === 0 && file.vms.length === 0) warnings.push({ path: ['hosts'], message: 'no hosts and no VMs: nothing to simulate' });
  const { kind, replicas } = p.storage;
  if (hostCount > 0 && kind === 'vsan') {
    // vSAN needs 2 FTT + 1 fault domains for RAID-1 (votes), 4 for RAID-5 and 6 for RAID-6 (platform-facts §3.1).
    const shape = vsanShape(p);
    if (hostCount < shape.minFaultDomains) {
      warnings.push({ path: ['storage', 'replicas'], message: `vSAN ${shape.label} needs ${shape.minFaultDomains} hosts but there are only ${hostCount}: objects stay non-compliant (degraded)` });
    }
  } else if (hostCount > 0 && REPLICATED.includes(kind) && hostCount < replicas) {
    warnings.push({ path: ['storage', 'replicas'], message: `${kind} keeps ${replicas} copies on separate hosts but there are only ${hostCount} hosts: volumes stay degraded` });
  }
  return [
    ...warnings, ...oversizedVolumes(file, kind), ...workOutlastsReplicaWait(file, p), ...cephConcurrency(file, p), ...bareMetalOutages(file),
    ...toleranceWarnings(file, p), ...unreadSettings(file, p),
  ];
}

/** Storage kinds whose own settings block is policies.storage.<kind>. */
const KIND_BLOCKS: readonly StorageKind[] = ['longhorn', 'ceph', 'vsan', 'dsf', 'zfs'];

/**
 * Settings the file writes that this run cannot read: another storage kind's block, an SSH tunnel's
 * rate without the tunnel, a migration network no host has. Said, not refused: a file may carry
 * them for a `--set` or a compare on another platform.
 */
function unreadSettings(file: ScenarioFile, p: Parameters): Finding[] {
  const findings: Finding[] = [];
  const storage = file.policies?.storage as Record<string, unknown> | undefined;
  for (const block of KIND_BLOCKS) {
    if (storage?.[block] === undefined || p.storage.kind === block) continue;
    findings.push({ path: ['policies', 'storage', block], message: `storage is ${p.storage.kind}, so the ${block} settings are not read` });
  }
  const migration = file.policies?.migration;
  if (migration?.sshTunnelMiBps !== undefined && p.policies.migration.tunnel !== 'ssh') {
    findings.push({ path: ['policies', 'migration', 'sshTunnelMiBps'], message: `migrations use no SSH tunnel here (tunnel: ${p.policies.migration.tunnel}), so sshTunnelMiBps is not read` });
  }
  if (p.policies.migration.network === 'storage' && migration?.network !== undefined && !file.hosts.some((h) => h.storageNicGbps !== undefined)) {
    findings.push({ path: ['policies', 'migration', 'network'], message: 'no host has a storage NIC (storageNicGbps): migrations stay on the main NIC' });
  }
  return findings;
}

/** Bare metal has no vCenter, Keystone or Kubernetes API: say what its managementOutage stands for. */
function bareMetalOutages(file: ScenarioFile): Finding[] {
  if (file.platform !== 'baremetal') return [];
  return file.schedule.flatMap((entry, i) =>
    entry.do === 'managementOutage'
      ? [{ path: ['schedule', i, 'do'], message: 'bare metal has no management plane: the outage stands for the operators\' tooling and holds only the rollout\'s steps' }]
      : [],
  );
}

/**
 * Ceph keeps a PG's I/O going while it has min_size copies: with more hosts in maintenance at once
 * than size - min_size, PGs with copies on enough of them would block I/O for the window (under
 * noout nothing moves). `ceph osd ok-to-stop` (policies.storage.ceph.okToStop) holds those hosts
 * back, so the concurrency asked for is not what the rollout gets; without the check, volumes block.
 * Either way the setting dominates the result, so it is said before the run.
 */
function cephConcurrency(file: ScenarioFile, p: Parameters): Finding[] {
  if (p.storage.kind !== 'ceph') return [];
  const size = Math.max(1, p.storage.replicas);
  const spare = size - Math.min(Math.max(1, p.policies.storage.ceph.minSize), size);
  const racks = file.hosts.some((h) => h.rack !== undefined || h.hostsPerRack !== undefined);
  const findings: Finding[] = [];
  file.schedule.forEach((entry, i) => {
    if (entry.do !== 'rollingMaintenance' || entry.concurrency <= spare || racks) return;
    findings.push({
      path: ['schedule', i, 'concurrency'],
      message: p.policies.storage.ceph.okToStop
        ? `${entry.concurrency} hosts in maintenance at once with Ceph size ${size} / min_size ${size - spare} and hosts as failure domains: ceph osd ok-to-stop lets a host stop only while no PG with a copy there would fall below min_size, so about ${spare} at a time stop and the rest wait drained (give hosts racks to take a rack at a time)`
        : `${entry.concurrency} hosts in maintenance at once with Ceph size ${size} / min_size ${size - spare}: PGs with copies on ${spare + 1} of them block I/O (their volumes are inaccessible) for the window (ok-to-stop is off: policies.storage.ceph.okToStop)`,
    });
  });
  return findings;
}

/**
 * Longhorn rebuilds a node's replicas in full once it has been away longer than
 * replica-replenishment-wait-interval (repairDelay): node work longer than that makes every
 * maintenance window a full re-replication of the node, which then dominates the rollout.
 */
function workOutlastsReplicaWait(file: ScenarioFile, p: Parameters): Finding[] {
  if (p.storage.kind !== 'longhorn') return [];
  const base = p.policies.storage.repairDelay;
  const findings: Finding[] = [];
  file.schedule.forEach((entry, i) => {
    if (entry.do !== 'rollingMaintenance') return;
    const waitMs = (entry.mode === 'upgrade' ? Math.max(base, p.policies.storage.longhorn.upgradeReplicaWaitSeconds) : base) * 1000;
    const workMs = validDurationMs(entry.workDuration);
    if (workMs > waitMs) {
      findings.push({
        path: ['schedule', i, 'workDuration'],
        message: `node work (${formatSeconds(workMs / 1000)}) outlasts Longhorn's replica-replenishment-wait-interval (${formatSeconds(waitMs / 1000)}): every replica of each node is rebuilt in full elsewhere, which dominates the rollout (policies.storage.repairDelay)`,
      });
    }
  });
  return findings;
}

/**
 * A copy of a volume lives on one disk here (Ceph stripes volumes over PGs in 4 MiB objects, so only
 * the other kinds are limited): a volume larger than every disk can never be placed, and its VM
 * would count as out of service from the start. Said before the run rather than discovered in it.
 */
function oversizedVolumes(file: ScenarioFile, kind: string): Finding[] {
  if (kind === 'ceph' || kind === 'none' || file.hosts.length === 0) return [];
  const largestGiB = Math.max(...file.hosts.map((h) => (h.disks?.count ?? 1) > 0 ? (h.disks?.sizeTiB ?? 0) * 1024 : 0));
  const findings: Finding[] = [];
  file.vms.forEach((vm, i) => {
    const diskGiB = vm.diskGiB ?? 0;
    if (diskGiB > largestGiB) {
      findings.push({ path: ['vms', i, 'diskGiB'], message: `a ${diskGiB} GiB volume is larger than any host disk (${round(largestGiB)} GiB): it cannot be placed, and its VMs count as out of service (volume inaccessible)` });
    }
  });
  return findings;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
