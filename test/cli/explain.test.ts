import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseExplain } from '../../sim/cli/args.ts';

const dir = mkdtempSync(join(tmpdir(), 'hcisim-explain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--explain VM-GLOB', () => {
  it('matches VM names with the schedule glob: * any run, ? one character', () => {
    const match = parseExplain('db-0?1');
    expect(['db-001', 'db-011', 'db-0011', 'web-001'].filter(match)).toEqual(['db-001', 'db-011']);
    expect(parseExplain('*')('anything')).toBe(true);
    expect(() => parseExplain('  ')).toThrow(/VM name or glob/);
  });

  it('keeps the full placement record in events.jsonl for the matching VMs only', () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, 'name: big\nplatform: openstack\nhosts: [{ group: h, count: 70 }]\nvms: [{ group: web, count: 2, memoryGiB: 4 }, { group: db, count: 1, memoryGiB: 4 }]\n');
    const out = join(dir, 'out');
    const r = spawnSync(process.execPath, [resolve('bin/hcisim.js'), 'run', file, '--out', out, '--quiet', '--explain', 'db-*'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const places = readFileSync(join(out, 'events.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"vm.place"')).map((l) => JSON.parse(l));
    expect(places.map((e) => [e.vm, e.candidatesAll?.length])).toEqual([['db-001', 70], ['web-001', undefined], ['web-002', undefined]]);
  });
});
