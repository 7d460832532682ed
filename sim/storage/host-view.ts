// The hosts as the storage policies see them (PolicyContext.hosts): id order, rack, and whether a
// host can take new copies now (up or draining, and not being prepared for maintenance). Kept for
// speed: rebuilding it for every host on every replan was a scan of the fleet per event; here only
// the hosts the engine was told about are re-read, and the list is replaced (never mutated) when one
// of them changed, so a caller holding the old list keeps a consistent snapshot.
import type { Cluster } from '../model/cluster.ts';
import type { PolicyContext } from './policy.ts';

type HostList = PolicyContext['hosts'];

export class HostView {
  private hosts: HostList = [];
  private readonly position = new Map<string, number>();
  /** Hosts whose status or leaving mark may have changed since the last refresh. */
  private readonly touched = new Set<string>();
  private everything = true;

  constructor(
    private readonly cluster: Cluster,
    private readonly leaving: ReadonlySet<string>,
  ) {}

  /** The host's status or its leaving mark may have changed. */
  touch(host: string): void {
    this.touched.add(host);
  }

  /** Re-read every host at the next refresh (for callers that cannot name what changed). */
  touchAll(): void {
    this.everything = true;
  }

  /** The list as of now: the previous list itself when no touched host changed. */
  refresh(): HostList {
    if (this.everything) {
      this.everything = false;
      this.touched.clear();
      this.hosts = this.cluster.hostIds.map((id, i) => {
        this.position.set(id, i);
        return { id, usable: this.usable(id), rack: this.cluster.host(id).spec.rack };
      });
      return this.hosts;
    }
    if (this.touched.size === 0) return this.hosts;
    let next: { id: string; usable: boolean; rack?: string }[] | undefined;
    for (const id of this.touched) {
      const i = this.position.get(id);
      if (i === undefined) continue;
      const usable = this.usable(id);
      if (usable === this.hosts[i].usable) continue;
      next ??= [...this.hosts];
      next[i] = { ...this.hosts[i], usable };
    }
    this.touched.clear();
    if (next) this.hosts = next;
    return this.hosts;
  }

  /** Whether the host was usable as of the last refresh (what the list says), without a scan. */
  usableInList(host: string): boolean {
    const i = this.position.get(host);
    return i !== undefined && this.hosts[i].usable;
  }

  /** Where the list and the cluster disagree, if they do (for the invariant checker, after an event). */
  verify(): string | undefined {
    for (const h of this.hosts) {
      if (this.touched.has(h.id) || this.everything) continue;
      if (h.usable !== this.usable(h.id)) return `host view has ${h.id} usable=${h.usable}, its status says ${!h.usable}`;
    }
    return undefined;
  }

  private usable(id: string): boolean {
    const status = this.cluster.host(id).status;
    return (status === 'up' || status === 'draining') && !this.leaving.has(id);
  }
}

type HostEntry = HostList[number];
const lookups = new WeakMap<HostList, Map<string, HostEntry>>();

/**
 * The entries of a host list by id, built once per list (a list is never mutated: HostView replaces
 * it), so that a policy's per-host lookups cost O(1) instead of a scan of the list each.
 */
export function hostsById(hosts: HostList): ReadonlyMap<string, HostEntry> {
  let map = lookups.get(hosts);
  if (!map) lookups.set(hosts, (map = new Map(hosts.map((h) => [h.id, h]))));
  return map;
}
