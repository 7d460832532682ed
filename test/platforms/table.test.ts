import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parametersMarkdown } from '../../sim/platforms/table.ts';
import { PROFILES, leafPaths } from '../../sim/platforms/index.ts';

const DOC = fileURLToPath(new URL('../../docs/parameters.md', import.meta.url));

describe('parametersMarkdown', () => {
  it('has one row per parameter leaf with every platform as a column', () => {
    const lines = parametersMarkdown().split('\n');
    const rows = lines.filter((l) => l.startsWith('| `'));
    const costRows = rows.filter((r) => r.startsWith('| `cost.<platform>.'));
    expect(rows.length - costRows.length).toBe(leafPaths(PROFILES[0].defaults).length);
    expect(costRows.length).toBe(Object.keys(PROFILES[0].cost.defaults).length);
    expect(lines).toContain('| parameter | vsphere | harvester | openstack | baremetal | proxmox | nutanix | openshift | sources |');
    expect(rows.find((r) => r.startsWith('| `storage.kind` |'))).toContain('| `vsan` | `longhorn` | `ceph` | `local` |');
  });

  // UPDATE_DOCS=1 rewrites the committed file instead of checking it.
  it('matches the committed docs/parameters.md', () => {
    const expected = parametersMarkdown();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });
});
