// Safety: the platform's migration concurrency limits hold at every instant, counted from the trace
// alone (vm.migration.start opens a migration, .end / .fail closes it).
import type { TraceEvent } from '../core/trace.ts';
import type { World } from '../ops/world.ts';

export class MigrationLimitChecker {
  private readonly open = new Map<string, { from: string; to: string }>();

  observe(event: TraceEvent, world: World): string | undefined {
    const vm = event.vm as string;
    if (event.type === 'vm.migration.end' || event.type === 'vm.migration.fail') this.open.delete(vm);
    if (event.type !== 'vm.migration.start') return undefined;
    const from = event.from as string, to = event.to as string;
    this.open.set(vm, { from, to });
    const m = world.params.policies.migration;
    const all = [...this.open.values()];
    if (m.maxParallelPerCluster > 0 && all.length > m.maxParallelPerCluster) return `${all.length} migrations at once, limit ${m.maxParallelPerCluster} per cluster`;
    const out = all.filter((x) => x.from === from).length;
    if (m.maxParallelOutboundPerHost > 0 && out > m.maxParallelOutboundPerHost) return `${out} migrations out of ${from}, limit ${m.maxParallelOutboundPerHost}`;
    for (const host of [from, to]) {
      const slow = world.cluster.host(host).spec.nicGbps < 10 && m.maxParallelPerHostSlowNic > 0;
      const limit = slow ? m.maxParallelPerHostSlowNic : m.maxParallelPerHost;
      const n = all.filter((x) => x.from === host || x.to === host).length;
      if (limit > 0 && n > limit) return `${n} migrations touch ${host}, limit ${limit}`;
    }
    return undefined;
  }
}
