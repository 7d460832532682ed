// The event catalogue is the contract between the models and every reader of the trace: every event
// a run emits must be declared there with exactly its fields, and docs/events.md is generated from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE, isEventType } from '../../sim/events/catalogue.ts';
import { eventsMarkdown } from '../../sim/events/docs.ts';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const DOC = fileURLToPath(new URL('../../docs/events.md', import.meta.url));
const SCENARIOS = [
  'vsphere-firmware-rollout', 'vsphere-ha-host-failure', 'vsphere-local-vmfs-rollout', 'harvester-firmware-rollout',
  'harvester-two-nodes', 'longhorn-node-failure', 'openstack-live-migration', 'ceph-host-failure', 'baremetal-host-failure',
  'vsan-disk-failure', 'vsan-maintenance-risk', 'random-failures-year', 'vsphere-drs-surge',
];

describe('the event catalogue', () => {
  it('declares every event the shipped scenarios emit, with exactly the fields they carry', () => {
    const seen = new Set<string>();
    for (const name of SCENARIOS) {
      const file = `scenarios/${name}.yaml`;
      const { events } = runScenario(scenarioFrom(readFileSync(file, 'utf8'), file), { keepEvents: true, untilMs: 30 * 86_400_000 });
      for (const { t, type, ...fields } of events) {
        expect(isEventType(type), `${name}: ${type} is not in the catalogue`).toBe(true);
        if (!isEventType(type)) continue;
        expect(Number.isInteger(t) && t >= 0).toBe(true);
        const parsed = EVENT_CATALOGUE[type].fields.safeParse(fields);
        expect(parsed.success, `${name}: ${type} ${JSON.stringify(fields).slice(0, 200)}: ${parsed.error?.message}`).toBe(true);
        seen.add(type);
      }
    }
    // The scenarios exercise most of the catalogue; the rest are emitted by tests of their own.
    expect(seen.size).toBeGreaterThan(Object.keys(EVENT_CATALOGUE).length * 0.6);
  });

  it('rejects an event with a missing or misnamed field', () => {
    const fields = EVENT_CATALOGUE['vm.migration.end'].fields;
    const good = { vm: 'a', from: 'h1', to: 'h2', durationMs: 1, downtimeMs: 2, transferredBytes: 3, rounds: 1, mode: 'precopy' };
    expect(fields.safeParse(good).success).toBe(true);
    const { downtimeMs: _, ...missing } = good;
    expect(fields.safeParse(missing).success).toBe(false);
    expect(fields.safeParse({ ...missing, downtime: 2 }).success).toBe(false);
  });

  it('has a sentence and typed fields for every type', () => {
    for (const [type, spec] of Object.entries(EVENT_CATALOGUE)) {
      expect(type).toMatch(/^[a-z]+(\.[a-z]+)+$/);
      expect(spec.when.length).toBeGreaterThan(10);
    }
  });

  // UPDATE_DOCS=1 rewrites the committed file instead of checking it.
  it('matches the committed docs/events.md', () => {
    const expected = eventsMarkdown();
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOC, expected);
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });
});
