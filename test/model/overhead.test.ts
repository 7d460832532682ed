import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { consumedCores, hostOverheadGiB, perVmOverheadMiB, usableCores } from '../../sim/model/overhead.ts';
import type { OverheadParameters } from '../../sim/platforms/parameters.ts';
import { profileFor } from '../../sim/platforms/index.ts';

const kubevirt: OverheadParameters = {
  cpuTaxPercent: 0,
  cpuConsumedPercent: 0,
  hostMemoryGiB: 0,
  perVmMemoryMiB: null,
  perVmMemoryModel: 'kubevirt',
  guestMemoryOverheadRatio: 1,
};
const esxi: OverheadParameters = { ...kubevirt, perVmMemoryModel: 'esxi' };

// platform-facts §7.2: ESXi 6.5/6.7 sample overhead memory (MB), rows by VM memory (MB).
const ESXI_TABLE: ReadonlyArray<[number, [number, number, number, number]]> = [
  [256, [20.29, 24.28, 32.23, 48.16]],
  [1024, [25.9, 29.91, 37.86, 53.82]],
  [4096, [48.64, 52.72, 60.67, 76.78]],
  [16384, [139.62, 143.98, 151.93, 168.6]],
];
const ESXI_VCPUS = [1, 2, 4, 8];

describe('perVmOverheadMiB', () => {
  it('gives 328 Mi for the KubeVirt worked example of 4 vCPU and 8 Gi', () => {
    expect(perVmOverheadMiB({ vcpus: 4, memoryGiB: 8 }, kubevirt)).toBe(328);
  });

  it('multiplies the KubeVirt overhead by Harvester\'s ratio 1.5 to 492 Mi', () => {
    const harvester = profileFor('harvester').defaults.overhead;
    expect(perVmOverheadMiB({ vcpus: 4, memoryGiB: 8 }, harvester)).toBe(492);
  });

  it('matches every cell of the ESXi overhead table within 3 MB', () => {
    for (const [memoryMB, row] of ESXI_TABLE) {
      row.forEach((expected, i) => {
        const got = perVmOverheadMiB({ vcpus: ESXI_VCPUS[i], memoryGiB: memoryMB / 1024 }, esxi);
        expect(Math.abs(got - expected), `${memoryMB} MB, ${ESXI_VCPUS[i]} vCPU`).toBeLessThanOrEqual(3);
      });
    }
  });

  it('uses perVmMemoryMiB when it is set, whatever the model', () => {
    for (const model of ['kubevirt', 'esxi', 'fixed'] as const) {
      const overhead = { ...kubevirt, perVmMemoryModel: model, perVmMemoryMiB: 150 };
      expect(perVmOverheadMiB({ vcpus: 16, memoryGiB: 64 }, overhead)).toBe(150);
    }
  });

  it('is zero for the fixed model without a figure', () => {
    const fixed: OverheadParameters = { ...kubevirt, perVmMemoryModel: 'fixed' };
    expect(perVmOverheadMiB({ vcpus: 4, memoryGiB: 8 }, fixed)).toBe(0);
  });

  it('grows with memory and with vCPUs under every computed model', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 128 }),
        fc.double({ min: 0.25, max: 1024, noNaN: true }),
        fc.constantFrom(kubevirt, esxi),
        (vcpus, memoryGiB, overhead) => {
          const base = perVmOverheadMiB({ vcpus, memoryGiB }, overhead);
          expect(perVmOverheadMiB({ vcpus: vcpus + 1, memoryGiB }, overhead)).toBeGreaterThan(base);
          expect(perVmOverheadMiB({ vcpus, memoryGiB: memoryGiB * 2 }, overhead)).toBeGreaterThan(base);
        },
      ),
    );
  });
});

describe('host overhead', () => {
  it('is all zero on bare metal', () => {
    const overhead = profileFor('baremetal').defaults.overhead;
    expect(perVmOverheadMiB({ vcpus: 8, memoryGiB: 64 }, overhead)).toBe(0);
    expect(hostOverheadGiB(overhead)).toBe(0);
    expect(usableCores(32, overhead)).toBe(32);
  });

  it('keeps hostMemoryGiB per host', () => {
    expect(hostOverheadGiB({ ...kubevirt, hostMemoryGiB: 8 })).toBe(8);
  });

  it('removes cpuTaxPercent of the cores', () => {
    expect(usableCores(40, { ...kubevirt, cpuTaxPercent: 15 })).toBeCloseTo(34, 10);
  });

  it('counts the consumed share apart from the reservation', () => {
    const o = { ...kubevirt, cpuTaxPercent: 15, cpuConsumedPercent: 4.6 };
    expect(usableCores(40, o)).toBeCloseTo(34, 10);
    expect(consumedCores(40, o)).toBeCloseTo(1.84, 10);
  });

  it('Harvester reserves more CPU than it burns (Longhorn requests are shares, harvester#3262)', () => {
    const o = profileFor('harvester').defaults.overhead;
    expect(o.cpuConsumedPercent).toBeLessThan(o.cpuTaxPercent);
    expect(o.cpuTaxPercent - o.cpuConsumedPercent).toBeGreaterThan(10);
  });
});
