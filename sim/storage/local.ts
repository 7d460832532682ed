// Local disks: one copy of each volume on its VM's host. No redundancy, nothing to rebuild from: a
// failed disk loses its volumes, a failed host takes them offline until it returns, and a VM cannot
// live-migrate away from its disk (platform-facts §10: "no better than bare metal").
import { chooseDisk } from './disks.ts';
import type { StoragePolicy } from './policy.ts';

export const localPolicy: StoragePolicy = {
  kind: 'local',
  layout(ctx, volumes) {
    for (const v of volumes) {
      const set = ctx.state.createSet({ name: v.id, bytes: v.bytes, wantedData: 1, dataNeeded: 1, witnesses: 0, writeBytesPerSec: v.writeBytesPerSec, volumes: [v.id] });
      const hosts = ctx.hosts.map((h) => ({ ...h, usable: h.id === v.vmHost }));
      const target = chooseDisk({ ...ctx, hosts }, { avoid: [], bytes: v.bytes });
      if ('refused' in target) {
        ctx.record('storage.unplaced', { set: set.name, reason: target.refused });
        continue;
      }
      ctx.state.addCopy(set, target.host, target.disk, 'current');
      ctx.record('storage.place', { set: set.name, copies: [target] });
    }
  },
  accessible: (set, state) => state.current(set).length >= 1,
  target: () => ({ refused: 'local storage keeps one copy on the VM host' }),
  sources: () => [],
  replaceDelayMs: () => Infinity,
  destroyedDelayMs: () => 0,
  beforeMaintenance: () => ({ evacuate: [] }),
  slots: () => [],
};
