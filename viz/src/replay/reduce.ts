// The replay reducer: one trace event moves a ReplayState on. Deterministic and free of I/O; it
// changes the state it is given (the Replay owns that state and keeps copies as keyframes), and
// keeps the counts in step with every change so the timeline never recounts a Map.
import { diskKey, jobKey, type Health, type HostStatus, type ReplayState, type TraceEvent, type VmState } from './state.ts';

const NOT_SERVING: ReadonlySet<VmState> = new Set(['booting', 'down', 'stopped']);

export function applyEvent(s: ReplayState, e: TraceEvent): void {
  s.index++;
  s.t = e.t;
  if (e.type.startsWith('vm.')) applyVmEvent(s, e);
  else if (e.type.startsWith('host.') || e.type.startsWith('disk.') || e.type === 'run.start') applyHostEvent(s, e);
  else applyStorageEvent(s, e);
}

function setVm(s: ReplayState, vm: string, state: VmState): void {
  const before = s.vmState.get(vm);
  if (before !== undefined && NOT_SERVING.has(before)) s.counts.vmsDown--;
  if (NOT_SERVING.has(state)) s.counts.vmsDown++;
  s.vmState.set(vm, state);
}

function setHost(s: ReplayState, host: string, status: HostStatus): void {
  const wasUp = s.hosts.get(host) === 'up', isUp = status === 'up';
  if (!wasUp) s.counts.hostsOut--;
  if (!isUp) s.counts.hostsOut++;
  s.hosts.set(host, status);
  if (wasUp === isUp) return;
  // A host leaving service takes its capacity and what is allocated on it out of the in-service totals.
  const sign = isUp ? 1 : -1;
  const size = s.hostSize.get(host);
  const used = s.hostUse.get(host);
  s.counts.memoryCapacityGiB += sign * (size?.memoryGiB ?? 0);
  s.counts.cores += sign * (size?.cores ?? 0);
  s.counts.memoryUsedGiB += sign * (used?.memoryGiB ?? 0);
  s.counts.vcpus += sign * (used?.vcpus ?? 0);
}

/** A VM is now on `host`: the per-host allocation and the in-service totals follow it. */
function moveVm(s: ReplayState, vm: string, host: string): void {
  const from = s.vmHost.get(vm);
  s.vmHost.set(vm, host);
  if (from === host) return;
  const size = s.vmSize.get(vm) ?? { memoryGiB: 0, vcpus: 0 };
  const add = (h: string, sign: number) => {
    const use = s.hostUse.get(h) ?? { memoryGiB: 0, vcpus: 0 };
    s.hostUse.set(h, { memoryGiB: use.memoryGiB + sign * size.memoryGiB, vcpus: use.vcpus + sign * size.vcpus });
    if (s.hosts.get(h) !== 'up') return;
    s.counts.memoryUsedGiB += sign * size.memoryGiB;
    s.counts.vcpus += sign * size.vcpus;
  };
  if (from !== undefined) add(from, -1);
  add(host, 1);
}

function endMigration(s: ReplayState, vm: string): void {
  if (s.migrations.delete(vm)) s.counts.migrations--;
}

function applyVmEvent(s: ReplayState, e: TraceEvent): void {
  switch (e.type) {
    case 'vm.place':
      moveVm(s, e.vm, e.host);
      // An initial placement starts the VM running; a restart or cold migration boots it next (vm.boot).
      if (e.reason === 'initial') setVm(s, e.vm, 'up');
      return;
    case 'vm.unplaced': return setVm(s, e.vm, 'unplaced');
    case 'vm.boot':
      moveVm(s, e.vm, e.host);
      return setVm(s, e.vm, 'booting');
    case 'vm.up':
      moveVm(s, e.vm, e.host);
      return setVm(s, e.vm, 'up');
    case 'vm.down':
    case 'vm.crash':
      endMigration(s, e.vm);
      return setVm(s, e.vm, 'down');
    case 'vm.stopped': return setVm(s, e.vm, 'stopped');
    case 'vm.migration.start':
      if (!s.migrations.has(e.vm)) s.counts.migrations++;
      s.migrations.set(e.vm, { vm: e.vm, from: e.from, to: e.to, startT: e.t, startIndex: s.index - 1 });
      return setVm(s, e.vm, 'migrating');
    case 'vm.migration.end':
      endMigration(s, e.vm);
      moveVm(s, e.vm, e.to);
      return setVm(s, e.vm, 'up');
    case 'vm.migration.fail':
      endMigration(s, e.vm);
      // A failure that took the VM down (its source failed) comes with vm.down; otherwise it stays up on its source.
      if (s.vmState.get(e.vm) === 'migrating') setVm(s, e.vm, 'up');
      return;
    default: return;
  }
}

