// Live migration of a VM whose disk is on its host (local ZFS or LVM): before memory moves, QEMU's
// drive-mirror copies the disk to the target over NBD on the same network (Proxmox `qm migrate
// --online --with-local-disks`, qemu-server QemuMigrate.pm phase2 and PVE::QemuServer::BlockJob;
// Nova's block live migration does the same). The job copies the whole allocated disk while the
// guest keeps writing to it; it is "ready" once it has also sent what was written meanwhile, and from
// then on writes go to both sides until the memory migration completes. We send the bulk, then one
// catch-up pass of the writes that landed during it (at the VM's write rate), then hand over to
// pre-copy; the synchronous mirroring after that is not a separate transfer.
import type { SimEngine } from '../events/catalogue.ts';
import type { FlowId, Network, NetworkName } from '../model/network.ts';

export interface MirrorRequest {
  vmId: string;
  src: string;
  dst: string;
  diskBytes: number;
  writeBytesPerSec: number;
  /** Per-migration cap (bwlimit, the SSH tunnel), bytes/s; undefined = share the NIC. */
  capBytesPerSec: number | undefined;
  /** The NIC the migration uses (the NBD stream goes with the memory). */
  network: NetworkName;
  onReady(sentBytes: number): void;
}

export interface MirrorHandle {
  /** Stops the job; returns the bytes it had sent. */
  cancel(): number;
}

export function startDiskMirror(engine: SimEngine, network: Network, req: MirrorRequest): MirrorHandle {
  let flow: FlowId | undefined;
  let sent = 0;
  let cancelled = false;
  const send = (bytes: number, then: () => void) => {
    if (bytes <= 0) {
      engine.after(0, then);
      return;
    }
    flow = network.start({
      src: req.src, dst: req.dst, bytes, capBytesPerSec: req.capBytesPerSec, network: req.network,
      onDone: () => {
        flow = undefined;
        sent += bytes;
        then();
      },
    });
  };
  const startMs = engine.now;
  send(req.diskBytes, () => {
    const written = Math.round(((engine.now - startMs) / 1000) * req.writeBytesPerSec);
    send(written, () => {
      if (cancelled) return;
      engine.emit('vm.migration.mirror', { vm: req.vmId, bytes: sent, durationMs: engine.now - startMs });
      req.onReady(sent);
    });
  });
  return {
    cancel() {
      cancelled = true;
      if (flow === undefined) return sent;
      const partial = network.cancel(flow);
      flow = undefined;
      return sent + partial;
    },
  };
}
