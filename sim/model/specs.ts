// Hosts and VMs as a scenario describes them, after group expansion: the input of the cluster
// model. They live in the model layer so that the model does not import sim/scenario/ (layers
// point one way: scenario -> model); sim/scenario/types.ts re-exports them.
import type { DiskClass } from '../platforms/parameters.ts';

export interface HostSpec {
  /** `<group>-NN` (3 digits from 100 hosts in the group). */
  id: string;
  group: string;
  cores: number;
  coreGHz: number;
  memoryGiB: number;
  nicGbps: number;
  /** A separate storage/replication network; undefined = storage shares the NIC. */
  storageNicGbps?: number;
  /** `class` undefined: the platform's storage.diskClass. */
  disks: { count: number; sizeTiB: number; class?: DiskClass };
  rack?: string;
}

export interface VmSpec {
  /** `<group>-NNN`. */
  id: string;
  group: string;
  vcpus: number;
  memoryGiB: number;
  cpuUtilization: number;
  dirtyRateMiBps: number;
  workingSetGiB: number;
  diskGiB: number;
  /** Average write rate to its volume: what an absent copy misses. */
  diskWriteMiBps: number;
  antiAffinity?: string;
  /** Under HA (restarted after a host failure); unset = the platform's `policies.ha.protectedByDefault`. */
  ha?: boolean;
  /** vSphere memory reservation (HA admission control counts it; default 0). */
  memoryReservationGiB?: number;
  /** VM-host must rule: the only hosts it may run on (sorted ids). */
  mustHosts?: string[];
  /** VM-host should rule: the hosts it prefers (sorted ids); others are used when none fits. */
  shouldHosts?: string[];
  /** Daily CPU load curve: from each time of day (ms after midnight) the utilisation it keeps until the next point. */
  loadCurve?: { atMs: number; cpuUtilization: number }[];
}

/** What the cluster model is built from; a loaded Scenario is one. */
export interface ClusterSpec {
  hosts: HostSpec[];
  vms: VmSpec[];
}
