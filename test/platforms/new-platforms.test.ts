// Proxmox VE, Nutanix AHV and OpenShift Virtualization on hand-worked cases: their HA timing, what
// their maintenance does to each VM, their migration rules and their storage repair rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run.ts';
import { DowntimeEscalation } from '../../sim/ops/precopy-policy.ts';
import { scenarioFrom } from '../support/scenario.ts';

type Ev = { type: string; t: number; [k: string]: unknown };

const cluster = (platform: string, vms: string, extra = '') => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 5, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 2 } }]
vms: ${vms}
${extra}
`;

function downtimes(events: Ev[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events.filter((x) => x.type === 'vm.down')) {
    const up = events.find((x) => x.type === 'vm.up' && x.vm === e.vm && x.t >= e.t);
    out.set(String(e.vm), up === undefined ? Infinity : up.t - e.t);
  }
  return out;
}

describe('Proxmox VE', () => {
  const vms = '[{ group: ha, count: 5, vcpus: 2, memoryGiB: 8, ha: true }, { group: plain, count: 5, vcpus: 2, memoryGiB: 8 }]';

  it('restarts only HA resources after the 60 s watchdog and the lock (about 2 minutes); the others wait for the repair', () => {
    const text = cluster('proxmox', vms, 'schedule:\n  - { at: 1h, do: failHost, host: h-01, repairAfter: 4h }');
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    const p = summary.parameters.policies;
    expect(p.ha.detectionSeconds + p.ha.restartDelaySeconds).toBe(120);
    const victims = (events.find((e) => e.type === 'host.fail')!.vms as string[]);
    const protectedVictims = victims.filter((v) => v.startsWith('ha-'));
    const plainVictims = victims.filter((v) => v.startsWith('plain-'));
    expect(protectedVictims.length).toBeGreaterThan(0);
    expect(plainVictims.length).toBeGreaterThan(0);
    const down = downtimes(events as Ev[]);
    for (const v of protectedVictims) expect(down.get(v)).toBe((120 + p.vm.bootSeconds) * 1000);
    for (const v of plainVictims) expect(down.get(v)).toBe(4 * 3_600_000 + p.vm.bootSeconds * 1000);
    const unprotected = events.find((e) => e.type === 'ha.unprotected')!;
    expect(unprotected.vms).toEqual(plainVictims);
    // The summary tells the two apart: restarted elsewhere after 120 s + boot, booted on repair after 4 h + boot.
    const after = summary.vms.afterHostFailure;
    expect(after.crashed).toBe(victims.length);
    expect(after.elsewhere).toEqual({ count: protectedVictims.length, meanSeconds: 120 + p.vm.bootSeconds, maxSeconds: 120 + p.vm.bootSeconds });
    expect(after.sameHost).toEqual({ count: plainVictims.length, meanSeconds: 4 * 3600 + p.vm.bootSeconds, maxSeconds: 4 * 3600 + p.vm.bootSeconds });
    expect(after.stillDown).toBe(0);
  });

  it('node maintenance mode migrates HA resources; the other guests stop with the node and start when it returns', () => {
    const text = cluster('proxmox', vms, 'schedule:\n  - { at: 1h, do: rollingMaintenance, hosts: h-01, workDuration: 30m }');
    const { events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    const onHost = events.find((e) => e.type === 'host.maintenance.enter')!.vms as string[];
    const migrated = new Set(events.filter((e) => e.type === 'vm.migration.end').map((e) => String(e.vm)));
    const stopped = new Set(events.filter((e) => e.type === 'vm.shutdown' || (e.type === 'vm.down' && String(e.reason ?? '').includes('not under HA'))).map((e) => String(e.vm)));
    expect(onHost.some((v) => v.startsWith('ha-'))).toBe(true);
    expect(onHost.some((v) => v.startsWith('plain-'))).toBe(true);
    for (const v of onHost) {
      if (v.startsWith('ha-')) expect(migrated.has(v)).toBe(true);
      else {
        expect(migrated.has(v)).toBe(false);
        expect(stopped.has(v)).toBe(true);
        const up = events.filter((e) => e.type === 'vm.up' && e.vm === v).at(-1)!;
        expect(up.host).toBe('h-01');
      }
    }
  });

  describe('maintenance mode moves HA resources back (ha-manager maintenance_node)', () => {
    const four = (platform: string, extra = '') => `
