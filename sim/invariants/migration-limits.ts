// Safety: the platform's migration concurrency limits hold at every instant, counted from the trace
// alone: vm.migration.start opens a migration, .end / .fail closes it; host NIC speeds come from
// run.start. Counts are kept per host as migrations open and close, so each event costs O(1).
import type { SimEvent } from '../events/catalogue.ts';
import type { Parameters } from '../platforms/parameters.ts';
import type { Finding, TraceChecker, TraceObserver } from './types.ts';

export const migrationLimits: TraceChecker = {
  kind: 'trace',
  name: 'migrationLimits',
  description: 'live migrations never exceed the per-cluster, per-host and outbound concurrency limits',
  start(parameters: Parameters): TraceObserver {
    const m = parameters.policies.migration;
    const open = new Map<string, { from: string; to: string }>();
    const touching = new Map<string, number>();
    const outbound = new Map<string, number>();
    const slowNic = new Set<string>();
    const add = (counts: Map<string, number>, host: string, n: number) => counts.set(host, (counts.get(host) ?? 0) + n);
    const close = (vm: string) => {
      const run = open.get(vm);
      if (run === undefined) return;
      open.delete(vm);
      add(outbound, run.from, -1);
      add(touching, run.from, -1);
      add(touching, run.to, -1);
    };
    return {
      observe(event: SimEvent): Finding | undefined {
        if (event.type === 'run.start') for (const h of event.cluster.hosts) if (h.nicGbps < 10) slowNic.add(h.id);
        if (event.type === 'vm.migration.end' || event.type === 'vm.migration.fail') close(event.vm);
        if (event.type !== 'vm.migration.start') return undefined;
        const { from, to } = event;
        close(event.vm);
        open.set(event.vm, { from, to });
        add(outbound, from, 1);
        add(touching, from, 1);
        add(touching, to, 1);
        const state = { open: Object.fromEntries(open) };
        if (m.maxParallelPerCluster > 0 && open.size > m.maxParallelPerCluster) return { message: `${open.size} migrations at once, limit ${m.maxParallelPerCluster} per cluster`, state };
        const out = outbound.get(from)!;
        if (m.maxParallelOutboundPerHost > 0 && out > m.maxParallelOutboundPerHost) return { message: `${out} migrations out of ${from}, limit ${m.maxParallelOutboundPerHost}`, state };
        for (const host of [from, to]) {
          const limit = slowNic.has(host) && m.maxParallelPerHostSlowNic > 0 ? m.maxParallelPerHostSlowNic : m.maxParallelPerHost;
          const n = touching.get(host)!;
          if (limit > 0 && n > limit) return { message: `${n} migrations touch ${host}, limit ${limit}`, state };
        }
        return undefined;
      },
    };
  },
};