function applyHostEvent(s: ReplayState, e: TraceEvent): void {
  switch (e.type) {
    case 'run.start':
      s.cluster = e.cluster;
      s.platform = e.platform;
      // New Maps, never filled in place: keyframes share these, the empty first one included.
      s.hostSize = new Map();
      s.vmSize = new Map();
      for (const h of e.cluster.hosts) {
        s.hosts.set(h.id, 'up');
        s.hostSize.set(h.id, { memoryGiB: h.memoryGiB, cores: h.cores });
        s.counts.memoryCapacityGiB += h.memoryGiB;
        s.counts.cores += h.cores;
      }
      for (const v of e.cluster.vms) {
        s.vmState.set(v.id, 'unplaced');
        s.vmSize.set(v.id, { memoryGiB: v.memoryGiB, vcpus: v.vcpus });
      }
      return;
    case 'host.maintenance.enter': return setHost(s, e.host, 'draining');
    case 'host.maintenance.start': return setHost(s, e.host, 'maintenance');
    case 'host.maintenance.end':
    case 'host.repair': return setHost(s, e.host, 'up');
    case 'host.fail': return setHost(s, e.host, 'failed');
    case 'disk.fail':
      s.failedDisks.add(diskKey(e.host, e.disk));
      return;
    case 'disk.replace':
      s.failedDisks.delete(diskKey(e.host, e.disk));
      return;
    default: return;
  }
}

function setHealth(s: ReplayState, volume: string, health: Health): void {
  const before = s.volumes.get(volume) ?? 'healthy';
  if (before !== 'healthy') s.counts[before]--;
  if (health !== 'healthy') s.counts[health]++;
  s.volumes.set(volume, health);
}

function withoutCopy(s: ReplayState, set: string, key: string): void {
  const copies = s.copies.get(set);
  if (copies?.includes(key)) s.copies.set(set, copies.filter((c) => c !== key));
}

function applyStorageEvent(s: ReplayState, e: TraceEvent): void {
  switch (e.type) {
    case 'storage.place':
      s.copies.set(e.set, e.copies.map((c) => diskKey(c.host, c.disk)));
      return;
    case 'volume.health':
      for (const volume of e.volumes) setHealth(s, volume, e.health);
      return;
    case 'replica.destroy':
    case 'replica.discard':
    case 'replica.absent.expire': return withoutCopy(s, e.set, diskKey(e.host, e.disk));
    case 'replica.rebuild.start':
      if (!s.copyJobs.has(jobKey(e.set, e.to, e.disk))) s.counts.rebuilds++;
      s.copyJobs.set(jobKey(e.set, e.to, e.disk), { set: e.set, kind: e.kind, from: e.from, to: e.to, disk: e.disk });
      return;
    case 'replica.localise':
      s.localising.set(jobKey(e.set, e.to, e.disk), e.from);
      return;
    case 'replica.rebuild.fail':
      s.localising.delete(jobKey(e.set, e.to, e.disk));
      if (s.copyJobs.delete(jobKey(e.set, e.to, e.disk))) s.counts.rebuilds--;
      return;
    case 'replica.rebuild.end': return endCopyJob(s, e);
    default: return;
  }
}

function endCopyJob(s: ReplayState, e: Extract<TraceEvent, { type: 'replica.rebuild.end' }>): void {
  const key = jobKey(e.set, e.to, e.disk);
  const job = s.copyJobs.get(key);
  if (s.copyJobs.delete(key)) s.counts.rebuilds--;
  const target = diskKey(e.to, e.disk);
  let copies = s.copies.get(e.set) ?? [];
  const moved = s.localising.get(key);
  s.localising.delete(key);
  // The trace has no event for the copy an evacuation leaves behind: for a data-locality move, the
  // one replica.localise named; otherwise the one on the source host that is leaving (draining or in
  // maintenance).
  if (e.kind === 'evacuate' && moved !== undefined) copies = copies.filter((c) => c.slice(0, c.lastIndexOf('/')) !== moved);
  else if (e.kind === 'evacuate' && job) {
    copies = copies.filter((c) => {
      const host = c.slice(0, c.lastIndexOf('/'));
      return !(job.from.includes(host) && s.hosts.get(host) !== 'up');
    });
  }
  if (!copies.includes(target)) copies = [...copies, target];
  s.copies.set(e.set, copies);
}
