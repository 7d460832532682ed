// Hosts and VMs as a scenario describes them, after group expansion: the input of the cluster
// model. They live in the model layer so that the model does not import sim/scenario/ (layers
// point one way: scenario -> model); sim/scenario/types.ts re-exports them.

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
  disks: { count: number; sizeTiB: number };
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
}

/** What the cluster model is built from; a loaded Scenario is one. */
export interface ClusterSpec {
  hosts: HostSpec[];
  vms: VmSpec[];
}
