import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve('bin/hcisim.js');
const dir = mkdtempSync(join(tmpdir(), 'hcisim-bin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A loader hook that only reports each module Node resolves, one `LOAD url` line on stderr.
const HOOK = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('LOAD ' + r.url + '\\n'); return r; }`;
const TRACE = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));`;

/** The modules `hcisim ARGS` loads: packages by name, and the compiled modules by path under lib/sim/. */
function loaded(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(TRACE)}`, BIN, ...args], { encoding: 'utf8' });
  const urls = r.stderr.split('\n').filter((l) => l.startsWith('LOAD ')).map((l) => l.slice(5));
  const packages = new Set(urls.map((u) => /\/node_modules\/((@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p) => p !== undefined));
  const sim = new Set(urls.map((u) => /\/lib\/sim\/(.*)$/.exec(u)?.[1]).filter((p) => p !== undefined));
  return { code: r.status, packages: [...packages].sort(), sim };
}

describe('the hcisim bin', () => {
  it('answers --version and --help with commander alone: no simulator, zod, yaml or cli-progress', () => {
    for (const args of [['--version'], ['--help'], ['run', '--help']]) {
      const r = loaded(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.packages, args.join(' ')).toEqual(['commander']);
      expect(r.sim.has('cli/main.js'), args.join(' ')).toBe(true);
      expect(r.sim.has('run.js') || r.sim.has('scenario/load.js'), args.join(' ')).toBe(false);
    }
  });

  it('loads the simulator for a command that runs', () => {
    const r = loaded(['validate', join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.packages).toEqual(expect.arrayContaining(['commander', 'yaml', 'zod']));
  });

  it('prints one line naming npm run build:sim and exits 1 when lib/ was never built', () => {
    mkdirSync(join(dir, 'bin'));
    copyFileSync(BIN, join(dir, 'bin/hcisim.js'));
    const r = spawnSync(process.execPath, [join(dir, 'bin/hcisim.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^hcisim: [^\n]*npm run build:sim[^\n]*\n$/);
  });
});
