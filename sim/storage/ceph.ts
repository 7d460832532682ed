// Ceph RBD under Cinder (OpenStack's usual volume backend, platform-facts §5.3): one OSD per disk,
// one replicated pool of size `storage.replicas` (3) and min_size 2, its pg_num from the PG
// calculator. The replica sets are the pool's placement groups, mapped to OSDs in distinct failure
// domains by CRUSH straw2 (ceph-crush.ts); volumes are striped over them (ceph-rbd.ts). A down OSD is
// marked out after mon_osd_down_out_interval (repairDelay, 600 s) and its PGs backfill from their
// primaries to their new CRUSH choices, at most osd_max_backfills per OSD each way and at the OSDs'
// mClock recovery rate (ceph-recovery.ts), so a failed disk
// or host is re-replicated by many OSDs to many OSDs at once (declustered recovery). Planned
// maintenance runs under noout: nothing moves, returning OSDs recover what they missed; a host's
// OSDs stop only when `ceph osd ok-to-stop` allows it (ceph-ok-to-stop.ts).
import { crushChoose, crushMap, osdsOf, pgNum, type CrushMap, type Osd } from './ceph-crush.ts';
import { OkToStop } from './ceph-ok-to-stop.ts';
import { osdRecoveryMiBps } from './ceph-recovery.ts';
import { stripe } from './ceph-rbd.ts';
import { hostsById } from './host-view.ts';
import type { PolicyContext, Slot, SourceRead, StoragePolicy } from './policy.ts';
import type { StorageState } from './state.ts';
import type { Copy, ReplicaSet, Target } from './types.ts';

const MiB = 2 ** 20;


/** A backfill read from the PG's primary; the OSD (disk) rides along for its reservation. */
interface OsdRead extends SourceRead {
  disk: number;
}

/** The pool's size and min_size (Ceph lowers min_size to size when size is set below it: OSDMonitor.cc). */
function pool(ctx: PolicyContext): { size: number; minSize: number } {
  const size = Math.max(1, ctx.params.storage.replicas);
  return { size, minSize: Math.min(Math.max(1, ctx.params.policies.storage.ceph.minSize), size) };
}

const pgOf = (set: ReplicaSet) => Number(set.name.slice('pg-'.length));

export const cephPolicy: StoragePolicy = {
  kind: 'ceph',

  layout(ctx, volumes) {
    const ceph = ctx.params.policies.storage.ceph;
    const { size, minSize } = pool(ctx);
    const osds = osdsOf(ctx);
    const map = crushMap(osds);
    const okToStop = new OkToStop(new Map(ctx.hosts.map((h, i) => [h.id, i])), minSize);
    runs.set(ctx.state, { minSize, map, domainOfHost: new Map(osds.map((o) => [o.host, o.domain])), okToStop });
    const pgs = pgNum(osds.length, size, ceph.pgsPerOsd);
    if (volumes.some((v, i) => ctx.state.volumeIds[i] !== v.id)) throw new Error('ceph layout: volumes must come in the order of the state');
    const contents = stripe(volumes, pgs, ceph.objectSizeMiB * MiB, ctx.state.sets.length);
    ctx.state.relate(contents.relation);
    ctx.record('storage.pool', { kind: 'ceph', osds: osds.length, pgNum: pgs, size, minSize, objectSizeMiB: ceph.objectSizeMiB });
    const up = (osd: Osd) => ctx.hosts[osd.hostIndex].usable && !ctx.state.disk(osd.host, osd.disk).failed;
    for (let pg = 0; pg < pgs; pg++) {
      const set = ctx.state.createSet({
        name: `pg-${pg}`, bytes: contents.bytes[pg], wantedData: size, dataNeeded: 1, witnesses: 0, writeBytesPerSec: contents.writeBytesPerSec[pg],
      });
      const chosen = crushChoose(pg, map, size, new Set(), up);
      for (const osd of chosen) ctx.state.addCopy(set, osd.host, osd.disk, 'current');
      if (chosen.length < size) {
        // CRUSH found too few failure domains: the PG runs undersized from the start.
        ctx.record('storage.unplaced', { set: set.name, replica: chosen.length, reason: `only ${chosen.length} failure domains with an OSD up` });
      }
      ctx.record('storage.place', { set: set.name, copies: chosen.map((o) => ({ host: o.host, disk: o.disk })) });
    }
  },

  /** I/O blocks on a PG with fewer than min_size copies (§5.3). */
  accessible: (set, state) => state.current(set).length >= (runs.get(state)?.minSize ?? set.wantedData),

  target(ctx, set, avoid) {
    return crushTarget(ctx, set, avoid);
  },

  /** Backfill and recovery are driven by the PG's primary: the first current copy in acting order. */
  sources(ctx, set, bytes) {
    const primary = ctx.state.current(set)[0];
    if (!primary) return [];
    const read: OsdRead = { host: primary.host, bytes, disk: primary.disk };
    return [read];
  },

  /**
   * With racks as failure domains, a PG's replacement may have gone into the rack of a copy that was
   * out; when that copy returns, CRUSH maps the PG back to it and one of the two is surplus in the
   * rack (a stray once the PG is clean).
   */
  returnConflict(ctx, set, copy) {
    const rack = hostsById(ctx.hosts).get(copy.host)?.rack;
    if (rack === undefined) return undefined;
    return set.copies.find(
      (c) => c !== copy && !c.witness && (c.state === 'current' || c.state === 'building') && hostsById(ctx.hosts).get(c.host)?.rack === rack,
    );
  },

  /** mon_osd_down_out_interval; with noout set for planned maintenance the OSD is never marked out. */
  replaceDelayMs(ctx, cause) {
    if (cause === 'maintenance' && ctx.params.policies.storage.ceph.nooutDuringMaintenance) return Infinity;
    return ctx.params.policies.storage.repairDelay * 1000;
  },

  /** A failed disk's OSD goes down like any other and is marked out after the same interval. */
  destroyedDelayMs: (ctx) => ctx.params.policies.storage.repairDelay * 1000,

  /** noout: nothing to move before the host goes. */
  beforeMaintenance: () => ({ evacuate: [] }),

  slots(ctx, target, sources) {
    return backfillReservations(ctx, target, sources);
  },

  /** A backfill or log recovery runs at the slower of its two OSDs' recovery rates (ceph-recovery.ts). */
  streamMiBps(ctx, target, sources) {
    let rate = osdRecoveryMiBps(ctx, ctx.state.disk(target.host, target.disk).class);
    for (const s of sources) {
      const disk = isOsdRead(s) ? s.disk : sourceDisk(ctx, target, s.host);
      if (disk !== undefined) rate = Math.min(rate, osdRecoveryMiBps(ctx, ctx.state.disk(s.host, disk).class));
    }
    return rate;
  },

  setChanged(ctx, set) {
    runs.get(ctx.state)?.okToStop.setChanged(set);
  },

  /** `ceph osd ok-to-stop` for the host's OSDs (ceph-ok-to-stop.ts), when the profile checks it. */
  stopRefusal(ctx, host) {
    const run = runs.get(ctx.state);
    if (!run || !ctx.params.policies.storage.ceph.okToStop) return undefined;
    const sets = run.okToStop.blockedBy(host);
    if (sets === 0) return undefined;
    return { reason: `storage: ceph osd ok-to-stop refuses ${host}: PGs with a copy there would fall below min_size ${run.minSize}`, sets };
  },
};

