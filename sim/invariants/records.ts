// The records a violation shows: the model's own fields, copied as plain data so a report can print
// them after the run moved on.
import type { Host, Vm } from '../model/cluster.ts';
import type { ReplicaSet } from '../storage/types.ts';

export const vmRecord = (vm: Vm) => ({ id: vm.id, status: vm.status, host: vm.host ?? null, footprintMiB: vm.footprintMiB, antiAffinity: vm.spec.antiAffinity ?? null });

export const hostRecord = (h: Host) => ({
  id: h.id, status: h.status, usedMiB: h.usedMiB, allocatableMiB: h.allocatableMiB, usedVcpus: h.usedVcpus, usableCores: h.usableCores,
  vms: [...h.vms], incoming: [...h.incoming], rack: h.spec.rack ?? null,
});

export const setRecord = (s: ReplicaSet) => ({
  name: s.name, wantedData: s.wantedData, lost: s.lost,
  copies: s.copies.map((c) => ({ host: c.host, disk: c.disk, state: c.state, witness: c.witness, ...(c.durability ? { durability: true } : {}) })),
});