name: t
platform: ${platform}
until: 2d
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 256, nicGbps: 10, disks: { count: 2, sizeTiB: 2 } }]
vms:
  - { group: ha, count: 12, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 40, workingSetGiB: 1, diskGiB: 20, ha: true }
  - { group: plain, count: 6, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 40, workingSetGiB: 1, diskGiB: 20 }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: "h-*", concurrency: 1, workDuration: 30m }
${extra}
`;
    const isBack = (e: { type: string; [k: string]: unknown }) => e.reason === 'maintenanceMoveBack';

    it('returns every HA guest to its node once that node leaves maintenance, in the same queue as the next node\'s evacuation', () => {
      const { events } = runScenario(scenarioFrom(four('proxmox')), { keepEvents: true, check: true });
      const home = new Map(events.filter((e) => e.type === 'vm.place').map((e) => [String(e.vm), String(e.host)]));
      const where = new Map(home);
      for (const e of events.filter((x) => x.type === 'vm.migration.end')) where.set(String(e.vm), String(e.to));
      for (const [vm, host] of home) if (vm.startsWith('ha-')) expect(where.get(vm), vm).toBe(host);
      const backs = events.filter((e) => e.type === 'vm.migration.start' && isBack(e));
      const evacuations = events.filter((e) => e.type === 'vm.migration.start' && !isBack(e));
      // Each of the 12 HA guests leaves its node once and comes back once: 24 migrations (15 without).
      expect(backs).toHaveLength(12);
      expect(evacuations).toHaveLength(12);
      expect(events.filter((e) => e.type === 'vm.migration.end')).toHaveLength(24);
      for (const b of backs) {
        expect(b.to).toBe(home.get(String(b.vm)));
        const end = events.find((e) => e.type === 'host.maintenance.end' && e.host === b.to)!;
        expect(b.t).toBe(end.t);
        expect(events.some((e) => e.type === 'vm.migration.queue' && e.vm === b.vm && e.t === b.t && isBack(e))).toBe(true);
      }
      // The rollout does not wait for the move-backs: the next node enters maintenance as the last one leaves.
      const ends = events.filter((e) => e.type === 'host.maintenance.end');
      const enters = events.filter((e) => e.type === 'host.maintenance.enter');
      for (let i = 1; i < enters.length; i++) expect(enters[i].t).toBe(ends[i - 1].t);
    });

    it('leaves them where maintenance put them when the setting is off, and vSphere has no move-back', () => {
      const off = runScenario(scenarioFrom(four('proxmox', 'policies: { ha: { maintenanceMovesBack: false } }')), { keepEvents: true });
      expect(off.events.filter((e) => e.type === 'vm.migration.end')).toHaveLength(15);
      expect(off.events.some(isBack)).toBe(false);
      const vsphere = runScenario(scenarioFrom(four('vsphere')), { keepEvents: true });
      expect(vsphere.summary.parameters.policies.ha.maintenanceMovesBack).toBe(false);
      expect(vsphere.events.some(isBack)).toBe(false);
    });
  });

  describe('migration type and network (datacenter.cfg migration: type=..., network=...)', () => {
    // One quiet 8 GiB HA guest: pre-copy sends its memory once, then stops and copies nothing.
    const one = (policies: string, nic = 'nicGbps: 25') => `
