// The file's `rules` (vSphere DRS rules, honoured by every platform's placement here) resolved onto
// the expanded VMs, and the checks of daily load curves. An anti-affinity rule gives its VMs a
// label the placement filter already enforces (one label per VM, so a VM can be in one
// anti-affinity group); a VM-host rule gives its VMs the hosts they must or should run on.
// Problems carry the path of the offending field, so the loader reports them with line and column.
import { validDurationMs } from './duration.ts';
import { describeNames, matchNames } from './expand.ts';
import type { Finding } from './problem.ts';
import type { RuleFile, ScenarioFile } from './schema.ts';
import type { HostSpec, VmSpec } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * Sets each rule on its VMs (mutating the specs) and returns what is wrong with the rules (errors)
 * and rules that are legal but constrain nothing (warnings).
 */
export function applyRules(rules: readonly RuleFile[], hosts: readonly HostSpec[], vms: VmSpec[]): { errors: Finding[]; warnings: Finding[] } {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const vmById = new Map(vms.map((v) => [v.id, v]));
  const names = new Map<string, number>();
  rules.forEach((rule, i) => {
    const first = names.get(rule.name);
    if (first !== undefined) errors.push({ path: ['rules', i, 'name'], message: `duplicate rule name '${rule.name}' (also rules.${first})` });
    else names.set(rule.name, i);
    const members = resolve(rule.vms, vms, ['rules', i, 'vms'], 'VM', errors).map((id) => vmById.get(id)!);
    if (rule.kind === 'vmAntiAffinity') {
      // A VM is always apart from itself: with one VM the rule keeps nothing apart.
      if (members.length === 1) warnings.push({ path: ['rules', i, 'vms'], message: `the rule matches one VM (${members[0].id}): anti-affinity keeps at least 2 VMs apart, so it constrains nothing` });
      return antiAffinity(rule.name, members, hosts.length, i, errors);
    }
    const ruleHosts = resolve(rule.hosts, hosts, ['rules', i, 'hosts'], 'host', errors);
    for (const vm of members) {
      const key = rule.mode === 'must' ? 'mustHosts' : 'shouldHosts';
      if (vm[key] !== undefined) {
        errors.push({ path: ['rules', i, 'vms'], message: `${vm.id} is already in another VM-host ${rule.mode} rule (a VM follows one of each)` });
        return;
      }
      vm[key] = ruleHosts;
    }
  });
  return { errors, warnings };
}

function antiAffinity(name: string, members: VmSpec[], hostCount: number, i: number, errors: Finding[]): void {
  if (members.length > hostCount) {
    errors.push({ path: ['rules', i, 'vms'], message: `${members.length} VMs kept apart need ${members.length} hosts; the cluster has ${hostCount}` });
  }
  for (const vm of members) {
    if (vm.antiAffinity !== undefined) {
      errors.push({ path: ['rules', i, 'vms'], message: `${vm.id} already has anti-affinity '${vm.antiAffinity}' (a VM can be in one anti-affinity group)` });
      return;
    }
    vm.antiAffinity = `rule:${name}`;
  }
}

function resolve(target: string | string[], members: readonly { id: string; group: string }[], path: (string | number)[], what: string, errors: Finding[]): string[] {
  const patterns = typeof target === 'string' ? [target] : target;
  const { names, unmatched } = matchNames(patterns, members.map((m) => m.id));
  for (const k of unmatched) {
    errors.push({ path: typeof target === 'string' ? path : [...path, k], message: `'${patterns[k]}' matches no ${what} (${what}s: ${describeNames(members)})` });
  }
  return names;
}

/** A daily load curve: times of day below 24h in increasing order; it repeats every day, so the run needs `until`. */
export function checkLoadCurves(file: ScenarioFile): Finding[] {
  const errors: Finding[] = [];
  file.vms.forEach((g, i) => {
    if (g.loadCurve === undefined) return;
    if (file.until === undefined) errors.push({ path: ['vms', i, 'loadCurve'], message: 'a daily load curve repeats every day: set until to end the run' });
    let last = -1;
    g.loadCurve.forEach((p, k) => {
      const ms = validDurationMs(p.at);
      if (ms >= DAY_MS) errors.push({ path: ['vms', i, 'loadCurve', k, 'at'], message: 'a time of day must be below 24h' });
      else if (ms <= last) errors.push({ path: ['vms', i, 'loadCurve', k, 'at'], message: 'times of day must increase' });
      last = Math.max(last, ms);
    });
  });
  return errors;
}
