#!/usr/bin/env node
// The installed entry point: runs the CLI compiled to lib/ by `npm run build:sim` (`npm ci` runs it
// through the `prepare` script). Compiled, `hcisim --version` costs little more than Node's own
// start-up; the TypeScript through the tsx loader cost about 0.4 s of CPU more.
import { existsSync } from 'node:fs';

const main = new URL('../lib/sim/cli/main.js', import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write('hcisim: the compiled CLI (lib/) is missing; run `npm run build:sim` in the hcisim checkout\n');
  process.exitCode = 1;
}
