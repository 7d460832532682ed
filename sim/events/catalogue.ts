// The event catalogue: every event type a run can emit, with its fields. `Engine.emit` is typed
// against it, so a renamed or missing field is a compile error in the emitter, the summary, the
// invariant checkers and the replay view alike. docs/events.md is generated from it
// (test/events/catalogue.test.ts), and a test checks every event a run emits against it.
import type { z } from 'zod';
import type { Engine } from '../core/engine.ts';
import { CPU_EVENTS } from './cpu-events.ts';
import { HOST_EVENTS } from './host-events.ts';
import { MANAGEMENT_EVENTS } from './management-events.ts';
import { STORAGE_EVENTS } from './storage-events.ts';
import { STOP_EVENTS } from './stop-events.ts';
import { VM_EVENTS } from './vm-events.ts';

export const EVENT_CATALOGUE = { ...HOST_EVENTS, ...VM_EVENTS, ...STORAGE_EVENTS, ...MANAGEMENT_EVENTS, ...STOP_EVENTS, ...CPU_EVENTS };

type Catalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof Catalogue & string;
/** The fields of one event type, besides `t` and `type`. */
export type EventFields<K extends EventType> = z.infer<Catalogue[K]['fields']>;
/** The fields of every event type, by type: the shape `Engine<Events>` checks `emit` against. */
export type Events = { [K in EventType]: EventFields<K> };
/** One trace event: a discriminated union on `type`. */
export type SimEvent = { [K in EventType]: { t: number; type: K } & EventFields<K> }[EventType];
/** The event of one type. */
export type EventOf<K extends EventType> = Extract<SimEvent, { type: K }>;

export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_CATALOGUE, type);

/** The engine of a run: `emit` checked against the catalogue. */
export type SimEngine = Engine<Events>;
