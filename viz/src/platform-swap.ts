// The compared run's overrides: the main run's, on another platform.
import { parse } from 'yaml';
import type { Override } from '../../sim/scenario/load.ts';

/** Each platform's own storage (the default by platform in sim/scenario/parameter-schema.ts). */
const NATIVE_STORAGE: Record<string, string> = { vsphere: 'vsan', harvester: 'longhorn', openstack: 'ceph', baremetal: 'local' };

/**
 * The main run's overrides with the platform replaced by the compared one. Storage that belongs to
 * one platform (vSAN, Longhorn, Ceph) becomes the compared platform's own, as a migration between
 * them would; local and external storage exist on every platform and stay.
 */
export function withPlatform(overrides: readonly Override[], platform: string, text: string): Override[] {
  const out = overrides.filter((o) => o.path !== 'platform' && o.path !== 'storage.kind');
  out.push({ path: 'platform', value: platform });
  const kind = storageKindOf(text);
  if (kind !== undefined && Object.values(NATIVE_STORAGE).includes(kind) && kind !== 'local') out.push({ path: 'storage.kind', value: NATIVE_STORAGE[platform] });
  return out;
}

function storageKindOf(text: string): string | undefined {
  try {
    const doc = parse(text) as { storage?: { kind?: unknown } } | null;
    return typeof doc?.storage?.kind === 'string' ? doc.storage.kind : undefined;
  } catch {
    return undefined;
  }
}
