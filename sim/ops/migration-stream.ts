// What one live-migration stream travels over: which host NIC (the main one, or the storage network
// when the platform is told to migrate there: Proxmox datacenter.cfg `migration: network=<CIDR>`) and
// the rate one stream may reach, the lower of the platform's bandwidth limit and its tunnel's (an SSH
// tunnel, Proxmox's `type=secure`, pushes every byte through one cipher stream). Pre-copy, the disk
// mirror, the concurrency limits and the balancer's cost estimate all read it here, so they agree.
import type { HostSpec } from '../model/specs.ts';
import type { NetworkName } from '../model/network-name.ts';
import type { MigrationParameters } from '../platforms/parameters.ts';

const MiB = 2 ** 20;

/** The fluid network's link set the migration's flows use. */
export function migrationNetwork(m: MigrationParameters): NetworkName {
  return m.network === 'storage' ? 'storage' : 'migration';
}

/** The cap on one migration stream, bytes/s; undefined = as fast as the NIC shares allow. */
export function streamCapBytesPerSec(m: MigrationParameters): number | undefined {
  const caps: number[] = [];
  if (m.bandwidthMiBps > 0) caps.push(m.bandwidthMiBps * MiB);
  if (m.tunnel === 'ssh' && m.sshTunnelMiBps > 0) caps.push(m.sshTunnelMiBps * MiB);
  return caps.length === 0 ? undefined : Math.min(...caps);
}

/** Speed of the NIC a host's migrations use, Gb/s (the storage NIC falls back to the main one, as its links do). */
export function migrationNicGbps(host: HostSpec, m: MigrationParameters): number {
  return m.network === 'storage' ? (host.storageNicGbps ?? host.nicGbps) : host.nicGbps;
}
