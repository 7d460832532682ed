// Golden summaries for the shipped scenarios (SimPy's habit: examples checked against committed
// outputs, so the docs never rot). A model change that moves a figure shows up here as a diff to
// review; regenerate deliberately with `UPDATE_GOLDEN=1 npx vitest run test/golden`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const DIR = 'scenarios';
/** Scenarios too large for the default tier: the scale case is timed by `npm run bench:scenarios`, the replay case by `npm run bench:viz`. */
const SLOW = new Set(['scale-2000-hosts.yaml', 'replay-500-hosts.yaml']);
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml') && !SLOW.has(f)).sort();

describe('golden summaries of the shipped scenarios', () => {
  it('ships the six scenarios the spine names', () => {
    for (const name of ['vsphere-firmware-rollout', 'vsphere-local-vmfs-rollout', 'harvester-firmware-rollout', 'openstack-live-migration', 'baremetal-host-failure', 'vsphere-ha-host-failure']) {
      expect(files).toContain(`${name}.yaml`);
    }
  });

  for (const file of files) {
    it(`${file} reproduces its committed summary`, () => {
      const text = readFileSync(`${DIR}/${file}`, 'utf8');
      expect(text.startsWith('#')).toBe(true);
      const { summary, violations } = runScenario(scenarioFrom(text, file), { check: true });
      expect(violations).toEqual([]);
      const golden = `test/golden/${file.replace(/\.yaml$/, '')}.summary.json`;
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, JSON.stringify(summary, null, 2) + '\n');
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden`).toBe(true);
      expect(summary).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});
