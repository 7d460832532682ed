import { describe, it, expect } from 'vitest';
import { PLATFORMS, STORAGE_KINDS } from '../../sim/platforms/parameters.ts';
import { PROFILES, leafPaths, profileFor, valueAt } from '../../sim/platforms/index.ts';

describe('platform profiles', () => {
  it('come in PLATFORMS order and profileFor finds each by name', () => {
    expect(PROFILES.map((p) => p.name)).toEqual([...PLATFORMS]);
    for (const name of PLATFORMS) expect(profileFor(name).name).toBe(name);
  });

  it('all have the same parameter leaves', () => {
    const reference = leafPaths(PROFILES[0].defaults);
    expect(reference.length).toBeGreaterThan(40);
    for (const p of PROFILES) expect(leafPaths(p.defaults), p.name).toEqual(reference);
  });

  it('give every leaf a non-empty source and no source for a path that does not exist', () => {
    for (const p of PROFILES) {
      const paths = leafPaths(p.defaults);
      for (const path of paths) {
        expect(p.sources[path]?.trim() ?? '', `${p.name} ${path}`).not.toBe('');
      }
      expect(Object.keys(p.sources).sort(), p.name).toEqual(paths);
    }
  });

  it('give every leaf a value of a JSON type, and only perVmMemoryMiB may be null', () => {
    for (const p of PROFILES) {
      for (const path of leafPaths(p.defaults)) {
        const value = valueAt(p.defaults, path);
        if (value === null) expect(path).toBe('overhead.perVmMemoryMiB');
        else expect(['number', 'string', 'boolean'], `${p.name} ${path}`).toContain(typeof value);
        if (typeof value === 'number') expect(Number.isFinite(value) && value >= 0, `${p.name} ${path}`).toBe(true);
      }
    }
  });

  it('use the storage each platform defaults to in the scenario format', () => {
    const kinds = PROFILES.map((p) => p.defaults.storage.kind);
    expect(kinds).toEqual(['vsan', 'longhorn', 'ceph', 'local', 'ceph', 'dsf', 'ceph']);
    for (const kind of kinds) expect(STORAGE_KINDS).toContain(kind);
  });

  it('give bare metal no live migration, no HA and no overhead', () => {
    const { overhead, policies } = profileFor('baremetal').defaults;
    expect(policies.migration.live).toBe(false);
    expect(policies.ha.enabled).toBe(false);
    expect([overhead.cpuTaxPercent, overhead.hostMemoryGiB, overhead.perVmMemoryMiB]).toEqual([0, 0, 0]);
    expect([policies.placement.vcpuOvercommit, policies.placement.memoryOvercommit]).toEqual([1, 1]);
  });

  it('rejects an unknown platform name', () => {
    expect(() => profileFor('hyperv' as never)).toThrow(/unknown platform/);
  });
});

describe('leafPaths', () => {
  it('lists the dotted paths of all leaves, sorted, treating null and arrays as leaves', () => {
    const obj = { b: { y: 1, x: null }, a: [1, 2], c: { d: { e: 'z' } } };
    expect(leafPaths(obj)).toEqual(['a', 'b.x', 'b.y', 'c.d.e']);
  });
});
