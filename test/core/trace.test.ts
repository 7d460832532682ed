import { describe, it, expect } from 'vitest';
import { Trace, eventLine, type TraceEvent } from '../../sim/core/trace.ts';

const SMALL_TRACE: TraceEvent[] = [
  { t: 0, type: 'run.start', scenario: 'tiny', seed: 1 },
  { t: 1500, type: 'vm.migration.start', vm: 'vm-01', from: 'esx-01', to: 'esx-02' },
  { t: 4250, type: 'vm.migration.end', vm: 'vm-01', downtimeMs: 120 },
];

const record = (trace: Trace, { t, type, ...fields }: TraceEvent) => trace.record(t, type, fields);

function hashOf(events: TraceEvent[]): string {
  const trace = new Trace();
  for (const event of events) record(trace, event);
  return trace.hash();
}

describe('eventLine', () => {
  it('puts t first, in seconds, then the fields in insertion order', () => {
    expect(eventLine({ type: 'host.fail', t: 1500, host: 'esx-03', cause: 'psu' })).toBe(
      '{"t":1.5,"type":"host.fail","host":"esx-03","cause":"psu"}',
    );
  });
});

describe('Trace', () => {
  it('hashes a fixed small trace to the same golden value in every version', () => {
    // If this changes, every committed trace hash (goldens, determinism checks) changes too. The
    // value was checked against an independent Python rewrite of the two lanes over the same lines.
    expect(hashOf(SMALL_TRACE)).toBe('d182c85af26b5d7c');
  });

  it('gives a different hash when one field, the time, the type or the order changes', () => {
    const base = hashOf(SMALL_TRACE);
    const variants: TraceEvent[][] = [
      [SMALL_TRACE[0], { ...SMALL_TRACE[1], to: 'esx-03' }, SMALL_TRACE[2]],
      [SMALL_TRACE[0], SMALL_TRACE[1], { ...SMALL_TRACE[2], t: 4251 }],
      [SMALL_TRACE[0], { ...SMALL_TRACE[1], type: 'vm.migration.abort' }, SMALL_TRACE[2]],
      [SMALL_TRACE[0], SMALL_TRACE[2], SMALL_TRACE[1]],
      SMALL_TRACE.slice(0, 2),
    ];
    const hashes = variants.map(hashOf);
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('hashes the same whether or not it keeps the events, and counts them either way', () => {
    const lean = new Trace(false);
    for (const event of SMALL_TRACE) record(lean, event);
    expect(lean.hash()).toBe(hashOf(SMALL_TRACE));
    expect(lean.events).toEqual([]);
    expect(lean.length).toBe(3);
  });

  it('hands every recorded event to its listeners in order', () => {
    const trace = new Trace(true);
    const seen: string[] = [];
    trace.subscribe((e) => seen.push(e.type));
    for (const event of SMALL_TRACE) record(trace, event);
    expect(seen).toEqual(SMALL_TRACE.map((e) => e.type));
    expect(trace.events).toEqual(SMALL_TRACE);
  });
});

describe('Trace.record', () => {
  it('writes the same line when one fields object is emitted twice', () => {
    const trace = new Trace(true);
    const lines: string[] = [];
    trace.subscribe((_e, line) => lines.push(line));
    const fields = { host: 'esx-01' };
    trace.record(1000, 'host.fail', fields);
    trace.record(2000, 'host.repair', fields);
    expect(lines).toEqual(['{"t":1,"type":"host.fail","host":"esx-01"}', '{"t":2,"type":"host.repair","host":"esx-01"}']);
    expect(trace.events.map((e) => [e.t, e.type])).toEqual([[1000, 'host.fail'], [2000, 'host.repair']]);
  });
});
