// Placement after random sequences of cluster changes: the running totals (HA reservations,
// in-service capacity, anti-affinity counts) always equal a recount from every record, and place()
// decides exactly as the scanning reference algorithm does, with a bounded record whose counts,
// best candidates and refusal line agree with the full lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster, type HostStatus, type VmStatus } from '../../sim/model/cluster.ts';
import { PLACEMENT_TOP_K } from '../../sim/placement/decision.ts';
import { place, refusalReason } from '../../sim/placement/place.ts';
import { scenarioFrom } from '../support/scenario.ts';
import { referencePlace, referenceRefusal } from '../placement/reference.ts';

const VM_STATUSES: VmStatus[] = ['running', 'migrating', 'paused', 'stopping', 'stopped', 'down', 'booting', 'unplaced'];
const HOST_STATUSES: HostStatus[] = ['up', 'up', 'draining', 'maintenance', 'failed'];

function cluster(hosts: number, vms: number, platform: string): Cluster {
  const s = scenarioFrom(`
name: prop
platform: ${platform}
hosts:
  - { group: h, count: ${hosts}, cores: 16, memoryGiB: 96 }
vms:
  - { group: v, count: ${vms}, vcpus: 4, memoryGiB: 16, memoryReservationGiB: 8 }
  - { group: a, count: 3, vcpus: 2, memoryGiB: 4, antiAffinity: grp }
`);
  return new Cluster(s, s.parameters);
}

const arbOp = fc.record({
  kind: fc.constantFrom('place', 'unassign', 'vmStatus', 'hostStatus', 'reserve', 'release'),
  vm: fc.nat(),
  host: fc.nat(),
  status: fc.nat(),
  admission: fc.boolean(),
  explain: fc.boolean(),
  exclude: fc.boolean(),
});

type Op = typeof arbOp extends fc.Arbitrary<infer T> ? T : never;

function apply(c: Cluster, op: Op, reserved: Map<string, string>): void {
  const vm = c.vm(c.vmIds[op.vm % c.vmIds.length]);
  const host = c.hostList[op.host % c.hostList.length];
  if (op.kind === 'place' && vm.host === undefined) {
    const d = place({ cluster: c, admission: op.admission }, vm);
    if (d.host !== undefined) {
      c.assign(vm, d.host);
      c.setVmStatus(vm, 'running');
    }
  } else if (op.kind === 'unassign' && !reserved.has(vm.id)) {
    c.unassign(vm);
    c.setVmStatus(vm, 'unplaced');
  } else if (op.kind === 'vmStatus') c.setVmStatus(vm, VM_STATUSES[op.status % VM_STATUSES.length]);
  else if (op.kind === 'hostStatus') c.setHostStatus(host, HOST_STATUSES[op.status % HOST_STATUSES.length]);
  else if (op.kind === 'reserve' && !reserved.has(vm.id) && vm.host !== host.id) {
    c.reserve(vm, host.id);
    reserved.set(vm.id, host.id);
  } else if (op.kind === 'release' && reserved.has(vm.id)) {
    c.release(vm, reserved.get(vm.id)!);
    reserved.delete(vm.id);
  }
}

/** place() against the reference for one VM in the current state. */
function expectSameDecision(c: Cluster, op: Op): void {
  const vm = c.vm(c.vmIds[(op.vm * 7 + 3) % c.vmIds.length]);
  const exclude = op.exclude ? c.hostIds[op.host % c.hostIds.length] : undefined;
  const ref = referencePlace(c, vm, op.admission, exclude === undefined ? [] : [exclude]);
  const d = place({ cluster: c, admission: op.admission, explain: () => op.explain }, vm, { exclude });
  expect(d.host).toBe(ref.host);
  expect(d.feasibleCount).toBe(ref.candidates.length);
  const best = [...ref.candidates].sort((a, b) => b.score - a.score || (a.host < b.host ? -1 : 1)).slice(0, PLACEMENT_TOP_K);
  expect(d.candidates.map(({ host, score }) => ({ host, score }))).toEqual(best);
  const counts = new Map<string, number>();
  for (const r of ref.rejected) counts.set(r.reason.split(':')[0], (counts.get(r.reason.split(':')[0]) ?? 0) + 1);
  expect(new Map(d.rejectedByReason.map((g) => [g.kind, g.count]))).toEqual(counts);
  for (const g of d.rejectedByReason) expect(ref.rejected.find((r) => r.host === g.host)?.reason).toBe(g.reason);
  if (ref.host === undefined) expect(refusalReason(d)).toBe(referenceRefusal(ref));
  const full = c.hostList.length <= 64 || op.explain;
  expect(d.candidatesAll?.map(({ host, score }) => ({ host, score }))).toEqual(full ? ref.candidates : undefined);
  expect(d.rejected).toEqual(full ? ref.rejected : undefined);
}

describe('placement properties', () => {
  it('running totals equal a recount, and place() decides as the scanning reference, after any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(3, 4, 7, 66),
        fc.integer({ min: 4, max: 30 }),
        fc.constantFrom('vsphere', 'openstack', 'harvester'),
        fc.array(arbOp, { minLength: 1, maxLength: 60 }),
        (hosts, vms, platform, ops) => {
          const c = cluster(hosts, vms, platform);
          const reserved = new Map<string, string>();
          for (const op of ops) {
            apply(c, op, reserved);
            expect(c.books()).toEqual(c.recount());
            expectSameDecision(c, op);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
