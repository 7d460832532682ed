// A tiny real cluster as the model holds it, with no run: hosts and VMs from YAML through the real
// loader, every VM placed round-robin and running, storage laid out. Checker tests break it by hand.
import { buildWorld } from '../../sim/simulation.ts';
import type { World } from '../../sim/ops/world.ts';
import { policyFor } from '../../sim/storage/kinds.ts';
import { Storage } from '../../sim/storage/storage.ts';
import { scenarioFrom } from './scenario.ts';

export function worldOf(yaml: string): World {
  const scenario = scenarioFrom(yaml);
  const world = buildWorld(scenario, 1, true);
  const { cluster } = world;
  cluster.vmIds.forEach((id, i) => {
    const vm = cluster.vm(id);
    cluster.assign(vm, cluster.hostIds[i % cluster.hostIds.length]);
    cluster.setVmStatus(vm, 'running');
  });
  const policy = policyFor(scenario.parameters.storage.kind);
  if (policy) {
    world.storage = new Storage(world, policy);
    world.storage.init();
  }
  return world;
}

export const smallCluster = (storage = 'longhorn', platform = 'harvester') => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 3, cores: 16, memoryGiB: 64, nicGbps: 10, disks: { count: 2, sizeTiB: 1 } }]
vms: [{ group: v, count: 3, vcpus: 2, memoryGiB: 8, diskGiB: 20, antiAffinity: web }]
storage: { kind: ${storage}, replicas: ${storage === 'local' ? 1 : 3} }
`;
