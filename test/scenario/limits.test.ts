// Hard limits on input: every number the schema accepts is bounded (and the JSON Schema says so),
// and a file's total work is refused before anything is expanded, in one line naming the field,
// the limit and the value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedFailures, workOf } from '../../sim/scenario/budget.ts';
import { DISKS_TOTAL_MAX, HOSTS_TOTAL_MAX, PG_COPIES_MAX, PG_STRIPES_MAX, RANDOM_FAILURE_EVENTS_MAX, RANDOM_FAILURES_MAX, SCHEDULE_MATCHES_MAX, VMS_TOTAL_MAX } from '../../sim/scenario/limits.ts';
import { loadScenarioText, type Problem } from '../../sim/scenario/load.ts';
import { validateFile } from '../../sim/scenario/issues.ts';
import { mergeParameters } from '../../sim/scenario/merge.ts';
import { parseText } from '../../sim/scenario/positions.ts';
import { scenarioJsonSchema } from '../../sim/scenario/schema.ts';
import { profileFor } from '../../sim/platforms/index.ts';

const HEAD = 'name: t\nplatform: openstack\n';

function problems(text: string, file = 'x.yaml'): Problem[] {
  const r = loadScenarioText(text, file);
  return r.ok ? [] : r.problems;
}

const YEAR_MS = 8766 * 3_600_000;

describe('the schema', () => {
  it('gives every number in scenarios/schema.json a maximum and a minimum', () => {
    const unbounded: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as Record<string, unknown>;
      if (n.type === 'number' || n.type === 'integer') {
        // The seed is a label, not a size: any safe integer names a stream.
        const max = (n.maximum ?? n.exclusiveMaximum) as number | undefined;
        if (max === undefined || (max > 1e12 && !path.includes('/seed'))) unbounded.push(`${path}: maximum ${max}`);
        if (n.minimum === undefined && n.exclusiveMinimum === undefined) unbounded.push(`${path}: no minimum`);
      }
      for (const [key, value] of Object.entries(n)) walk(value, `${path}/${key}`);
    };
    walk(scenarioJsonSchema(), '');
    expect(unbounded).toEqual([]);
  });

  it.each([
    ['policies: { storage: { ceph: { pgsPerOsd: 1000000000 } } }', 'policies.storage.ceph.pgsPerOsd', 'must be at most 1000, got 1000000000'],
    ['failures: { diskAfrPercent: 1e12 }', 'failures.diskAfrPercent', 'must be at most 10000, got 1000000000000'],
    ['hosts: [ { count: 2, memoryGiB: 1e308 } ]', 'hosts.0.memoryGiB', 'must be at most 65536, got 1e+308'],
    ['policies: { placement: { memoryOvercommit: 1e308 } }', 'policies.placement.memoryOvercommit', 'must be at most 16, got 1e+308'],
    ['hosts: [ { count: 12345678901234567890123 } ]', 'hosts.0.count', 'must be at most 10000, got 1.2345678901234568e+22'],
    ['seed: 12345678901234567890123', 'seed', 'must be a whole number between -9007199254740991 and 9007199254740991, got 1.2345678901234568e+22'],
    ['hosts: [ { count: 3, nicGbps: 0.001 } ]', 'hosts.0.nicGbps', 'must be between 0.1 and 1600, got 0.001'],
    ['policies: { storage: { ceph: { objectSizeMiB: 0.0001 } } }', 'policies.storage.ceph.objectSizeMiB', 'must be between 0.00390625 and 32, got 0.0001'],
  ])('refuses %s with one problem at the field', (line, path, message) => {
    expect(problems(`${HEAD}${line}\n`).map((p) => [p.path, p.message])).toEqual([[path, message]]);
  });
});

