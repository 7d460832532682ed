// The links of the fluid network: each host NIC is full duplex, so it is two links (transmit and
// receive) of the NIC's capacity. A host has a 'migration' NIC and optionally a separate
// 'storage' NIC; without one, its storage traffic is routed over the migration NIC's links, which
// is how storage rebuilds and live migrations contend on a converged network. Links are numbered
// in the order hosts were added, which is the order links() reports them in.
import type { NetworkName } from './network-name.ts';
import type { FlowState, LinkState } from './network-fill.ts';

/** One link as Network.links() reports it. */
export interface LinkLoad {
  host: string;
  network: NetworkName;
  direction: 'tx' | 'rx';
  capacityBytesPerSec: number;
  loadBytesPerSec: number;
}

interface HostLinks {
  migrationTx: LinkState;
  migrationRx: LinkState;
  storageTx: LinkState;
  storageRx: LinkState;
}

export class LinkTable {
  /** Indexed by LinkState.index. */
  readonly all: LinkState[] = [];
  private readonly hosts = new Map<string, HostLinks>();

  addHost(hostId: string, nicBytesPerSec: number, storageNicBytesPerSec?: number): void {
    if (this.hosts.has(hostId)) throw new Error(`network: host ${hostId} added twice`);
    checkCapacity(hostId, nicBytesPerSec);
    if (storageNicBytesPerSec !== undefined) checkCapacity(hostId, storageNicBytesPerSec);
    const migrationTx = this.addLink(hostId, 'migration', 'tx', nicBytesPerSec);
    const migrationRx = this.addLink(hostId, 'migration', 'rx', nicBytesPerSec);
    if (storageNicBytesPerSec === undefined) {
      this.hosts.set(hostId, { migrationTx, migrationRx, storageTx: migrationTx, storageRx: migrationRx });
      return;
    }
    const storageTx = this.addLink(hostId, 'storage', 'tx', storageNicBytesPerSec);
    const storageRx = this.addLink(hostId, 'storage', 'rx', storageNicBytesPerSec);
    this.hosts.set(hostId, { migrationTx, migrationRx, storageTx, storageRx });
  }

  /** The transmit link of `src` and the receive link of `dst` on `network`. */
  route(src: string, dst: string, network: NetworkName): { tx: LinkState; rx: LinkState } {
    if (src === dst) throw new Error(`network: flow from ${src} to itself`);
    const from = this.host(src);
    const to = this.host(dst);
    return network === 'storage' ? { tx: from.storageTx, rx: to.storageRx } : { tx: from.migrationTx, rx: to.migrationRx };
  }

  loads(): LinkLoad[] {
    return this.all.map((link) => {
      let loadBytesPerSec = 0;
      for (const flow of link.flows) loadBytesPerSec += flow.rateBytesPerSec;
      const { host, network, direction, capacityBytesPerSec } = link;
      return { host, network, direction, capacityBytesPerSec, loadBytesPerSec };
    });
  }

  private host(hostId: string): HostLinks {
    const host = this.hosts.get(hostId);
    if (host === undefined) throw new Error(`network: unknown host ${hostId}`);
    return host;
  }

  private addLink(host: string, network: NetworkName, direction: 'tx' | 'rx', capacityBytesPerSec: number): LinkState {
    const link: LinkState = {
      index: this.all.length,
      host,
      network,
      direction,
      capacityBytesPerSec,
      flows: [],
      dirty: false,
      visitEpoch: 0,
      remainingBytesPerSec: 0,
      unfrozen: 0,
    };
    this.all.push(link);
    return link;
  }
}

/** Puts the flow on its two links (it must not be on them yet). */
export function attach(flow: FlowState): void {
  flow.txPos = flow.tx.flows.push(flow) - 1;
  flow.rxPos = flow.rx.flows.push(flow) - 1;
}

/** Takes the flow off its two links in O(1): the last flow of each list moves into its place. */
export function detach(flow: FlowState): void {
  removeAt(flow.tx, flow.txPos);
  removeAt(flow.rx, flow.rxPos);
}

function removeAt(link: LinkState, pos: number): void {
  const last = link.flows.pop()!;
  if (pos === link.flows.length) return;
  link.flows[pos] = last;
  if (last.tx === link) last.txPos = pos;
  else last.rxPos = pos;
}

function checkCapacity(hostId: string, bytesPerSec: number): void {
  if (!(bytesPerSec > 0) || !Number.isFinite(bytesPerSec)) {
    throw new Error(`network: host ${hostId} needs a NIC capacity > 0 bytes/s, got ${bytesPerSec}`);
  }
}
