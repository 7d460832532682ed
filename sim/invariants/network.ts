// Safety: no NIC direction carries more than its capacity (max-min sharing must never oversubscribe).
import type { World } from '../ops/world.ts';
import type { Finding, StateChecker } from './types.ts';

export const network: StateChecker = {
  kind: 'state',
  name: 'network',
  description: 'NIC flow rates never exceed capacity, in either direction',
  check(world: World): Finding | undefined {
    for (const link of world.network.links()) {
      if (link.loadBytesPerSec > link.capacityBytesPerSec * (1 + 1e-9)) {
        return {
          message: `${link.host} ${link.network} ${link.direction}: ${link.loadBytesPerSec} B/s over capacity ${link.capacityBytesPerSec}`,
          state: { link: { host: link.host, network: link.network, direction: link.direction, loadBytesPerSec: link.loadBytesPerSec, capacityBytesPerSec: link.capacityBytesPerSec } },
        };
      }
    }
    return undefined;
  },
};