/**
 * What layout works out once per run: the pool's min_size (`accessible` gets the state but not the
 * parameters), the CRUSH tree, and each host's failure domain (so a target costs a few lookups, not
 * a map over every host). Filed under the run's StorageState (a WeakMap: nothing outlives the run).
 */
interface CephRun {
  minSize: number;
  map: CrushMap;
  domainOfHost: ReadonlyMap<string, string>;
  okToStop: OkToStop;
}
const runs = new WeakMap<StorageState, CephRun>();

/**
 * The PG's CRUSH choice for one more copy: the first draw in the PG's sequence that lands on an OSD
 * up and in (host usable, disk working, no copy of the PG on the host), outside the failure domains
 * its copies hold. Because the sequence is fixed per PG, this is where CRUSH remaps the copy of an
 * OSD marked out: no other copy moves. A copy absent through failure is on an OSD marked out by
 * now (the engine asks only after the wait), so it no longer holds its rack; one absent under noout
 * is still in and does. `ctx.hosts` lists the hosts in the order osdsOf numbered them, so an OSD's
 * host is looked up by index, not searched for.
 */
function crushTarget(ctx: PolicyContext, set: ReplicaSet, avoid: readonly string[]): Target {
  const run = runs.get(ctx.state);
  if (!run) throw new Error('ceph target before layout');
  const usedDomains = new Set<string>();
  for (const c of set.copies) if (!(c.state === 'absent' && c.absentCause === 'failure')) usedDomains.add(run.domainOfHost.get(c.host) ?? c.host);
  const up = (osd: Osd) => ctx.hosts[osd.hostIndex].usable && !avoid.includes(osd.host) && !ctx.state.disk(osd.host, osd.disk).failed;
  const [best] = crushChoose(pgOf(set), run.map, 1, usedDomains, up);
  if (!best) return { refused: `no OSD up and in outside the failure domains of ${set.name}` };
  const disk = ctx.state.disk(best.host, best.disk);
  // mon_osd_backfillfull_ratio: an OSD this full refuses backfill and the PG waits in backfill_toofull.
  const ratio = ctx.params.policies.storage.ceph.backfillFullRatio;
  if (disk.usedBytes + set.bytes > disk.capacityBytes * ratio) {
    return { refused: `backfill_toofull: osd ${best.host}/${best.disk} above backfillfull ratio ${ratio}` };
  }
  return { host: best.host, disk: best.disk };
}

/**
 * osd_max_backfills limits backfills out of and into each OSD separately: the primary takes a local
 * reservation on its OSD, the target a remote one on its own (docs.ceph.com dev/osd_internals/
 * backfill_reservation: "this limit is applied separately to incoming and to outgoing backfill").
 */
function backfillReservations(ctx: PolicyContext, target: { host: string; disk: number }, sources: readonly SourceRead[]): Slot[] {
  const limit = ctx.params.policies.storage.ceph.osdMaxBackfills;
  const slots: Slot[] = [{ key: `osd:${target.host}/${target.disk}:in`, limit }];
  for (const s of sources) {
    const disk = isOsdRead(s) ? s.disk : sourceDisk(ctx, target, s.host);
    slots.push({ key: `osd:${s.host}/${disk ?? '?'}:out`, limit });
  }
  return slots;
}

const isOsdRead = (s: SourceRead): s is OsdRead => typeof (s as Partial<OsdRead>).disk === 'number';

/** A source without its disk: the PG's copy on that host (copies of a PG never share a host). */
function sourceDisk(ctx: PolicyContext, target: { host: string; disk: number }, host: string): number | undefined {
  const setId = (target as Partial<Copy>).setId;
  return setId === undefined ? undefined : ctx.state.sets[setId]?.copies.find((c) => c.host === host)?.disk;
}
