// Safety of the storage engine's own books: rebuild slots never held beyond their limits, and the
// indexes kept for speed (copies by disk, the per-host view) say what a scan of every copy would.
import type { World } from '../ops/world.ts';
import type { Finding, StateChecker } from './types.ts';

export const storageBooks: StateChecker = {
  kind: 'state',
  name: 'storageBooks',
  description: "rebuild slots stay within their limits and the storage engine's indexes match its copies",
  check(world: World): Finding | undefined {
    const storage = world.storage;
    if (!storage) return undefined;
    for (const job of storage.jobs.running.values()) {
      for (const slot of job.slots) {
        const n = storage.jobs.holding(slot.key);
        if (n > slot.limit) return { message: `rebuild slot ${slot.key} held ${n} times, limit ${slot.limit}` };
      }
    }
    const message = storage.placement.verify() ?? storage.hostView.verify();
    return message === undefined ? undefined : { message };
  },
};
