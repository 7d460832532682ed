// Events of the storage layer: the pool and the copies of every replica set, copy jobs (rebuilds,
// resyncs, evacuations) and volume health.
import { z } from 'zod';
import { copyKind, count, disk, diskLocation, health, host, ids, num, reason, set, spec, text, vm } from './fields.ts';

export const STORAGE_EVENTS = {
  'storage.pool': spec('Ceph: the pool is created (before its PGs are placed)', {
    kind: z.literal('ceph'), osds: count('OSDs, one per disk'), pgNum: count('placement groups'),
    size: count('copies per PG'), minSize: count('copies a PG needs for I/O'), objectSizeMiB: num('RBD object size'),
  }),
  'storage.place': spec('the initial copies of a replica set are placed', {
    set: set(), copies: z.array(diskLocation).describe('data copies'),
    witnesses: z.array(diskLocation).describe('vSAN witness components').optional(), policy: text('vSAN layout label').optional(),
  }),
  'storage.unplaced': spec('a replica set could not get all its initial copies', {
    set: set(), reason: reason(), replica: count('copies placed before the refusal').optional(),
    component: z.enum(['data', 'witness']).optional(), missing: count('components left unplaced').optional(),
  }),
  'storage.ready': spec('every volume is laid out', {
    kind: text('storage kind'), volumes: count('volumes'), sets: count('replica sets'),
    redundancy: z.array(z.object({ redundancy: count('copies that can fail before data is lost'), volumes: num('volumes\' worth of data (see replicaset.copies share)') }))
      .describe('the data at each full redundancy (wanted - needed copies), before any set is short; sets with no copy placed are not counted'),
    unplaced: z.array(z.string()).describe('replica sets laid out with no data copy at all (their volumes hold no data and cannot serve; storage.unplaced says why)'),
  }),
  'replica.absent.expire': spec('an absent copy\'s wait is over: it no longer counts and is replaced', { set: set(), host: host(), disk: disk() }),
  'replica.discard': spec('a returning copy is dropped (replaced meanwhile, or its set lost)', {
    set: set(), host: host(), disk: disk(), reason: reason('replaced | set lost'),
  }),
  'replica.destroy': spec('copies died with their disk', { set: set(), host: host(), disk: disk(), copies: count('copies destroyed') }),
  'replica.witness': spec('a vSAN witness is (re)created on a host', { set: set(), host: host(), from: host('host it moved off').optional() }),
  'replica.durability.create': spec('vSAN: a durability component is created for a component that went absent; it takes the writes that component misses', {
    set: set(), host: host(), disk: disk(), for: host('host of the absent component'),
  }),
  'replica.durability.drop': spec('vSAN: a durability component is deleted (merged into its returning component, or no longer useful)', {
    set: set(), host: host(), for: host('host of the component it served'),
    reason: z.enum(['merged', 'expired', 'host down', 'disk failed', 'component dropped', 'displaced'])
      .describe('merged | expired (repair timer: a rebuild takes over) | host down | disk failed | component dropped | displaced (a component was placed on its host)'),
  }),
  'replica.rebuild.blocked': spec('a set needs a copy but none can be made now (it retries when something returns)', { set: set(), reason: reason() }),
  'replica.rebuild.start': spec('a copy job starts reading (after waiting for its rebuild slots)', {
    set: set(), kind: copyKind, from: ids('source hosts'), to: host('target host'), disk: disk(), bytes: num('bytes to copy'),
    comparedBytes: num('a returning copy\'s data read and compared on both sides before the differences are sent (Longhorn delta rebuild)').optional(),
  }),
  'replica.rebuild.end': spec('a copy job finished: the target copy is current', {
    set: set(), kind: copyKind, to: host('target host'), disk: disk(), bytes: num('bytes copied'), durationMs: num('from start to end'),
  }),
  'replica.rebuild.supersede': spec('a copy returned while a rebuild was replacing it, and its resync sends fewer bytes: the rebuild stops and the copy resyncs (vSAN)', {
    set: set(), host: host('host of the returning copy'), disk: disk(), rebuildTo: host('target of the rebuild that stops'),
    rebuildLeftBytes: num('bytes the rebuild had still to send'), resyncBytes: num('bytes the resync sends'),
  }),
  'replica.rebuild.fail': spec('a running copy job was cancelled', {
    set: set(), kind: copyKind, to: host('target host'), disk: disk(), reason: reason(), sentBytes: num('bytes it had copied'),
  }),
  'replica.localise': spec('data locality (Nutanix DSF): a VM runs on a node without a copy of its disk; a background copy job (kind evacuate) builds one there from a remote copy, which is dropped when it is current', {
    set: set(), vm: vm(), from: host('the host whose copy moves (read, then dropped)'), to: host('the VM\'s host'), disk: disk(),
  }),
  'replica.move': spec('a local disk moved with its VM\'s live migration (drive-mirror): the copy is now on the target', {
    set: set(), from: host('the source host, whose copy is freed'), to: host('the target host'), disk: disk(),
  }),
  'replication.loss': spec('a VM recovered from an asynchronous replica (Proxmox ZFS replication) lost the writes since the last replication run', {
    vm: vm(), from: host('the failed host that held its disk'), to: host('the host it restarts on, which holds the replica'),
    lagMs: num('time from the last replication run to the failure, ms'), bytes: num('writes lost: lag x the VM\'s write rate'),
  }),
  'replicaset.lost': spec('a replica set lost its last copy with the newest data: lost for good', {
    set: set(), volumes: ids('volumes with data in it'),
  }),
  'replicaset.copies': spec('the copies holding some sets\' newest data changed while each holds other than its wanted number (and once when it holds that number again); a whole set emits nothing. One event per storage operation (a host leaving or returning, a disk failing, a copy finishing)', {
    sets: z.array(z.object({
      set: set(),
      copies: z.array(z.string()).describe('copies holding the newest data, as host/disk: current ones, and absent ones that miss no write (the set is not writable); empty once the set is lost'),
      away: z.array(z.string()).describe('data copies that do not hold the newest data (absent, or being rebuilt or resynced), as host/disk'),
      needed: count('copies needed to read the data (1 for mirrors, k for k+m erasure coding)'),
      wanted: count('data copies the policy asks for'),
      volumes: count('volumes with data in the set'),
      share: num('volumes\' worth of data in the set: 1 for a volume\'s own set, a PG\'s bytes over the mean volume size for Ceph'),
    })).describe('the sets that changed, in the order they changed'),
  }),
  'volume.health': spec('volumes changed health together, from `from` to `health` (a volume\'s health is the worst of its sets\': healthy < degraded < inaccessible < lost); one event per group of volumes one set change moved alike', {
    health, from: health,
    volumes: ids('the volumes, in id order; a volume\'s id is the id of the VM whose disk it is'),
  }),
} as const;