describe('the work budget', () => {
  it('refuses 300 groups of 10,000 hosts in one line at hosts, without expanding them', () => {
    const groups = Array.from({ length: 300 }, (_, i) => `  - { group: g${i}, count: 10000, disks: { count: 8 } }`).join('\n');
    const started = performance.now();
    const found = problems(`${HEAD}hosts:\n${groups}\n`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(found.map((p) => [p.path, p.message, p.line])).toEqual([
      ['hosts', `3,000,000 hosts in all groups, at most ${HOSTS_TOTAL_MAX.toLocaleString('en-US')} (hcisim's work limit for one run)`, 4],
    ]);
  });

  it('refuses Ceph PG copies beyond the limit at pgsPerOsd: 2,000 hosts x 64 OSDs at 1,000 PGs each', () => {
    // pg_num = 1000 x 128,000 / 3 = 42.7 M -> 2^25 = 33,554,432 (nearest power of two); x 3 copies = 100,663,296.
    const found = problems(`${HEAD}hosts: [ { count: 2000, disks: { count: 64 } } ]\npolicies: { storage: { ceph: { pgsPerOsd: 1000 } } }\n`);
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['policies.storage.ceph.pgsPerOsd', "100,663,296 Ceph PG copies (pg_num x size), at most 16,777,216 (hcisim's work limit for one run)"],
    ]);
  });

  it('refuses VMs beyond the limit at vms, and name matching beyond the limit at schedule', () => {
    expect(problems(`${HEAD}hosts: [ { count: 3 } ]\nvms: [ { count: 300000 }, { group: w, count: 200000 } ]\n`).map((p) => [p.path, p.message])).toEqual([
      ['vms', "500,000 VMs in all groups, at most 400,000 (hcisim's work limit for one run)"],
    ]);
    // 1,001 entries x (10,000 hosts + 10,000 VMs) = 20,020,000 name matches.
    const entries = Array.from({ length: 1001 }, () => '  - { at: 1h, do: setLoad, vms: "vm-*", cpuUtilization: 0.5 }').join('\n');
    const found = problems(`${HEAD}hosts: [ { count: 10000, disks: { count: 0 } } ]\nstorage: { kind: none }\nvms: [ { count: 10000 } ]\nschedule:\n${entries}\n`);
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['schedule', "20,020,000 name matches (schedule entries x (hosts + VMs)), at most 20,000,000 (hcisim's work limit for one run)"],
    ]);
  });

  it('expects until / (MTTF + repair) failures per device', () => {
    const rates = (afr: number, repairMs: number) => ({ diskAfrPercent: afr, hostAfrPercent: 0, diskReplaceMs: repairMs, hostRepairMs: 0 });
    // AFR 100 %: an MTTF of one year; with no repair time, one failure per disk-year.
    expect(expectedFailures([{ hosts: 5, disks: 1 }], rates(100, 0), YEAR_MS)).toBeCloseTo(1, 12);
    // A repair as long as the MTTF halves the rate; 10 disks, 2 years: 10 failures.
    expect(expectedFailures([{ hosts: 1, disks: 10 }], rates(100, YEAR_MS), 2 * YEAR_MS)).toBeCloseTo(10, 12);
  });

  it('refuses random failures expected beyond the limit at failures', () => {
    // 2,000 hosts x 8 disks at 1000 % AFR (MTTF 36.525 d), replaced at once, over the 400-day bound:
    // 16,000 x 400 / 36.525 = 175,222.4 expected failures.
    const found = problems(`${HEAD}hosts: [ { count: 2000, disks: { count: 8 } } ]\nstorage: { kind: local }\nfailures: { diskAfrPercent: 1000, hostAfrPercent: 0, diskReplace: 0 }\n`);
    expect(found.map((p) => [p.path, p.message])).toEqual([
      ['failures', "175,223 random failures expected over the 400-day bound (no until), at most 100,000 (hcisim's work limit for one run)"],
    ]);
    expect(problems(`${HEAD}hosts: [ { count: 2000, disks: { count: 8 } } ]\nstorage: { kind: local }\nfailures: { diskAfrPercent: 1000, hostAfrPercent: 0, diskReplace: 0 }\nuntil: 200d\n`)).toEqual([]);
  });

  it('refuses random failures whose expected events are beyond the limit, weighing each by the VMs and copies it touches', () => {
    // Within the failure count (about 20,000 of 100,000), but each host failure touches 40 VMs and 80
    // volume copies, each disk failure 20 copies: millions of events (it ran for ~35 minutes).
    const ex3 = (until: string) => `name: ex3\nplatform: nutanix\nuntil: ${until}
hosts: [{ group: w, count: 50, cores: 64, memoryGiB: 1024, nicGbps: 0.1, disks: { count: 4, sizeTiB: 1 } }]
vms: [{ group: v, count: 2000, vcpus: 1, memoryGiB: 4, diskGiB: 50 }]
failures: { diskAfrPercent: 10000, hostAfrPercent: 10000 }\n`;
    const found = problems(ex3('400d'));
    expect(found.map((p) => p.path)).toEqual(['failures.hostAfrPercent']);
    expect(found[0].message).toMatch(/^[\d,]+ events expected from [\d,]+ random failures over until \(each weighed by the VMs and volume copies on its host or disk\), at most 2,000,000 \(hcisim's work limit for one run\)$/);
    expect(problems(ex3('2d'))).toEqual([]);
    // Sizing and pricing run nothing: the run's work limit is not theirs to apply.
    expect(loadScenarioText(ex3('400d'), 'x.yaml', [], { simulates: false }).ok).toBe(true);
  });

  it('passes scenarios/scale-2000-hosts.yaml with a margin of at least five on every total', () => {
    const text = readFileSync('scenarios/scale-2000-hosts.yaml', 'utf8');
    const v = validateFile(parseText(text).data);
    if (!v.ok) throw new Error('scale scenario does not validate');
    const w = workOf(v.file, mergeParameters(profileFor(v.file.platform).defaults, v.file));
    expect(w).toMatchObject({ hosts: 2000, vms: 40_000, disks: 16_000, pgCopies: 1_572_864 });
    const limits = { hosts: HOSTS_TOTAL_MAX, vms: VMS_TOTAL_MAX, disks: DISKS_TOTAL_MAX, pgCopies: PG_COPIES_MAX, pgStripes: PG_STRIPES_MAX, randomFailures: RANDOM_FAILURES_MAX, randomFailureEvents: RANDOM_FAILURE_EVENTS_MAX, scheduleMatches: SCHEDULE_MATCHES_MAX };
    for (const [key, max] of Object.entries(limits)) expect((w[key as keyof typeof w] as number) * 5, key).toBeLessThanOrEqual(max);
  });
});
