import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { formatProblem, loadScenarioText } from '../../sim/scenario/load.ts';
import { scenarioFrom } from '../support/scenario.ts';

const rollout = (anchor: string) => `name: anchored
platform: vsphere
hosts: [{ group: esx, count: 4 }]
vms: [{ group: app, count: 8, memoryGiB: 8 }]
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "esx-*", workDuration: 5m }
  - { at: ${anchor}, do: failHost, host: esx-01, repairAfter: 1h }
`;

const problems = (text: string) => {
  const r = loadScenarioText(text, 'a.yaml');
  return r.ok ? [] : r.problems.map((p) => formatProblem('a.yaml', p));
};

describe('schedule entries anchored to an event', () => {
  it('happen `plus` after the first such event of the named host', () => {
    const { events } = runScenario(scenarioFrom(rollout('{ after: host.maintenance.start, host: esx-03, plus: 2m }')), { keepEvents: true, check: true });
    const anchorEvent = events.find((e) => e.type === 'host.maintenance.start' && e.host === 'esx-03')!;
    const failure = events.find((e) => e.type === 'host.fail')!;
    expect(failure.host).toBe('esx-01');
    expect(failure.t).toBe(anchorEvent.t + 120_000);
  });

  it('follow the first event of any host when no host is named, and never run if it never happens', () => {
    const any = runScenario(scenarioFrom(rollout('{ after: host.maintenance.end }')), { keepEvents: true });
    const firstEnd = any.events.find((e) => e.type === 'host.maintenance.end')!;
    expect(any.events.find((e) => e.type === 'host.fail')!.t).toBe(firstEnd.t);
    const never = runScenario(scenarioFrom(rollout('{ after: disk.fail, plus: 1m }')), { keepEvents: true });
    expect(never.events.some((e) => e.type === 'host.fail')).toBe(false);
  });

  it('are validated like the rest: the event, the host, and a host only where the event has one', () => {
    expect(problems(rollout('{ after: host.explode }'))).toEqual([
      expect.stringMatching(/^a\.yaml:7:11: schedule\.1\.at: expected \{ after: EVENT, host: HOST, plus: DURATION \} with EVENT one of host\.maintenance\.enter, /),
    ]);
    expect(problems(rollout('{ after: host.fail, host: esx-09 }'))).toEqual([
      expect.stringMatching(/^a\.yaml:7:\d+: schedule\.1\.at\.host: unknown host 'esx-09'/),
    ]);
    expect(problems(rollout('{ after: maintenance.start, host: esx-01 }'))).toEqual([
      expect.stringMatching(/schedule\.1\.at\.host: maintenance\.start belongs to a rollout, not a host: leave out host$/),
    ]);
  });
});

const base = `name: anchors
platform: vsphere
hosts: [{ group: esx, count: 5 }]
vms: [{ group: app, count: 10, memoryGiB: 8 }]
`;
const load = (text: string) => {
  const r = loadScenarioText(text, 'a.yaml');
  return {
    problems: r.ok ? [] : r.problems.map((p) => formatProblem('a.yaml', p)),
    warnings: r.warnings.map((p) => formatProblem('a.yaml', p)),
  };
};

describe('anchors nothing in the scenario can produce', () => {
  it('are an error on host maintenance of a host no rollout takes', () => {
    expect(load(`${base}schedule:
  - { at: 1h, do: rollingMaintenance, hosts: [esx-01, esx-02], workDuration: 20m }
  - { at: { after: host.maintenance.start, host: esx-04, plus: 5m }, do: failHost, host: esx-05 }
`).problems).toEqual([
      'a.yaml:7:50: schedule.1.at.host: its anchor host.maintenance.start on esx-04 never happens: no rollingMaintenance entry takes esx-04 (they take esx-01, esx-02), so this entry never runs',
    ]);
  });

  it('are an error on a rollout event when the schedule has no rollout', () => {
    expect(load(`${base}schedule:
  - { at: { after: maintenance.end, plus: 1h }, do: failHost, host: esx-01 }
`).problems).toEqual([
      'a.yaml:6:20: schedule.0.at.after: maintenance.end never happens: the schedule has no rollingMaintenance entry, so this entry never runs',
    ]);
  });

  it('are an error when entries wait for each other in a cycle, or for themselves', () => {
    const { problems } = load(`${base}schedule:
  - { at: { after: host.fail, host: esx-02, plus: 5m }, do: failHost, host: esx-01 }
  - { at: { after: host.fail, host: esx-01, plus: 5m }, do: failHost, host: esx-02 }
  - { at: { after: host.fail, host: esx-03 }, do: failHost, host: esx-03 }
`);
    expect(problems).toEqual([
      expect.stringMatching(/^a\.yaml:6:20: schedule\.0\.at\.after: anchors form a cycle: its anchor host\.fail on esx-02 comes only from schedule\.1, and schedule\.0, schedule\.1 /),
      expect.stringMatching(/^a\.yaml:7:20: schedule\.1\.at\.after: anchors form a cycle: /),
      'a.yaml:8:20: schedule.2.at.after: its anchor host.fail on esx-03 comes only from this entry itself: it never runs',
    ]);
  });

  it('are no cycle when something outside it starts it', () => {
    const text = `${base}schedule:
  - { at: 1h, do: failHost, host: esx-02, repairAfter: 1h }
  - { at: { after: host.fail, host: esx-02, plus: 5m }, do: failHost, host: esx-01 }
  - { at: { after: host.fail, host: esx-01, plus: 5m }, do: failHost, host: esx-02 }
`;
    expect(load(text)).toEqual({ problems: [], warnings: [] });
    expect(load(text.replace('  - { at: 1h, do: failHost, host: esx-02, repairAfter: 1h }\n', '') + 'failures: { hostAfrPercent: 5 }\n').problems).toEqual([]);
  });

  it('are a warning on a failure no entry schedules and no failures block draws', () => {
    const text = `${base}schedule:
  - { at: { after: disk.fail, host: esx-02, plus: 5m }, do: failHost, host: esx-01 }
`;
    expect(load(text)).toEqual({
      problems: [],
      warnings: ['a.yaml:6:37: schedule.0.at.host: its anchor disk.fail on esx-02 never happens: no schedule entry causes it and there is no failures block, so this entry never runs'],
    });
    expect(load(`${text}failures: { diskAfrPercent: 2 }\n`).warnings).toEqual([]);
    expect(load(`${text}failures: { diskAfrPercent: 0, hostAfrPercent: 2 }\n`).warnings).toEqual([expect.stringContaining('the failures block cannot')]);
    expect(load(`${text}  - { at: 2h, do: failHost, host: esx-02, disks: lost }\n`).warnings).toEqual([]);
  });

  it('are a warning when the anchor plus its delay lands past until', () => {
    expect(load(`${base}until: 10h
schedule:
  - { at: 1h, do: failHost, host: esx-02, repairAfter: 1h }
  - { at: { after: host.fail, host: esx-02, plus: 20h }, do: failHost, host: esx-01 }
  - { at: { after: host.fail, host: esx-01, plus: 1m }, do: failHost, host: esx-03 }
`)).toEqual({
      problems: [],
      warnings: [
        'a.yaml:8:51: schedule.1.at.plus: happens after until: it never runs (at 21h at the earliest)',
        'a.yaml:9:20: schedule.2.at.after: its anchor host.fail on esx-01 comes only from schedule.1, which never runs: this entry never runs either',
      ],
    });
  });
});

