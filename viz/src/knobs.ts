// The knobs: the main parameters a user changes before re-running, each laid on the scenario file
// as an override (the same mechanism as `hcisim sweep --set`), so the worker validates a knob's
// value exactly as it would the same value written in the file. An empty knob keeps the file's value.
import { parse } from 'yaml';
import type { Override } from '../../sim/scenario/load.ts';

export interface KnobSpec {
  key: KnobKey;
  label: string;
  kind: 'number' | 'text' | 'platform';
}

export type KnobKey = 'platform' | 'hostCount' | 'cpuTaxPercent' | 'replicas' | 'migrationConcurrency' | 'maintenanceConcurrency' | 'workDuration' | 'seed';
export type Knobs = Partial<Record<KnobKey, string>>;

export const KNOBS: KnobSpec[] = [
  { key: 'platform', label: 'platform', kind: 'platform' },
  { key: 'hostCount', label: 'hosts (first group)', kind: 'number' },
  { key: 'cpuTaxPercent', label: 'CPU tax %', kind: 'number' },
  { key: 'replicas', label: 'replicas', kind: 'number' },
  { key: 'migrationConcurrency', label: 'migrations per host', kind: 'number' },
  { key: 'maintenanceConcurrency', label: 'hosts in maintenance', kind: 'number' },
  { key: 'workDuration', label: 'work per host', kind: 'text' },
  { key: 'seed', label: 'seed', kind: 'number' },
];

export const PLATFORMS = ['vsphere', 'harvester', 'openstack', 'baremetal', 'proxmox', 'nutanix', 'openshift'] as const;

/** Indexes of the file's rollingMaintenance entries (none if the text does not parse: the worker says why). */
function rollouts(text: string): number[] {
  try {
    const doc = parse(text) as { schedule?: { do?: string }[] } | null;
    const schedule = Array.isArray(doc?.schedule) ? doc.schedule : [];
    return schedule.flatMap((entry, i) => (entry?.do === 'rollingMaintenance' ? [i] : []));
  } catch {
    return [];
  }
}

const numeric = (v: string): unknown => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** The overrides the knobs ask for; the seed is not one (it is the run's `--seed`). */
export function overridesOf(knobs: Knobs, text: string): Override[] {
  const out: Override[] = [];
  const set = (path: string, v: string | undefined, asNumber = true) => {
    if (v !== undefined && v.trim() !== '') out.push({ path, value: asNumber ? numeric(v) : v.trim() });
  };
  set('platform', knobs.platform, false);
  set('hosts.0.count', knobs.hostCount);
  set('overhead.cpuTaxPercent', knobs.cpuTaxPercent);
  set('storage.replicas', knobs.replicas);
  set('policies.migration.maxParallelOutboundPerHost', knobs.migrationConcurrency);
  for (const i of rollouts(text)) {
    set(`schedule.${i}.concurrency`, knobs.maintenanceConcurrency);
    set(`schedule.${i}.workDuration`, knobs.workDuration, false);
  }
  return out;
}

export function seedOf(knobs: Knobs): number | undefined {
  const v = knobs.seed?.trim();
  return v && Number.isInteger(Number(v)) ? Number(v) : undefined;
}
