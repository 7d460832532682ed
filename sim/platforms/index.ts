// The platform profiles in PLATFORMS order, and lookups over them. A profile is the
// platform's default for every parameter leaf with the source of each; scenarios start from it.
import { PLATFORMS } from './parameters.ts';
import type { PlatformName, PlatformProfile } from './parameters.ts';
import { BAREMETAL } from './baremetal.ts';
import { HARVESTER } from './harvester.ts';
import { NUTANIX } from './nutanix.ts';
import { OPENSHIFT } from './openshift.ts';
import { OPENSTACK } from './openstack.ts';
import { PROXMOX } from './proxmox.ts';
import { VSPHERE } from './vsphere.ts';

const BY_NAME: Readonly<Record<PlatformName, PlatformProfile>> = {
  vsphere: VSPHERE,
  harvester: HARVESTER,
  openstack: OPENSTACK,
  baremetal: BAREMETAL,
  proxmox: PROXMOX,
  nutanix: NUTANIX,
  openshift: OPENSHIFT,
};

export const PROFILES: readonly PlatformProfile[] = PLATFORMS.map((name) => BY_NAME[name]);

export function profileFor(name: PlatformName): PlatformProfile {
  const profile = BY_NAME[name];
  if (profile === undefined) throw new Error(`unknown platform "${String(name)}"`);
  return profile;
}

function isBranch(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths of every leaf (anything but a plain object; null and arrays are leaves), sorted. */
export function leafPaths(obj: unknown): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, prefix: string): void => {
    if (!isBranch(value)) {
      paths.push(prefix);
      return;
    }
    for (const key of Object.keys(value)) walk(value[key], prefix === '' ? key : `${prefix}.${key}`);
  };
  if (isBranch(obj)) walk(obj, '');
  return paths.sort();
}

/** The value at a dotted path (`policies.migration.maxDowntimeMs`), or undefined. */
export function valueAt(obj: unknown, path: string): unknown {
  let value: unknown = obj;
  for (const key of path.split('.')) {
    if (!isBranch(value)) return undefined;
    value = value[key];
  }
  return value;
}

export { BAREMETAL, HARVESTER, NUTANIX, OPENSHIFT, OPENSTACK, PROXMOX, VSPHERE };
