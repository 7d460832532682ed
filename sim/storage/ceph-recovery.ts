// How fast one OSD recovers under the mClock scheduler (Ceph's default op scheduler since Quincy).
// mClock sizes each OSD by its device class: a sequential bandwidth and a 4 KiB random-write IOPS
// capacity (osd_mclock_max_sequential_bandwidth_{hdd,ssd}, osd_mclock_max_capacity_iops_{hdd,ssd};
// every non-rotational device, NVMe included, takes the ssd values), and charges each op
// max(bytes, bandwidth / IOPS) of that capacity (src/osd/scheduler/mClockScheduler.cc
// calc_scaled_cost). The profile reserves a share of the capacity for background recovery (balanced:
// 50 %, doc/rados/configuration/mclock-config-ref.rst). So recovery moving ops of `op` bytes gets
//   reservation x min(bandwidth, IOPS x op)
// bytes/s: bandwidth-bound for 4 MiB RBD objects (an HDD OSD 75 MiB/s, an SSD OSD 600 MiB/s),
// IOPS-bound only for objects below bandwidth / IOPS (476 KiB on an HDD). A recovery push carries
// at most osd_recovery_max_chunk (8 MiB) of one object. The reservation is what recovery keeps on an
// OSD that clients keep busy; hcisim does not model client I/O at the OSD, so this is the rate it
// uses (an idle OSD could recover faster: the profile's recovery limit is MAX).
import type { DiskClass } from '../platforms/parameters.ts';
import type { PolicyContext } from './policy.ts';

/** osd_recovery_max_chunk default 8_M (src/common/options/osd.yaml.in): the most one push carries. */
const RECOVERY_CHUNK_MIB = 8;

/** The recovery rate of an OSD on a disk of `diskClass`, MiB/s. */
export function osdRecoveryMiBps(ctx: PolicyContext, diskClass: DiskClass): number {
  const c = ctx.params.policies.storage.ceph;
  const [bandwidth, iops] =
    diskClass === 'hdd' ? [c.hddSequentialMiBps, c.hddIops] : diskClass === 'nvme' ? [c.nvmeSequentialMiBps, c.nvmeIops] : [c.ssdSequentialMiBps, c.ssdIops];
  const opMiB = Math.min(c.objectSizeMiB, RECOVERY_CHUNK_MIB);
  return c.recoveryReservation * Math.min(bandwidth, iops * opMiB);
}
