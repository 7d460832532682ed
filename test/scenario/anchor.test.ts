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
