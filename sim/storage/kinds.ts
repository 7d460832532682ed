// The storage policies by kind. `none` is external shared storage that hcisim does not model:
// live migration works, nothing is replicated or rebuilt here.
import type { StorageKind } from '../platforms/parameters.ts';
import { cephPolicy } from './ceph.ts';
import { dsfPolicy } from './dsf.ts';
import { localPolicy } from './local.ts';
import { longhornPolicy } from './longhorn.ts';
import type { StoragePolicy } from './policy.ts';
import { vsanPolicy } from './vsan.ts';
import { zfsPolicy } from './zfs.ts';

const POLICIES: Record<Exclude<StorageKind, 'none'>, StoragePolicy> = {
  vsan: vsanPolicy,
  longhorn: longhornPolicy,
  ceph: cephPolicy,
  dsf: dsfPolicy,
  local: localPolicy,
  zfs: zfsPolicy,
};

export function policyFor(kind: StorageKind): StoragePolicy | undefined {
  return kind === 'none' ? undefined : POLICIES[kind];
}
