// Daily load curves: a VM group may give the CPU utilisation it keeps from each time of day on
// (a business day, a Black Friday). Each group's VMs step to the next point's value at that time,
// every day, recorded as one `vm.load` event per group and step, like a scheduled setLoad (the later
// of a setLoad and a curve point wins). A curve repeats for as long as the run lasts, so the scenario
// loader requires `until` when a group has one.
import type { World } from './world.ts';

const DAY_MS = 86_400_000;

interface Curve {
  group: string;
  vms: string[];
  points: { atMs: number; cpuUtilization: number }[];
}

export function startLoadCurves(world: World): void {
  const curves = new Map<string, Curve>();
  for (const id of world.cluster.vmIds) {
    const spec = world.cluster.vm(id).spec;
    if (spec.loadCurve === undefined || spec.loadCurve.length === 0) continue;
    let curve = curves.get(spec.group);
    if (curve === undefined) curves.set(spec.group, (curve = { group: spec.group, vms: [], points: spec.loadCurve }));
    curve.vms.push(id);
  }
  for (const curve of curves.values()) {
    const now = world.engine.now;
    // The value in effect now: the last point at or before this time of day (wrapping to yesterday's last).
    const timeOfDay = now % DAY_MS;
    let i = curve.points.findIndex((p) => p.atMs > timeOfDay);
    if (i === -1) i = curve.points.length;
    const current = curve.points[(i - 1 + curve.points.length) % curve.points.length];
    apply(world, curve, current.cpuUtilization);
    const dayStart = now - timeOfDay;
    schedule(world, curve, i % curve.points.length, i === curve.points.length ? dayStart + DAY_MS : dayStart);
  }
}

function schedule(world: World, curve: Curve, index: number, dayStartMs: number): void {
  world.engine.at(dayStartMs + curve.points[index].atMs, () => {
    apply(world, curve, curve.points[index].cpuUtilization);
    const next = (index + 1) % curve.points.length;
    schedule(world, curve, next, next === 0 ? dayStartMs + DAY_MS : dayStartMs);
  });
}

function apply(world: World, curve: Curve, cpuUtilization: number): void {
  const { cluster, engine } = world;
  for (const id of curve.vms) cluster.setCpuUtilization(cluster.vm(id), cpuUtilization);
  engine.emit('vm.load', { vms: curve.vms, cpuUtilization });
}
