// Hypervisor overhead: what virtualisation costs a host before any guest runs (a share of its
// CPU, memory for the hypervisor and its storage services) and what each VM costs beyond its
// configured RAM (VMM/QEMU process, page tables, video). Capacity and placement subtract these;
// bare metal sets them all to zero. Sources: platform-facts §1.6 (KubeVirt), §7.2 (ESXi).
import type { OverheadParameters } from '../platforms/parameters.ts';

const MIB_PER_GIB = 1024;

/**
 * KubeVirt virt-launcher overhead (pkg/hypervisor/kvm/hypervisorbackend.go, platform-facts §1.6):
 * 240 Mi fixed (monitor 25 + launcher 100 + virtlogd 25 + virtqemud 40 + QEMU 50), page tables
 * RAM/512, 8 Mi per vCPU, 8 Mi for the IOThread, 32 Mi video.
 */
function kubevirtMiB(vcpus: number, memoryGiB: number): number {
  const fixedMiB = 240;
  const pageTablesMiB = (memoryGiB * MIB_PER_GIB) / 512;
  const ioThreadMiB = 8;
  const videoMiB = 32;
  return fixedMiB + pageTablesMiB + 8 * vcpus + ioThreadMiB + videoMiB;
}

/**
 * Fit of the ESXi 6.5/6.7 "Overhead Memory on Virtual Machines" table (platform-facts §7.2):
 * 14 MB + 4 MB per vCPU + 7.5 MB per GB of configured RAM, within ~3 MB of every cell.
 * VMware's MB and GB are binary (the table's VM sizes are 256, 1,024, 4,096 and 16,384 MB, and
 * the fit only holds with 16,384 MB = 16 GB), so MB = MiB here and no conversion applies.
 */
function esxiMiB(vcpus: number, memoryGiB: number): number {
  return 14 + 4 * vcpus + 7.5 * memoryGiB;
}

export function perVmOverheadMiB(
  vm: { vcpus: number; memoryGiB: number },
  overhead: OverheadParameters,
): number {
  if (overhead.perVmMemoryMiB !== null) return overhead.perVmMemoryMiB;
  switch (overhead.perVmMemoryModel) {
    case 'kubevirt':
      return kubevirtMiB(vm.vcpus, vm.memoryGiB) * overhead.guestMemoryOverheadRatio;
    case 'esxi':
      return esxiMiB(vm.vcpus, vm.memoryGiB) * overhead.guestMemoryOverheadRatio;
    case 'fixed':
      return 0;
  }
}

export function hostOverheadGiB(overhead: OverheadParameters): number {
  return overhead.hostMemoryGiB;
}

/** Cores left for placement once the platform's reservation (cpuTaxPercent) is taken out. */
export function usableCores(cores: number, overhead: OverheadParameters): number {
  return cores * (1 - overhead.cpuTaxPercent / 100);
}

/**
 * Cores the platform's own services burn (cpuConsumedPercent). Kept apart from the reservation:
 * Harvester's Longhorn instance managers request 12 % of a node as Kubernetes CPU requests (cgroup
 * shares), which guests can still use when the services idle (harvester/harvester#3262).
 */
export function consumedCores(cores: number, overhead: OverheadParameters): number {
  return cores * (overhead.cpuConsumedPercent / 100);
}
