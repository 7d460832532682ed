// Each state checker holds on a sound cluster and fires on one broken by hand: a checker that
// always said "ok" fails here.
import { describe, expect, it } from 'vitest';
import { antiAffinity, capacity, copyCount, copyPlacement, hostsOut, network, storageBooks, vmPlacement } from '../../sim/invariants/index.ts';
import type { World } from '../../sim/ops/world.ts';
import { smallCluster, worldOf } from '../support/world.ts';

describe('state checkers fire on a broken state', () => {
  it('vmPlacement: a VM that is not migrating but holds a reservation (a migration that forgot to release it)', () => {
    const world = worldOf(smallCluster());
    expect(vmPlacement.check(world)).toBeUndefined();
    const vm = world.cluster.vm('v-001');
    world.cluster.reserve(vm, 'h-02');
    expect(vmPlacement.check(world)?.message).toBe('v-001 is running on h-01 and holds 1 reservation (h-02), expected 0 on another host');
  });

  it('vmPlacement: a migrating VM without a reservation, and a VM listed by a host it is not assigned to', () => {
    const world = worldOf(smallCluster());
    world.cluster.setVmStatus(world.cluster.vm('v-002'), 'migrating');
    expect(vmPlacement.check(world)?.message).toMatch(/^v-002 is migrating on h-02 and holds 0 reservations/);
    const other = worldOf(smallCluster());
    other.cluster.host('h-03').vms.push('v-001');
    expect(vmPlacement.check(other)?.message).toBe('h-03 lists v-001, which is assigned to h-01');
  });

  it('hostsOut: a VM still running on a failed host and on a host in maintenance', () => {
    const world = worldOf(smallCluster());
    expect(hostsOut.check(world)).toBeUndefined();
    world.cluster.setHostStatus(world.cluster.host('h-02'), 'draining');
    expect(hostsOut.check(world)).toBeUndefined();
    world.cluster.setHostStatus(world.cluster.host('h-02'), 'maintenance');
    expect(hostsOut.check(world)).toMatchObject({ message: 'v-002 is running on h-02, which is maintenance', state: { host: { id: 'h-02', vms: ['v-002'] } } });
    world.cluster.setHostStatus(world.cluster.host('h-02'), 'failed');
    expect(hostsOut.check(world)?.message).toBe('v-002 is running on h-02, which is failed');
  });

  it('antiAffinity: two VMs of one group on one host, also when one of them is only migrating there', () => {
    const world = worldOf(smallCluster());
    expect(antiAffinity.check(world)).toBeUndefined();
    const { cluster } = world;
    cluster.reserve(cluster.vm('v-002'), 'h-01');
    expect(antiAffinity.check(world)?.message).toBe('h-01 holds v-001 and v-002, both in anti-affinity group web');
    cluster.release(cluster.vm('v-002'), 'h-01');
    cluster.setVmStatus(cluster.vm('v-001'), 'down');
    cluster.assign(cluster.vm('v-002'), 'h-01');
    expect(antiAffinity.check(world)).toBeUndefined(); // a VM that is down serves nowhere
  });

  it('capacity: a host filled past its allocatable memory, and books that disagree with the VMs', () => {
    const world = worldOf(smallCluster('local', 'vsphere').replace('count: 3, vcpus: 2, memoryGiB: 8', 'count: 6, vcpus: 2, memoryGiB: 20').replace(', antiAffinity: web', ''));
    const { cluster } = world;
    // 64 GiB hosts, no memory overcommit on vSphere: two 20 GiB VMs each fit; a fourth does not.
    expect(capacity.check(world)).toBeUndefined();
    cluster.assign(cluster.vm('v-005'), 'h-01');
    expect(capacity.check(world)?.message).toMatch(/^h-01: \d+ MiB placed, allocatable \d+$/);
    const books = worldOf(smallCluster());
    (books.cluster.host('h-03') as { usedMiB: number }).usedMiB += 1;
    expect(capacity.check(books)?.message).toMatch(/^h-03: books say \d+ MiB \/ 2 vCPUs, its VMs add up to \d+ MiB \/ 2$/);
  });

  it('network: a NIC direction loaded past its capacity', () => {
    const world = worldOf(smallCluster());
    expect(network.check(world)).toBeUndefined();
    const link = { host: 'h-01', network: 'main', direction: 'out', loadBytesPerSec: 1.3e9, capacityBytesPerSec: 1.25e9 };
    const overloaded = { ...world, network: { links: () => [link] } } as unknown as World;
    expect(network.check(overloaded)?.message).toBe('h-01 main out: 1300000000 B/s over capacity 1250000000');
  });

  it('copyPlacement: two copies of a volume on one host, and (Ceph) two in one rack', () => {
    const world = worldOf(smallCluster());
    expect(copyPlacement.check(world)).toBeUndefined();
    const set = world.storage!.state.sets[0];
    set.copies[1].host = set.copies[0].host;
    expect(copyPlacement.check(world)?.message).toMatch(/^v-001 has two copies on one host: (h-\d\d), \1, h-\d\d$/);
    // Four racks of one host: after two copies' hosts share a rack, three racks are left for three copies.
    const racked = smallCluster('ceph', 'openstack').replace(
      /hosts: \[.*\]/,
      `hosts: [${[1, 2, 3, 4].map((r) => `{ group: r${r}, count: 1, rack: r${r}, cores: 16, memoryGiB: 64, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }`).join(', ')}]`,
    );
    const ceph = worldOf(racked);
    expect(copyPlacement.check(ceph)).toBeUndefined();
    const pg = ceph.storage!.state.sets.find((s) => s.copies.length === 3)!;
    (ceph.cluster.host(pg.copies[1].host).spec as { rack?: string }).rack = ceph.cluster.host(pg.copies[0].host).spec.rack;
    expect(copyPlacement.check(ceph)?.message).toMatch(/ has two copies in one rack: /);
  });

  it('copyCount: a set with one current copy more than its policy asks for', () => {
    const world = worldOf(smallCluster('vsan', 'vsphere'));
    expect(copyCount.check(world)).toBeUndefined();
    const set = world.storage!.state.sets[0];
    const data = set.copies.filter((c) => !c.witness);
    set.copies.push({ ...data[0], id: 999, host: 'h-x' });
    expect(copyCount.check(world)?.message).toBe(`v-001 has ${data.length + 1} current copies, policy asks for ${set.wantedData}`);
  });

  it("storageBooks: a copy the engine's placement index does not know", () => {
    const world = worldOf(smallCluster());
    expect(storageBooks.check(world)).toBeUndefined();
    const set = world.storage!.state.sets[0];
    set.copies.push({ ...set.copies[0], id: 999, disk: 1 });
    expect(storageBooks.check(world)?.message).toMatch(/^placement index misses v-001 on h-\d\d$/);
  });
});
