import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { leafPaths, profileFor } from '../../sim/platforms/index.ts';
import { ACTIONS, scenarioFileSchema, scenarioJsonSchema } from '../../sim/scenario/schema.ts';

type Json = Record<string, any>;
const schema = scenarioJsonSchema() as Json;

describe('scenarios/schema.json', () => {
  it('is up to date with the zod schema (regenerate with npm run schema)', () => {
    const committed = readFileSync('scenarios/schema.json', 'utf8');
    expect(committed).toBe(JSON.stringify(schema, null, 2) + '\n');
  });

  it('requires only name and platform and rejects unknown keys', () => {
    expect(schema.required).toEqual(['name', 'platform']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('lets a duration be a number of seconds or a string with a unit pattern', () => {
    const until = schema.properties.until;
    expect(until.anyOf.map((o: Json) => o.type)).toEqual(['number', 'string']);
    expect(new RegExp(until.anyOf[1].pattern).test('1.5h')).toBe(true);
    expect(new RegExp(until.anyOf[1].pattern).test('5x')).toBe(false);
  });

  it('gives enums as enums and every field a description', () => {
    expect(schema.properties.platform.enum).toEqual(['vsphere', 'harvester', 'openstack', 'baremetal', 'proxmox', 'nutanix', 'openshift']);
    const undescribed: string[] = [];
    const walk = (node: Json, path: string) => {
      for (const [key, child] of Object.entries<Json>(node.properties ?? {})) {
        if (key !== 'do' && !child.description) undescribed.push(`${path}${key}`);
        walk(child, `${path}${key}.`);
        if (child.items) walk(child.items, `${path}${key}[].`);
        for (const option of child.items?.oneOf ?? []) walk(option, `${path}${key}[].`);
      }
    };
    walk(schema, '');
    expect(undescribed).toEqual([]);
  });

  it('offers one schedule variant per action', () => {
    const variants = schema.properties.schedule.items.oneOf.map((o: Json) => o.properties.do.const);
    expect(variants).toEqual([...ACTIONS]);
  });

  it('includes every parameter leaf as optional', () => {
    const defaults = profileFor('vsphere').defaults;
    for (const path of leafPaths(defaults)) {
      let node: Json = schema;
      for (const key of path.split('.')) node = node.properties?.[key];
      expect(node, path).toBeDefined();
    }
    expect(schema.properties.policies.required).toBeUndefined();
  });

  it('applies the spec example defaults to host and VM groups', () => {
    const file = scenarioFileSchema.parse({ name: 'x', platform: 'openstack', hosts: [{}], vms: [{}] });
    expect(file.hosts[0]).toEqual({ group: 'host', count: 1, cores: 32, coreGHz: 2.6, memoryGiB: 512, nicGbps: 25, disks: { count: 4, sizeTiB: 3.84 } });
    expect(file.vms[0]).toEqual({ group: 'vm', count: 1, vcpus: 4, memoryGiB: 16, cpuUtilization: 0.4, dirtyRateMiBps: 40, workingSetGiB: 2, diskGiB: 100, diskWriteMiBps: 1 });
    expect(file.seed).toBe(1);
  });
});
