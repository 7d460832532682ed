// Random disk and host failures from the scenario's `failures` rates. Each device gets its own
// random stream (`faults/disk/<host>/<n>`, `faults/host/<host>`), so adding a host or a draw never
// shifts another device's failure times. Times between failures are exponential with
// MTTF = 1 year / (AFR/100): AFR as Backblaze computes it, failures per device-year (platform-facts
// §8.1, §8.2). A device draws its next failure when it is back in service (disk replaced, host repaired).
import type { Rng } from '../core/rng.ts';
import type { FailureRates } from '../scenario/types.ts';
import type { Faults } from './faults.ts';
import type { World } from './world.ts';

const YEAR_MS = 8766 * 3_600_000;

export function scheduleRandomFailures(world: World, faults: Faults, rates: FailureRates): void {
  const { cluster, engine } = world;
  for (const hostId of cluster.hostIds) {
    if (rates.hostAfrPercent > 0) {
      const rng = engine.stream(`faults/host/${hostId}`);
      const next = (): void => {
        engine.after(timeToFailureMs(rng, rates.hostAfrPercent), () => {
          if (cluster.host(hostId).status === 'failed') return next();
          engine.emit('fault.random', { device: 'host', host: hostId });
          faults.failHost(hostId, rates.hostRepairMs);
          engine.after(rates.hostRepairMs, next);
        });
      };
      next();
    }
    if (rates.diskAfrPercent <= 0) continue;
    for (let disk = 0; disk < cluster.host(hostId).spec.disks.count; disk++) {
      const rng = engine.stream(`faults/disk/${hostId}/${disk}`);
      const next = (): void => {
        engine.after(timeToFailureMs(rng, rates.diskAfrPercent), () => {
          engine.emit('fault.random', { device: 'disk', host: hostId, disk });
          faults.failDisk(hostId, disk, rates.diskReplaceMs);
          engine.after(rates.diskReplaceMs, next);
        });
      };
      next();
    }
  }
}

function timeToFailureMs(rng: Rng, afrPercent: number): number {
  return rng.exponential(YEAR_MS / (afrPercent / 100));
}
