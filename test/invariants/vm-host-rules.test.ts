import { describe, expect, it } from 'vitest';
import { vmHostRules } from '../../sim/invariants/vm-host-rules.ts';
import { buildWorld } from '../../sim/simulation.ts';
import { scenarioFrom } from '../support/scenario.ts';

const text = `
name: inv
platform: vsphere
hosts: [{ group: h, count: 3 }]
vms: [{ group: ora, count: 1 }]
rules: [{ name: licence, kind: vmHost, vms: "ora-*", hosts: [h-01] }]
`;

describe('the VM-host must-rule checker', () => {
  it('fires when a VM sits on a host its must rule excludes, and not on an allowed one', () => {
    const world = buildWorld(scenarioFrom(text), 1);
    const vm = world.cluster.vm('ora-001');
    world.cluster.assign(vm, 'h-01');
    world.cluster.setVmStatus(vm, 'running');
    expect(vmHostRules.check(world)).toBeUndefined();
    world.cluster.assign(vm, 'h-02');
    expect(vmHostRules.check(world)?.message).toBe('ora-001 is on h-02, outside its VM-host must rule (h-01)');
  });
});
