// Safety: no NIC direction carries more than its capacity (max-min sharing must never oversubscribe).
import type { World } from '../ops/world.ts';

export function checkNetwork(world: World): string | undefined {
  for (const link of world.network.links()) {
    if (link.loadBytesPerSec > link.capacityBytesPerSec * (1 + 1e-9)) {
      return `${link.host} ${link.network} ${link.direction}: ${link.loadBytesPerSec} B/s over capacity ${link.capacityBytesPerSec}`;
    }
  }
  return undefined;
}
