// Field builders for the event catalogue: each field is a zod schema with its meaning (and unit,
// where the name does not carry one) in its description, so one declaration gives the TypeScript
// type every emitter and reader is checked against, the runtime check of the catalogue test, and
// docs/events.md.
import { z } from 'zod';

export const host = (what = 'host id') => z.string().describe(what);
export const vm = (what = 'VM id') => z.string().describe(what);
export const text = (what: string) => z.string().describe(what);
export const count = (what: string) => z.number().int().nonnegative().describe(what);
export const num = (what: string) => z.number().describe(what);
export const flag = (what: string) => z.boolean().describe(what);
export const ids = (what: string) => z.array(z.string()).describe(what);
export const set = () => z.string().describe('replica set: the volume id, or pg-<n> for a Ceph placement group');
export const disk = () => z.number().int().nonnegative().describe('disk index on its host (0-based)');
export const reason = (what = 'why, in words') => z.string().describe(what);

export const health = z.enum(['healthy', 'degraded', 'inaccessible', 'lost']);
export const copyKind = z.enum(['rebuild', 'resync', 'evacuate']).describe('rebuild: a new copy; resync: a returning copy catches up; evacuate: a copy moved to another host (off a host before maintenance, or to its VM\'s node for data locality)');
export const diskLocation = z.object({ host: z.string(), disk: z.number().int() });

/** One event type: when it is emitted and its fields (besides `t` and `type`). */
export interface EventSpec {
  when: string;
  fields: z.ZodObject;
}

export const spec = <F extends z.ZodRawShape>(when: string, fields: F) => ({ when, fields: z.object(fields).strict() });
