// vitest globalSetup: builds lib/ (`npm run build:sim`) once before the tests, so the tests that
// spawn bin/hcisim.js run this checkout's sources as compiled now, never a lib/ left from an
// earlier build. (Tests that import sim/ run the TypeScript directly; so does the sweep pool they
// start, see WORKER_ENTRY in sim/cli/sweep-pool.ts.) The build only transpiles: about a second.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build:sim'], { stdio: 'inherit' });
}
