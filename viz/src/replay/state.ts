// The state of the cluster at one moment of a replay, as the trace describes it: what each host,
// VM, disk and volume is doing, the migrations and copy jobs in flight, and the running counts the
// timeline plots. Collections are Maps whose values are never mutated in place (a copy list is
// replaced, not pushed to), so a keyframe is a shallow copy of each Map.
import type { SimEvent } from '../../../sim/events/catalogue.ts';

/** A trace event as events.jsonl writes it: `t` in seconds. */
export type TraceEvent = SimEvent;
export type ClusterInfo = Extract<SimEvent, { type: 'run.start' }>['cluster'];

export type HostStatus = 'up' | 'draining' | 'maintenance' | 'failed';
/** up: serving; migrating: serving while moving; booting/down/stopped: not serving; unplaced: never ran. */
export type VmState = 'up' | 'migrating' | 'booting' | 'down' | 'stopped' | 'unplaced';
export type Health = 'healthy' | 'degraded' | 'inaccessible' | 'lost';

export interface Migration {
  vm: string;
  from: string;
  to: string;
  startT: number;
  /** Index of its vm.migration.start event, the key to its end time. */
  startIndex: number;
}

export interface CopyJob {
  set: string;
  kind: 'rebuild' | 'resync' | 'evacuate';
  from: string[];
  to: string;
  disk: number;
}

export interface Counts {
  migrations: number;
  rebuilds: number;
  degraded: number;
  inaccessible: number;
  lost: number;
  vmsDown: number;
  hostsOut: number;
  /** Memory of the VMs placed on hosts in service, and those hosts' memory (GiB). */
  memoryUsedGiB: number;
  memoryCapacityGiB: number;
  /** vCPUs placed on hosts in service, and those hosts' cores. */
  vcpus: number;
  cores: number;
}

export interface ReplayState {
  /** Events applied so far. */
  index: number;
  /** Time of the last event applied (s). */
  t: number;
  cluster: ClusterInfo;
  platform: string;
  hosts: Map<string, HostStatus>;
  vmHost: Map<string, string>;
  vmState: Map<string, VmState>;
  volumes: Map<string, Health>;
  /** `host/disk` of failed disks. */
  failedDisks: Set<string>;
  /** Replica set -> `host/disk` of each data copy (witnesses left out). */
  copies: Map<string, readonly string[]>;
  migrations: Map<string, Migration>;
  /** Keyed `set>host/disk`. */
  copyJobs: Map<string, CopyJob>;
  /** Data-locality moves (replica.localise), keyed like copyJobs: the host whose copy the move drops. */
  localising: Map<string, string>;
  counts: Counts;
  /** Sizes from run.start: never changed, so keyframes share them. */
  hostSize: Map<string, { memoryGiB: number; cores: number }>;
  vmSize: Map<string, { memoryGiB: number; vcpus: number }>;
  /** What is placed on each host (values replaced, never mutated). */
  hostUse: Map<string, { memoryGiB: number; vcpus: number }>;
}

export const zeroCounts = (): Counts => ({ migrations: 0, rebuilds: 0, degraded: 0, inaccessible: 0, lost: 0, vmsDown: 0, hostsOut: 0, memoryUsedGiB: 0, memoryCapacityGiB: 0, vcpus: 0, cores: 0 });

export function emptyState(): ReplayState {
  return {
    index: 0, t: 0, cluster: { hosts: [], vms: [] }, platform: '',
    hosts: new Map(), vmHost: new Map(), vmState: new Map(), volumes: new Map(), failedDisks: new Set(),
    copies: new Map(), migrations: new Map(), copyJobs: new Map(), localising: new Map(), counts: zeroCounts(),
    hostSize: new Map(), vmSize: new Map(), hostUse: new Map(),
  };
}

/** An independent copy: Map values are immutable, so copying the Maps is enough. */
export function cloneState(s: ReplayState): ReplayState {
  return {
    index: s.index, t: s.t, cluster: s.cluster, platform: s.platform,
    hosts: new Map(s.hosts), vmHost: new Map(s.vmHost), vmState: new Map(s.vmState), volumes: new Map(s.volumes),
    failedDisks: new Set(s.failedDisks), copies: new Map(s.copies), migrations: new Map(s.migrations),
    copyJobs: new Map(s.copyJobs), localising: new Map(s.localising), counts: { ...s.counts },
    hostSize: s.hostSize, vmSize: s.vmSize, hostUse: new Map(s.hostUse),
  };
}

export const diskKey = (host: string, disk: number) => `${host}/${disk}`;
export const jobKey = (set: string, host: string, disk: number) => `${set}>${host}/${disk}`;
