// Events of the storage's consent to a host stopping for maintenance (Ceph's `ceph osd ok-to-stop`):
// the refusal that makes a drained host wait, and the consent that ends the wait.
import { count, host, num, reason, spec } from './fields.ts';

export const STOP_EVENTS = {
  'storage.stop.refuse': spec("the storage refuses to let a drained host stop (Ceph: ceph osd ok-to-stop finds PGs that would fall below min_size); the host waits, re-checked as the sets change", {
    host: host(), sets: count('replica sets (PGs) with an up copy on the host that stopping it would make inaccessible, or already are'), reason: reason(),
  }),
  'storage.stop.allow': spec('the storage lets a host that was refused stop now', { host: host(), waitedMs: num('since the first refusal') }),
} as const;
