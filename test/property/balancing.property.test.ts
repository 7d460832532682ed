// DRS never breaks a must rule or an anti-affinity rule: over random clusters, loads and surges,
// with the most aggressive threshold, every balancing move and every migration lands a VM on a host
// its VM-host must rule allows and where no other VM of its anti-affinity group runs or arrives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { scenarioFrom } from '../support/scenario.ts';

const arb = fc.record({
  hosts: fc.integer({ min: 3, max: 6 }),
  cores: fc.constantFrom(8, 16, 32),
  web: fc.integer({ min: 4, max: 30 }),
  db: fc.integer({ min: 2, max: 3 }),
  pinned: fc.integer({ min: 1, max: 4 }),
  mustHosts: fc.integer({ min: 1, max: 2 }),
  load: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
  surge: fc.double({ min: 0.5, max: 1, noNaN: true }),
  surgeAtMin: fc.integer({ min: 10, max: 300 }),
  threshold: fc.integer({ min: 2, max: 5 }),
  maintenance: fc.boolean(),
});

describe('balancing safety', () => {
  it('no move breaks a must rule or anti-affinity', () => {
    fc.assert(
      fc.property(arb, (s) => {
        const must = Array.from({ length: s.mustHosts }, (_, i) => `h-0${i + 1}`);
        const yaml = `
name: prop
platform: vsphere
until: 12h
hosts: [{ group: h, count: ${s.hosts}, cores: ${s.cores}, memoryGiB: 256, nicGbps: 25 }]
vms:
  - { group: web, count: ${s.web}, vcpus: 4, memoryGiB: 4, cpuUtilization: ${s.load} }
  - { group: db, count: ${s.db}, vcpus: 4, memoryGiB: 8, cpuUtilization: ${s.load} }
  - { group: pin, count: ${s.pinned}, vcpus: 2, memoryGiB: 4, cpuUtilization: ${s.load} }
rules:
  - { name: db-apart, kind: vmAntiAffinity, vms: "db-*" }
  - { name: pinned, kind: vmHost, vms: "pin-*", hosts: [${must.join(', ')}], mode: must }
policies: { placement: { enabled: true, threshold: ${s.threshold}, intervalSeconds: 300 }, ha: { admissionControl: false } }
schedule:
  - { at: ${s.surgeAtMin}m, do: setLoad, vms: "web-00*", cpuUtilization: ${s.surge} }
${s.maintenance ? '  - { at: 6h, do: rollingMaintenance, hosts: "h-01", workDuration: 20m }' : ''}
`;
        const { events, violations } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
        expect(violations).toEqual([]);
        const where = new Map<string, string>();
        const arriving = new Map<string, string>();
        const dbOn = (host: string, except: string) =>
          [...where].some(([vm, h]) => vm !== except && vm.startsWith('db') && h === host) ||
          [...arriving].some(([vm, h]) => vm !== except && vm.startsWith('db') && h === host);
        for (const e of events) {
          if (e.type === 'vm.place' || e.type === 'vm.boot') where.set(e.vm as string, e.host as string);
          if (e.type === 'balance.move' || e.type === 'vm.migration.start') {
            const vm = e.vm as string, to = e.to as string;
            if (vm.startsWith('pin')) expect(must).toContain(to);
            if (vm.startsWith('db')) expect(dbOn(to, vm), `${vm} to ${to} at ${e.t}`).toBe(false);
            if (e.type === 'vm.migration.start') arriving.set(vm, to);
          }
          if (e.type === 'vm.migration.end') {
            arriving.delete(e.vm as string);
            where.set(e.vm as string, e.to as string);
          }
          if (e.type === 'vm.migration.fail') arriving.delete(e.vm as string);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