describe('a run whose schedule entries never ran', () => {
  const neverRan = (scenario: ReturnType<typeof scenarioFrom>) => {
    const { summary, events } = runScenario(scenario, { keepEvents: true, check: true });
    expect(events.filter((e) => e.type === 'host.fail')).toEqual([]);
    const unrun = events.filter((e) => e.type === 'schedule.entry.unrun');
    expect(unrun.map((e) => ({ entry: e.index, do: e.do, reason: e.reason }))).toEqual(summary.schedule.neverRan);
    // Said just before run.end, so the trace alone tells it.
    expect(events.at(-1)!.type).toBe('run.end');
    return summary.schedule.neverRan;
  };

  it('says which entry waited for an anchor that never happened, and for which', () => {
    expect(neverRan(scenarioFrom(`${base}schedule:\n  - { at: { after: disk.fail, host: esx-02, plus: 5m }, do: failHost, host: esx-01 }\n`))).toEqual([
      { entry: 0, do: 'failHost', reason: 'its anchor disk.fail on esx-02 never happened' },
    ]);
  });

  it('says an entry anchored past until, or timed past it, fires after until', () => {
    const scenario = scenarioFrom(`${base}until: 10h
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: [esx-01], workDuration: 20m }
  - { at: { after: host.maintenance.start, host: esx-01, plus: 20h }, do: failHost, host: esx-05 }
  - { at: 11h, do: failHost, host: esx-04 }
`);
    expect(neverRan(scenario)).toEqual([
      { entry: 1, do: 'failHost', reason: 'fires after until' },
      { entry: 2, do: 'failHost', reason: 'fires after until' },
    ]);
  });

  it('reports each entry of the anchors the loader refuses (a host no rollout takes, no rollout, a cycle), should they reach the engine', () => {
    const scenario = scenarioFrom(`${base}schedule:
  - { at: 1h, do: rollingMaintenance, hosts: [esx-01, esx-02], workDuration: 20m }
  - { at: { after: host.maintenance.start, host: esx-02, plus: 5m }, do: failHost, host: esx-05 }
  - { at: { after: maintenance.end, plus: 1h }, do: failHost, host: esx-01 }
  - { at: { after: host.fail, host: esx-05, plus: 5m }, do: failHost, host: esx-04 }
  - { at: { after: host.fail, host: esx-04, plus: 5m }, do: failHost, host: esx-05 }
`);
    // What the loader now refuses: esx-04 in no rollout, no rollout at all, and 3 <-> 4 once nothing starts them.
    const [, toEsx04, toRollout, ...cycle] = scenario.schedule;
    const unloadable = { ...scenario, schedule: [{ ...toEsx04, after: { event: 'host.maintenance.start' as const, host: 'esx-04' } }, toRollout, ...cycle] };
    expect(neverRan(unloadable)).toEqual([
      { entry: 1, do: 'failHost', reason: 'its anchor host.maintenance.start on esx-04 never happened' },
      { entry: 2, do: 'failHost', reason: 'its anchor maintenance.end never happened' },
      { entry: 3, do: 'failHost', reason: 'its anchor host.fail on esx-05 never happened' },
      { entry: 4, do: 'failHost', reason: 'its anchor host.fail on esx-04 never happened' },
    ]);
    expect(runScenario(scenario).summary.schedule.neverRan).toEqual([]);
  });
});