name: t
platform: proxmox
hosts: [{ group: h, count: 2, cores: 16, memoryGiB: 64, ${nic}, disks: { count: 2, sizeTiB: 1 } }]
vms: [{ group: v, count: 1, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 0, workingSetGiB: 0, diskGiB: 20, ha: true }]
policies: { migration: { setupSeconds: 0, ${policies} } }
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: h-01, workDuration: 10m }
`;
    const duration = (yaml: string) => {
      const { events } = runScenario(scenarioFrom(yaml), { keepEvents: true, check: true });
      return Number(events.find((e) => e.type === 'vm.migration.end')!.durationMs);
    };

    it('secure (the default) pushes the stream through SSH at 400 MiB/s; insecure runs at line rate', () => {
      // 8 GiB / 400 MiB/s = 20.48 s on a 25 GbE link that would carry it in 8 GiB / 3.125 GB/s = 2.75 s.
      expect(Math.abs(duration(one('tunnel: ssh')) - 20_480)).toBeLessThan(2);
      expect(Math.abs(duration(one('tunnel: none')) - (8 * 2 ** 30 / 3.125e9) * 1000)).toBeLessThan(2);
      expect(Math.abs(duration(one('sshTunnelMiBps: 800')) - 10_240)).toBeLessThan(2);
      // A bwlimit below the tunnel's rate is the cap.
      expect(Math.abs(duration(one('bandwidthMiBps: 100')) - 81_920)).toBeLessThan(2);
    });

    it('network storage moves the migration onto the storage NIC (a dedicated migration network)', () => {
      const nic = 'nicGbps: 1, storageNicGbps: 25';
      // 8 GiB over the 1 GbE cluster network: 68.7 s; over the 25 GbE one: 2.75 s.
      expect(Math.abs(duration(one('tunnel: none', nic)) - (8 * 2 ** 30 / 0.125e9) * 1000)).toBeLessThan(2);
      expect(Math.abs(duration(one('tunnel: none, network: storage', nic)) - (8 * 2 ** 30 / 3.125e9) * 1000)).toBeLessThan(2);
      // A host without a storage NIC migrates over its main one either way.
      expect(duration(one('tunnel: none, network: storage', 'nicGbps: 1'))).toBe(duration(one('tunnel: none', 'nicGbps: 1')));
    });
  });

  it('a group with ha: false on vSphere stays down after a host failure while the rest restart', () => {
    const mixed = '[{ group: a, count: 5, vcpus: 2, memoryGiB: 8 }, { group: b, count: 5, vcpus: 2, memoryGiB: 8, ha: false }]';
    const text = cluster('vsphere', mixed, 'schedule:\n  - { at: 1h, do: failHost, host: h-01, repairAfter: 2h }');
    const { events } = runScenario(scenarioFrom(text), { keepEvents: true });
    const down = downtimes(events as Ev[]);
    const victims = events.find((e) => e.type === 'host.fail')!.vms as string[];
    for (const v of victims) {
      if (v.startsWith('b-')) expect(down.get(v)).toBeGreaterThanOrEqual(2 * 3_600_000);
      else expect(down.get(v)).toBeLessThan(5 * 60_000);
    }
  });

  it("doubles the allowed downtime after six rising polls, as qemu-server's phase2 loop does", () => {
    const e = new DowntimeEscalation(100, 6);
    const doubled: number[] = [];
    // Rounds every 0.5 s: only one rise per 1 s poll counts, so the first doubling comes at t = 5 s.
    for (let t = 0; t <= 20_000; t += 500) if (e.roundEnded(t)) doubled.push(t);
    expect(doubled.slice(0, 3)).toEqual([5000, 11_000, 17_000]);
    expect(e.maxDowntimeMs).toBe(800);
    const capped = new DowntimeEscalation(1_500_000, 1);
    capped.roundEnded(0);
    expect(capped.maxDowntimeMs).toBe(2_000_000);
    expect(new DowntimeEscalation(100, 0).roundEnded(0)).toBe(false);
  });

  it('a VM that dirties faster than the link converges on Proxmox by escalation, where a fixed limit never lets it finish', () => {
    const hot = '[{ group: hot, count: 1, vcpus: 4, memoryGiB: 16, dirtyRateMiBps: 2000, workingSetGiB: 8, ha: true }]';
    const rollout = 'schedule:\n  - { at: 10m, do: rollingMaintenance, hosts: "h-*", workDuration: 10m }\nuntil: 1d';
    const off = 'policies: { migration: { allowAutoConverge: false } }';
    const { events } = runScenario(scenarioFrom(cluster('proxmox', hot, `${off}\n${rollout}`)), { keepEvents: true });
    const raises = events.filter((e) => e.type === 'vm.migration.downtime');
    expect(raises.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'vm.migration.end')).toBe(true);
    const fixed = `policies: { migration: { allowAutoConverge: false, downtimeEscalationRises: 0, preCopyRoundsMax: 200 } }`;
    const stuck = runScenario(scenarioFrom(cluster('proxmox', hot, `${fixed}\n${rollout}`)), { keepEvents: true });
    expect(stuck.events.some((e) => e.type === 'vm.migration.end')).toBe(false);
  });
});

describe('live migration with local disks (drive-mirror)', () => {
  // type=insecure (tunnel none) for the line-rate figures; the secure case is below.
  const local = (platform: string, tunnel = platform === 'proxmox' ? ', tunnel: none' : '') => `
