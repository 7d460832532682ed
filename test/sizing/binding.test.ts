import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bindingOfKind } from '../../sim/sizing/index.ts';

// Every refusal kind the placement filters can return, read from their source so that a new
// filter (or a renamed kind) fails here until sizing knows what resource it is.
const source = readFileSync('sim/placement/filters.ts', 'utf8');
// A host filter's `reject` answers `cond ? undefined : 'kind'` (or `cond ? 'kind' : undefined`).
const rejectKinds = [...source.matchAll(/\? undefined : '([^']+)'|\? '([^']+)' : undefined/g)].map((m) => m[1] ?? m[2]);
const clusterKinds = [...source.matchAll(/return `([^`:$]+):/g)].map((m) => m[1]);
const hostStatusKinds = [...source.matchAll(/^\s+\w+: '(host is \w+)',$/gm)].map((m) => m[1]);

describe('sizing names a binding for every placement refusal', () => {
  it('finds the kinds in the filters', () => {
    expect(rejectKinds).toEqual(expect.arrayContaining(['memory', 'cpu', 'anti-affinity', 'VM-host rule', 'storage', 'disk']));
    expect(clusterKinds).toContain('HA admission control');
    expect(hostStatusKinds).toHaveLength(4);
  });

  it.each([...new Set([...rejectKinds, ...clusterKinds])])("maps '%s'", (kind) => {
    expect(bindingOfKind(kind)).toBeDefined();
  });

  it('leaves out only the host-status kinds, which a sized cluster (every host up) never gives', () => {
    for (const kind of hostStatusKinds) expect(bindingOfKind(kind)).toBeUndefined();
  });
});
