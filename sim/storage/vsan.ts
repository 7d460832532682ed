// PLACEHOLDER until the vSAN policy lands: mirrors with Longhorn's placement. Replaced below.
import { longhornPolicy } from './longhorn.ts';
import type { StoragePolicy } from './policy.ts';

export const vsanPolicy: StoragePolicy = { ...longhornPolicy, kind: 'vsan' };