name: t
platform: ${platform}
hosts: [{ group: h, count: 2, cores: 16, memoryGiB: 64, nicGbps: 10, disks: { count: 1, sizeTiB: 1 } }]
vms: [{ group: v, count: 1, vcpus: 2, memoryGiB: 2, dirtyRateMiBps: 0, workingSetGiB: 0, diskGiB: 10, diskWriteMiBps: 1 }]
storage: { kind: local, replicas: 1 }
policies: { ha: { maintenanceMovesOnlyProtected: false }, migration: { setupSeconds: 0${tunnel} } }
schedule:
  - { at: 1h, do: rollingMaintenance, hosts: h-01, workDuration: 10m }
`;

  it('mirrors the disk first (the whole disk, then the writes made meanwhile), then moves memory, and the disk now lives on the target', () => {
    const { events } = runScenario(scenarioFrom(local('proxmox')), { keepEvents: true, check: true });
    const start = events.find((e) => e.type === 'vm.migration.start')!;
    const mirror = events.find((e) => e.type === 'vm.migration.mirror')!;
    const end = events.find((e) => e.type === 'vm.migration.end')!;
    // 10 GiB over 10 Gb/s (1.25e9 B/s) = 8.59 s, then 8.59 s x 1 MiB/s of writes.
    const bulkMs = (10 * 2 ** 30 / 1.25e9) * 1000;
    const catchUp = Math.round((bulkMs / 1000) * 2 ** 20);
    // The engine's clock has millisecond steps: the catch-up is known to within a millisecond of writes.
    expect(Math.abs(Number(mirror.bytes) - (10 * 2 ** 30 + catchUp))).toBeLessThan(2 ** 20 / 1000 * 2);
    expect(Math.abs(Number(mirror.durationMs) - (bulkMs + (catchUp / 1.25e9) * 1000))).toBeLessThan(2);
    expect(end.transferredBytes).toBe(Number(mirror.bytes) + 2 * 2 ** 30);
    expect(Number(end.durationMs)).toBeGreaterThan(Number(mirror.durationMs));
    const move = events.find((e) => e.type === 'replica.move')!;
    expect([move.from, move.to]).toEqual([start.from, start.to]);
    expect(events.some((e) => e.type === 'vm.down')).toBe(false);
  });

  it('type=secure tunnels the NBD stream through SSH too: the mirror runs at 400 MiB/s', () => {
    const { events } = runScenario(scenarioFrom(local('proxmox', '')), { keepEvents: true, check: true });
    const mirror = events.find((e) => e.type === 'vm.migration.mirror')!;
    // 10 GiB at 400 MiB/s = 25.6 s, then 25.6 MiB of writes at 400 MiB/s = 64 ms.
    expect(Math.abs(Number(mirror.durationMs) - 25_664)).toBeLessThan(3);
  });

  it('a platform without it shuts the VM down for the maintenance instead', () => {
    const { events } = runScenario(scenarioFrom(local('vsphere')), { keepEvents: true, check: true });
    expect(events.some((e) => e.type === 'vm.migration.start')).toBe(false);
    expect(events.some((e) => e.type === 'vm.down')).toBe(true);
  });
});

describe('Proxmox VE with local ZFS and storage replication', () => {
  const zfs = (schedule: string) => cluster('proxmox', '[{ group: v, count: 10, vcpus: 2, memoryGiB: 8, diskGiB: 50, diskWriteMiBps: 2, ha: true }]',
    `storage: { kind: zfs, replicas: 2 }\nschedule:\n${schedule}`);

  it('restarts a failed node\'s HA guests only where their replica is, losing the writes since the last 15-minute run', () => {
    // The node fails at 2 h 7 min: the last run started at 2 h 0 min, so 420 s of writes at 2 MiB/s are gone.
    const { summary, events } = runScenario(scenarioFrom(zfs('  - { at: 127m, do: failHost, host: h-01, repairAfter: 1d }')), { keepEvents: true, check: true });
    const replicaOf = new Map(events.filter((e) => e.type === 'storage.place').map((e) => [String(e.set), (e.copies as { host: string }[])[1].host]));
    const losses = events.filter((e) => e.type === 'replication.loss');
    const victims = events.find((e) => e.type === 'host.fail')!.vms as string[];
    expect(losses.map((e) => e.vm)).toEqual(victims);
    for (const loss of losses) {
      expect(loss.lagMs).toBe(420_000);
      expect(loss.bytes).toBe(420 * 2 * 2 ** 20);
      expect(loss.to).toBe(replicaOf.get(String(loss.vm)));
      const placed = events.find((e) => e.type === 'vm.place' && e.vm === loss.vm && e.reason === 'HA restart')!;
      expect(placed.host).toBe(replicaOf.get(String(loss.vm)));
    }
    expect(summary.storage.replicationLoss).toEqual({ vms: victims.length, lostGiB: Math.round((victims.length * 840 / 1024) * 1000) / 1000, maxLagSeconds: 420 });
  });

  it('migrates a guest in maintenance only to a node that holds its replica', () => {
    const { events } = runScenario(scenarioFrom(zfs('  - { at: 1h, do: rollingMaintenance, hosts: h-02, workDuration: 20m }')), { keepEvents: true, check: true });
    const replicas = new Map(events.filter((e) => e.type === 'storage.place').map((e) => [String(e.set), (e.copies as { host: string }[]).map((c) => c.host)]));
    const moved = events.filter((e) => e.type === 'vm.migration.end');
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) expect(replicas.get(String(m.vm))).toContain(m.to);
  });

  it('computes the replication lag on the clock of the job schedule', async () => {
    const { replicationLagMs } = await import('../../sim/storage/zfs.ts');
    expect(replicationLagMs(7_620_000, 900)).toBe(420_000);
    expect(replicationLagMs(7_200_000, 900)).toBe(0);
    expect(replicationLagMs(59_000, 60)).toBe(59_000);
  });
});

describe('Nutanix AHV', () => {
  const vms = '[{ group: v, count: 10, vcpus: 2, memoryGiB: 8, diskGiB: 50 }]';

  it("keeps a VM's first copy on its own node (data locality) and the second on a peer (RF2)", () => {
    const { events } = runScenario(scenarioFrom(cluster('nutanix', vms)), { keepEvents: true });
    for (const place of events.filter((e) => e.type === 'storage.place')) {
      const vm = String(place.set);
      const host = events.find((e) => e.type === 'vm.place' && e.vm === vm)!.host;
      const copies = place.copies as { host: string }[];
      expect(copies).toHaveLength(2);
      expect(copies[0].host).toBe(host);
      expect(copies[1].host).not.toBe(host);
    }
  });

  it("re-replicates a failed node's copies after the 60 s repair delay, from and to every other node at once", () => {
    const text = cluster('nutanix', vms, 'schedule:\n  - { at: 1h, do: failHost, host: h-01, repairAfter: never }');
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    expect(summary.parameters.policies.storage.repairDelay).toBe(60);
    const failAt = events.find((e) => e.type === 'host.fail')!.t;
    const starts = events.filter((e) => e.type === 'replica.rebuild.start' && e.t >= failAt);
    expect(starts.length).toBeGreaterThan(1);
    expect(Math.min(...starts.map((e) => e.t)) - failAt).toBe(60_000);
    const sources = new Set(starts.flatMap((e) => e.from as string[]));
    const targets = new Set(starts.map((e) => String(e.to)));
    expect(sources.size).toBeGreaterThan(1);
    expect(targets.size).toBeGreaterThan(1);
    expect(summary.endOfRun.volumesDegraded).toBe(0);
  });

  it('rebuilds nothing for a node in planned maintenance: its copies wait and resync when it returns', () => {
    const text = cluster('nutanix', vms, 'schedule:\n  - { at: 1h, do: rollingMaintenance, hosts: h-01, workDuration: 2h }');
    const { events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    const start = events.find((e) => e.type === 'host.maintenance.start')!.t;
    const end = events.find((e) => e.type === 'host.maintenance.end')!.t;
    const during = events.filter((e) => e.type === 'replica.rebuild.start' && e.t >= start && e.t < end);
    expect(during).toEqual([]);
    const after = events.filter((e) => e.type === 'replica.rebuild.start' && e.t >= end);
    expect(after.length).toBeGreaterThan(0);
    // Besides the resyncs, only data-locality moves (of the VMs that left h-01): no new copy is made.
    const moves = new Set(events.filter((e) => e.type === 'replica.localise').map((e) => `${e.t} ${e.set}`));
    for (const e of after) expect(e.kind === 'resync' || (e.kind === 'evacuate' && moves.has(`${e.t} ${e.set}`))).toBe(true);
    expect(after.some((e) => e.kind === 'resync')).toBe(true);
  });
});

describe('Nutanix ADS (hotspot relief)', () => {
  // Placement by free memory puts most VMs on the two big nodes; at 1 h every VM goes to 90 % of its
  // vCPUs: the big nodes want more than their 12.8 usable cores (16 less the CVM's 20 %), the small ones have room.
  const ads = (extra = '') => `
