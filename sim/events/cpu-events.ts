// Events of the CPU model and of the balancers: a host's CPU demand against its usable CPU (what a
// view draws as host CPU over time), and each balancing pass and move with why it was chosen.
import { z } from 'zod';
import { count, host, num, reason, spec, text, vm } from './fields.ts';

const moveCandidate = z.object({
  host: z.string(), imbalanceAfter: z.number(), score: z.number(),
});

export const CPU_EVENTS = {
  'host.cpu': spec("a host's CPU demand, migration CPU or contention changed (emitted once per instant per changed host)", {
    host: host(),
    demandGHz: num('CPU the VMs running here ask for: sum of vcpus x cpuUtilization x coreGHz'),
    migrationGHz: num('CPU the live migrations touching the host take'),
    usableGHz: num('cores x coreGHz x (1 - cpuConsumedPercent/100): what the platform\'s services leave to guests'),
    utilization: num('CPU in use over usable CPU, 0-1: min(usable, demand + migration) / usable'),
    contendedVms: count('VMs getting less CPU than they demand'),
    readyPercentMax: num('largest CPU-ready share among its VMs: 100 x (demand - fair share) / vCPUs, in % of a vCPU'),
  }),
  'balance.pass': spec('a balancing pass found the cluster out of balance or a rule violated (passes with nothing to do are not recorded)', {
    balancer: text('drs | lowNodeUtilization'),
    imbalance: num('standard deviation of host CPU load (demand + migration over usable) across hosts in service'),
    targetImbalance: num('drs: the largest imbalance the threshold tolerates (-1: threshold 1 never balances); lowNodeUtilization: 0'),
    priority: num('drs: 6 - ceil(imbalance / 0.1 x sqrt(hosts)), applied when <= threshold; lowNodeUtilization: 0'),
    threshold: count('the migration threshold (1 = mandatory moves only)'),
    moves: count('moves this pass started'),
    mandatory: count('of which rule-violation fixes'),
    stopReason: reason('why the pass stopped: balanced, no move passes the filters and cost-benefit check, move limit'),
  }),
  'balance.move': spec('a balancing pass moves a VM (the live migration follows)', {
    vm: vm(), from: host('source host'), to: host('target host'),
    reason: z.enum(['imbalance', 'rule']).describe('imbalance: load balancing; rule: a VM-host should rule was violated'),
    imbalanceBefore: num('host-load standard deviation before the move (in the pass\'s model)'),
    imbalanceAfter: num('host-load standard deviation after it'),
    benefitGHzSeconds: num('imbalance removed x usable GHz of the hosts in service x benefitSeconds'),
    costGHzSeconds: num('migration CPU on both hosts x estimated migration time'),
    candidates: z.array(moveCandidate).describe('the best targets for this VM (at most 3), best first: imbalance after the move and placement score'),
  }),
} as const;
