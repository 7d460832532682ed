// Events of operations held up by a management-plane outage (vCenter, Keystone, the Harvester /
// Kubernetes API): an operation that would start now but needs the API waits, and is released when
// the API returns. The summary's `management.delayedOperations` is a fold over these two events.
import { z } from 'zod';
import { num, spec, text } from './fields.ts';

/**
 * What can wait for the management plane: a live migration, a cold restart's placement, an HA
 * restart on a platform whose HA needs the API, a rollout host entering maintenance (drain start),
 * starting its work once drained, or leaving maintenance after it, and a balancing (DRS) pass.
 */
export const DELAYED_OPERATION_KINDS = ['migration', 'placement', 'haRestart', 'maintenanceEnter', 'maintenanceStart', 'maintenanceExit', 'balance'] as const;
export type DelayedOperationKind = (typeof DELAYED_OPERATION_KINDS)[number];

const kind = z.enum(DELAYED_OPERATION_KINDS).describe(`what waits: ${DELAYED_OPERATION_KINDS.join(', ')}`);

export const MANAGEMENT_EVENTS = {
  'management.operation.delay': spec('an operation that would start now waits for the management plane (once per operation and outage)', {
    kind, subject: text('the VM or host it concerns (the cluster for a balancing pass)'),
  }),
  'management.operation.resume': spec('the management plane is back: an operation that waited for it may start', {
    kind, subject: text('the VM or host it concerns'), delayMs: num('how long it waited for the management plane'),
  }),
};
