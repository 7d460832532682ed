// Fuzzing the compiled CLI with a few real child processes (the in-process fuzzer in
// test/scenario/fuzz.test.ts covers many more inputs): `validate` and `run` on mutated and random
// files exit 0 or 2, never 1; on 2 they write no output, print no stack trace and no Node
// warning, and every stderr line starts with the file name, at most PROBLEM_LINES_MAX + 1 of them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBLEM_LINES_MAX } from '../../sim/scenario/limits.ts';
import { FUZZ_SEED, fuzzInput, type FuzzInput } from '../support/fuzz-inputs.ts';

const BIN = resolve('bin/hcisim.js');
const dir = mkdtempSync(join(tmpdir(), 'hcisim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES = 8;

function hcisim(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { ...process.env, HCISIM_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

async function check(input: FuzzInput, index: number): Promise<void> {
  const path = join(dir, `${index}-${input.name}`);
  writeFileSync(path, input.text);
  const out = join(dir, `out-${index}`);
  const command = index % 2 === 0 ? ['validate', path] : ['run', path, '--until', '2h', '--out', out, '--quiet'];
  const r = await hcisim(command);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  const what = `${command.join(' ')}\n${r.stderr.slice(0, 2000)}`;
  expect([0, 2], what).toContain(r.code);
  expect(r.stderr, what).not.toMatch(/^\s+at |\(node:\d+\)|Warning:|internal error/m);
  if (r.code === 2) {
    expect(r.stdout, what).toBe('');
    expect(lines.length, what).toBeLessThanOrEqual(PROBLEM_LINES_MAX + 1);
    for (const line of lines) expect(line.startsWith(path), what).toBe(true);
    expect(existsSync(out), what).toBe(false);
  } else if (command[0] === 'run') {
    expect(readdirSync(out).sort(), what).toEqual(['events.jsonl', 'summary.json']);
  }
}

describe('the CLI under fuzzing', () => {
  it(`exits 0 or 2 on ${CASES} random and mutated files, with the one-line contract on 2`, async () => {
    const inputs = fc.sample(fuzzInput, { numRuns: CASES, seed: FUZZ_SEED });
    // Two at a time: the machine is shared, and each child is a whole Node process.
    for (let i = 0; i < inputs.length; i += 2) await Promise.all(inputs.slice(i, i + 2).map((input, j) => check(input, i + j)));
  }, 120_000);
});
