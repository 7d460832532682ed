import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsOn, sizeScenario } from '../../sim/sizing/index.ts';
import { scenarioFrom } from '../support/scenario.ts';

const vmArb = fc.record({ vcpus: fc.integer({ min: 1, max: 16 }), memoryGiB: fc.integer({ min: 1, max: 60 }), count: fc.integer({ min: 1, max: 6 }) });

describe('sizing, on random small workloads', () => {
  it('answers the smallest host count that fits: it fits there and on no fewer hosts, whatever the lower bound', () => {
    fc.assert(
      fc.property(fc.array(vmArb, { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 1 }), fc.constantFrom(0, 20), fc.constantFrom('baremetal', 'vsphere'), (groups, ha, headroom, platform) => {
        const vms = groups.map((g, i) => `{ group: g${i}, count: ${g.count}, vcpus: ${g.vcpus}, memoryGiB: ${g.memoryGiB}, workingSetGiB: 1, diskGiB: 0 }`).join(', ');
        const s = scenarioFrom(`name: p\nplatform: ${platform}\nstorage: { kind: ${platform === 'vsphere' ? 'vsan' : 'local'} }\nhosts: [{ group: h, count: 1, cores: 16, memoryGiB: 96 }]\nvms: [${vms}]\n`);
        const options = { haHostFailures: ha, headroomPercent: headroom };
        const r = sizeScenario(s, options);
        expect(r.hostsNeeded).not.toBeNull();
        const needed = r.hostsNeeded!;
        expect(r.lowerBound).toBeLessThanOrEqual(needed);
        expect(fitsOn(s, needed, options).ok).toBe(true);
        for (let h = 1; h < needed; h++) expect(fitsOn(s, h, options).ok, `${h} hosts`).toBe(false);
        if (needed > 1) expect(r.binding).not.toBe('none');
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