name: ads
platform: nutanix
seed: 1
until: 6h
${extra}
hosts:
  - { group: big, count: 2, cores: 16, memoryGiB: 512, nicGbps: 25, disks: { count: 2, sizeTiB: 2 } }
  - { group: small, count: 2, cores: 16, memoryGiB: 96, nicGbps: 25, disks: { count: 2, sizeTiB: 2 } }
vms:
  - { group: v, count: 20, vcpus: 2, memoryGiB: 8, cpuUtilization: 0.2, diskGiB: 20 }
schedule:
  - { at: 1h, do: setLoad, vms: "v-*", cpuUtilization: 0.9 }
`;

  it('moves VMs off nodes above 85 % CPU to nodes below it, on its 15-minute cycle, and contention falls', () => {
    const on = runScenario(scenarioFrom(ads()), { keepEvents: true, check: true });
    const off = runScenario(scenarioFrom(ads('policies: { placement: { enabled: false } }')), {});
    expect(on.summary.parameters.policies.placement).toMatchObject({ enabled: true, balancer: 'lowNodeUtilization', intervalSeconds: 900, highUtilizationPercent: 85 });
    const moves = on.events.filter((e) => e.type === 'balance.move');
    expect(moves.length).toBeGreaterThan(0);
    for (const m of moves) {
      expect(String(m.from)).toMatch(/^big-/);
      expect(String(m.to)).toMatch(/^small-/);
      expect(m.t).toBeGreaterThanOrEqual(3_600_000);
      expect(m.t).toBeLessThanOrEqual(3_600_000 + 900_000);
    }
    expect(off.summary.cpu.contendedVmHours).toBeGreaterThan(10 * on.summary.cpu.contendedVmHours);
  });
});

describe('OpenShift Virtualization', () => {
  const vms = '[{ group: v, count: 10, vcpus: 2, memoryGiB: 8 }]';

  it('uses the migration defaults of the latest HyperConverged operator release (v1.18.1)', () => {
    const { summary } = runScenario(scenarioFrom(cluster('openshift', vms)), {});
    const m = summary.parameters.policies.migration;
    expect([m.maxParallelPerCluster, m.maxParallelOutboundPerHost, m.completionTimeoutPerGiBSeconds, m.progressTimeoutSeconds]).toEqual([5, 2, 150, 150]);
    expect(summary.parameters.policies.placement.vcpuOvercommit).toBe(10);
  });

  it('without a remediation operator a dead node keeps its VMs down until it returns', () => {
    const text = cluster('openshift', vms, 'schedule:\n  - { at: 1h, do: failHost, host: h-01, repairAfter: 6h }');
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    const boot = summary.parameters.policies.vm.bootSeconds * 1000;
    const down = downtimes(events as Ev[]);
    expect(down.size).toBeGreaterThan(0);
    for (const ms of down.values()) expect(ms).toBe(6 * 3_600_000 + boot);
  });

  it('with Node Health Check and Self Node Remediation the VMs restart after 50 + 300 s and the 180 s safe reboot time', () => {
    const text = cluster('openshift', vms, 'policies: { ha: { enabled: true } }\nschedule:\n  - { at: 1h, do: failHost, host: h-01, repairAfter: 6h }');
    const { summary, events } = runScenario(scenarioFrom(text), { keepEvents: true, check: true });
    const boot = summary.parameters.policies.vm.bootSeconds * 1000;
    for (const ms of downtimes(events as Ev[]).values()) expect(ms).toBe((350 + 180) * 1000 + boot);
  });
});

describe('migration limits during a drain, per platform', () => {
  // Twelve quiet VMs on the host being drained: the most migrations out of it at once is the
  // platform's per-node limit (Proxmox max_workers 4; HCO parallelOutboundMigrationsPerNode 1;
  // AHV 2, an assumption).
  const drain = (platform: string) => `
