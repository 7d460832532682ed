// `hcisim run --check`: the first violation stops the run; stderr names the invariant, the time, the
// event after which it broke and the state that shows it; exit 1; the outputs written end at the
// violation (run.end with stopReason 'invariant'). A planted checker breaks on a known event, so
// the test needs no broken model.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { runCommand, type Io } from '../../sim/cli/commands.ts';

vi.mock('../../sim/invariants/clock.ts', () => ({
  clock: {
    kind: 'trace',
    name: 'clock',
    description: 'planted: breaks at the first completed migration',
    start: () => ({
      observe: (e: { type: string; vm?: string }) => (e.type === 'vm.migration.end' ? { message: `planted at ${e.vm}`, state: { planted: true } } : undefined),
    }),
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'hcisim-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = `name: tiny rollout
platform: vsphere
hosts:
  - { group: esx, count: 3 }
vms:
  - { group: app, count: 6, memoryGiB: 8 }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "esx-*", workDuration: 5m }
`;

describe('hcisim run --check', () => {
  it('stops at the first violation with the invariant, the event and the state, and exits 1', async () => {
    const file = join(dir, 'rollout.yaml');
    writeFileSync(file, SCENARIO);
    const err: string[] = [];
    const io: Io = { out: () => {}, err: (t) => err.push(t), stderr: { isTTY: false } as NodeJS.WriteStream, pid: 1 };
    const code = await runCommand(file, { check: true, quiet: true, out: join(dir, 'out') }, io);
    expect(code).toBe(1);
    const lines = err.join('').split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^hcisim: invariant clock violated at [\d.]+s: planted at app-\d+ \(the run stopped there\)$/);
    const event = JSON.parse(lines[1].replace('  after event: ', ''));
    expect(event).toMatchObject({ type: 'vm.migration.end' });
    expect(lines[2]).toBe('  state: {"planted":true}');
    const events = readFileSync(join(dir, 'out', 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events.at(-1)).toMatchObject({ type: 'run.end', stopReason: 'invariant' });
    // Nothing happens after the engine step that broke it (the step itself may end two migrations).
    expect(events.every((e) => e.t <= event.t)).toBe(true);
    expect(events.filter((e) => e.type === 'host.maintenance.end')).toHaveLength(0);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')).stopReason).toBe('invariant');
  });
});
