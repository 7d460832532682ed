import { describe, expect, it } from 'vitest';
import { checkVmLocation } from '../../sim/invariants/vm-location.ts';
import { buildWorld } from '../../sim/simulation.ts';
import { scenarioFrom } from '../support/scenario.ts';

const text = `
name: inv
platform: vsphere
hosts: [{ group: h, count: 3 }]
vms: [{ group: ora, count: 1 }]
rules: [{ name: licence, kind: vmHost, vms: "ora-*", hosts: [h-01] }]
`;

describe('the VM location checker', () => {
  it('fires when a VM sits on a host its must rule excludes, and not on an allowed one', () => {
    const world = buildWorld(scenarioFrom(text), 1);
    const vm = world.cluster.vm('ora-001');
    world.cluster.assign(vm, 'h-01');
    world.cluster.setVmStatus(vm, 'running');
    expect(checkVmLocation(world)).toBeUndefined();
    world.cluster.assign(vm, 'h-02');
    expect(checkVmLocation(world)).toBe('ora-001 is on h-02, outside its VM-host must rule');
  });
});