name: drain
platform: ${platform}
until: 1d
hosts: [{ group: h, count: 4, cores: 32, memoryGiB: 512, nicGbps: 10, disks: { count: 2, sizeTiB: 2 } }]
vms: [{ group: v, count: 12, vcpus: 2, memoryGiB: 8, dirtyRateMiBps: 10, workingSetGiB: 1, diskGiB: 20, ha: true }]
rules:
  - { name: start-on-h01, kind: vmHost, vms: "v-*", hosts: [h-01], mode: should }
policies: { placement: { enabled: false } }
schedule:
  - { at: 10m, do: rollingMaintenance, hosts: h-01, workDuration: 10m }
`;

  function peakOutbound(events: Ev[], host: string): number {
    let now = 0, peak = 0;
    for (const e of events) {
      if (e.type === 'vm.migration.start' && e.from === host) peak = Math.max(peak, ++now);
      if ((e.type === 'vm.migration.end' || e.type === 'vm.migration.fail') && e.from === host) now--;
    }
    return peak;
  }

  for (const [platform, limit] of [['proxmox', 4], ['openshift', 2], ['nutanix', 2]] as const) {
    it(`${platform}: at most ${limit} at once out of the draining host, and the limit is reached`, () => {
      const { events } = runScenario(scenarioFrom(drain(platform)), { keepEvents: true, check: true });
      const onHost = (events.find((e) => e.type === 'host.maintenance.enter')!.vms as string[]).length;
      expect(onHost).toBeGreaterThan(limit);
      expect(peakOutbound(events as Ev[], 'h-01')).toBe(limit);
    });
  }
});
