// hcisim/testing from a user's own project: `npm pack` this checkout (which builds lib/ with its
// .d.ts through `prepare`), install the tarball into a fresh project as npm lays it out
// (node_modules/hcisim, its dependencies beside it), then run the README's ten-line property test
// there with node and typecheck a TypeScript user of the API. Offline: the dependencies and
// fast-check are linked from this checkout's node_modules rather than downloaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const dir = mkdtempSync(join(tmpdir(), 'hcisim-user-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The README's "Property tests with hcisim/testing" example, exactly as printed there. */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Property tests with hcisim/testing'));
  const code = /```js\n([\s\S]*?)```/.exec(section);
  if (code === null) throw new Error('README: no js example in "Property tests with hcisim/testing"');
  return code[1];
}

describe('hcisim/testing in a user project', () => {
  it('installs from the packed tarball, runs the README property test with node and typechecks', () => {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/^[^[]*/, ''));
    const tarball = join(dir, packed[0].filename);
    const project = join(dir, 'user');
    const installed = join(project, 'node_modules', 'hcisim');
    mkdirSync(installed, { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
    execFileSync('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    for (const dep of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]) {
      symlinkSync(join(ROOT, 'node_modules', dep), join(project, 'node_modules', dep));
    }
    const example = readmeExample();
    expect(example.trim().split('\n').length).toBeLessThanOrEqual(10);
    writeFileSync(join(project, 'property.test.mjs'), example);
    // The example throws (and node exits 1) on a violation; it prints nothing when every case holds.
    execFileSync(process.execPath, ['property.test.mjs'], { cwd: project, encoding: 'utf8' });
    writeFileSync(join(project, 'check.ts'), [
      "import fc from 'fast-check';",
      "import { arbitraryScenario, checkInvariants, simulate, vmPlacement, type Violation } from 'hcisim/testing';",
      'const run = simulate({ name: "typed", platform: "vsphere", hosts: [{ group: "h", count: 3 }] }, { seed: 2 });',
      'const violations: Violation[] = checkInvariants(run.trace);',
      'const vms: number = run.summary.vms.count;',
      'const name: string = vmPlacement.name;',
      'fc.assert(fc.property(arbitraryScenario({ maxHosts: 3 }), (s) => checkInvariants(simulate(s).trace).length === 0), { numRuns: 1 });',
      'export { violations, vms, name };',
    ].join('\n'));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] }, files: ['check.ts'] }));
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    // The packed package holds what the bin and the API need, not the sources and tests.
    const files: string[] = packed[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('lib/sim/testing/index.d.ts');
    expect(files).toContain('bin/hcisim.js');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('sim/'))).toBe(false);
  });
});
