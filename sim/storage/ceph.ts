// PLACEHOLDER until the Ceph policy lands. Replaced below.
import { longhornPolicy } from './longhorn.ts';
import type { StoragePolicy } from './policy.ts';

export const cephPolicy: StoragePolicy = { ...longhornPolicy, kind: 'ceph' };
