// `npm run test:slow`: the slow tier (CI runs it after `npm test`): large scenarios end to end,
// long property runs (test/slow/property.test.ts), statistical validations (mttdl.test.ts) and the
// package installed in a user project.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 600_000,
    fileParallelism: false,
  },
});
