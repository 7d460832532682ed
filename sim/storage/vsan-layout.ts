// The shape of a vSAN object and where its components may go. A storage policy fixes how many
// components an object has (RAID-1 mirrors plus witnesses, or RAID-5/6 data-and-parity stripes), how
// many hosts (fault domains) it needs, and how many current components make it readable. Every
// component of an object sits in its own fault domain: a host, or the host's rack when racks are
// given (vSAN treats a host outside any configured fault domain as a fault domain of its own).
// Components balance by free capacity like vSAN's placement (disks.ts chooseDisk), exact ties broken
// at random.
import type { Parameters } from '../platforms/parameters.ts';
import { chooseDisk, type DiskChoice } from './disks.ts';
import type { PolicyContext } from './policy.ts';
import type { StorageState } from './state.ts';
import type { Disk, ReplicaSet, Target } from './types.ts';

export interface VsanShape {
  /** Human name of the policy, as vSAN's UI writes it. */
  label: string;
  ftt: number;
  /** Data components (mirrors, or stripes of data and parity). */
  data: number;
  /** Current data components needed to read the object (1 for mirrors, k for k+m). */
  dataNeeded: number;
  witnesses: number;
  /** Fault domains the policy needs to be compliant. */
  minFaultDomains: number;
}

/**
 * The object shape of `policies.storage.vsan.layout` (platform-facts §3.1). RAID-1 keeps FTT+1 =
 * `storage.replicas` mirrors and FTT witnesses, so the votes are 2 FTT + 1 and the object needs
 * 2 FTT + 1 hosts; FTT=0 is one component (RAID-0). RAID-5 is OSA's 3+1 (FTT=1, 4 hosts), RAID-6 is
 * 4+2 (FTT=2, 6 hosts); `storage.replicas` does not apply to them. ESA's adaptive RAID-5 (2+1 below
 * 6 hosts) is not modelled. vSAN allows at most FTT=3; larger `replicas` are modelled as written.
 */
export function vsanShape(params: Parameters): VsanShape {
  const layout = params.policies.storage.vsan.layout;
  if (layout === 'raid5') return { label: 'RAID-5 (3+1) FTT=1', ftt: 1, data: 4, dataNeeded: 3, witnesses: 0, minFaultDomains: 4 };
  if (layout === 'raid6') return { label: 'RAID-6 (4+2) FTT=2', ftt: 2, data: 6, dataNeeded: 4, witnesses: 0, minFaultDomains: 6 };
  const ftt = Math.max(0, params.storage.replicas - 1);
  const label = ftt === 0 ? 'RAID-0 FTT=0' : `RAID-1 FTT=${ftt}`;
  return { label, ftt, data: ftt + 1, dataNeeded: 1, witnesses: ftt, minFaultDomains: 2 * ftt + 1 };
}

/** Each host's fault domain: its rack, or the host itself when it has none. */
export function faultDomains(ctx: PolicyContext): ReadonlyMap<string, string> {
  let domains = domainsOf.get(ctx.hosts);
  if (!domains) {
    domains = new Map(ctx.hosts.map((h) => [h.id, h.rack === undefined ? `host:${h.id}` : `rack:${h.rack}`]));
    domainsOf.set(ctx.hosts, domains);
  }
  return domains;
}

/** Built once per host list (lists are replaced, never mutated), not once per placement. */
const domainsOf = new WeakMap<PolicyContext['hosts'], Map<string, string>>();

/**
 * vSAN's quorum rule (platform-facts §3.2, object states): an object is accessible while more than
 * half of its votes are present and enough data components are current to read it. Every component
 * and witness carries one vote; the total is the policy's full component count, so an object that
 * could not place all its components starts with less slack.
 */
export function quorate(set: ReplicaSet, currentData: number, currentWitnesses: number): boolean {
  const votes = currentData + currentWitnesses;
  return currentData >= set.dataNeeded && 2 * votes > set.wantedData + set.witnesses;
}

export function currentWitnesses(set: ReplicaSet): number {
  return set.copies.filter((c) => c.witness && c.state === 'current').length;
}

export function vsanAccessible(set: ReplicaSet, state: StorageState): boolean {
  return quorate(set, state.current(set).length, currentWitnesses(set));
}

/**
 * A disk for one new component of `set`: on a usable host outside `avoid`, in a fault domain holding
 * no component of the object, present or absent. An absent component keeps its fault domain because
 * it may come back; so with exactly 2 FTT + 1 fault domains nothing can be rebuilt or evacuated until
 * it does, which is vSAN's rule: Ensure accessibility is the only maintenance option on a three-host
 * cluster or one with three fault domains (vSAN 8 admin, "Place a Member of vSAN Cluster in
 * Maintenance Mode"). The size checked is `bytes`: a data component's by default, 0 for a witness (a
 * few MB of metadata) or a durability component (it starts empty and takes only the writes its
 * partner misses). Objects over 255 GB are split into several components in real vSAN (§3.1);
 * that split is left out.
 */
export function vsanTarget(ctx: PolicyContext, set: ReplicaSet, avoid: readonly string[], bytes = set.bytes / set.dataNeeded): Target {
  return chooseDisk({ ...ctx, hosts: shuffled(ctx) }, componentChoice(ctx, set, avoid, bytes));
}

/**
 * Whether vsanTarget would find a place, and if not why, without placing anything: it draws no
 * random number (the host order only breaks ties, so it cannot change whether a disk exists, nor
 * the refusal's counts), so checking never shifts the placements that follow.
 */
export function vsanCanPlace(ctx: PolicyContext, set: ReplicaSet, avoid: readonly string[], bytes = set.bytes / set.dataNeeded): Target {
  return chooseDisk(ctx, componentChoice(ctx, set, avoid, bytes));
}

function componentChoice(ctx: PolicyContext, set: ReplicaSet, avoid: readonly string[], bytes: number): DiskChoice {
  const domains = faultDomains(ctx);
  // A durability component only borrows a spare fault domain: a component placed there displaces it.
  const borrowed = set.copies.filter((c) => c.durability).map((c) => c.host);
  if (borrowed.length > 0) avoid = avoid.filter((h) => !borrowed.includes(h));
  const held = new Set(set.copies.filter((c) => !c.durability).map((c) => domains.get(c.host)));
  const accepts = (disk: Disk, bytes: number): string | undefined => {
    if (held.has(domains.get(disk.host))) return 'fault domain holds a component';
    // No slack reserve: vSAN 7.0U1+ operations and host-rebuild reserves are off by default (§3.4).
    return disk.usedBytes + bytes <= disk.capacityBytes ? undefined : 'disk full';
  };
  return { avoid, bytes, accepts };
}

/**
 * The hosts in a random order from the `storage` stream, so that chooseDisk breaks ties in free space
 * at random rather than by host id. With equal volumes on equal disks ties are the rule, and breaking
 * them by id pairs hosts (every object with a replica on esx-02 mirrored on esx-01), whereas vSAN
 * spreads the mirrors of one host's components over all the others; which pairs of hosts share
 * objects is what decides whether a second failure loses data.
 */
function shuffled(ctx: PolicyContext): PolicyContext['hosts'] {
  const hosts = [...ctx.hosts];
  for (let i = hosts.length - 1; i > 0; i--) {
    const j = Math.floor(ctx.random() * (i + 1));
    [hosts[i], hosts[j]] = [hosts[j], hosts[i]];
  }
  return hosts;
}
