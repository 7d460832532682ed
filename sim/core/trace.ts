// The event trace: every state change the models make is recorded here, in time order, as a plain
// record `{t, type, ...fields}`. The trace is a stream, not a store: each event goes, as it is
// emitted, to the listeners (the events.jsonl writer, the summary, the invariant checkers, a view)
// and into a running hash that proves two runs identical (Node, worker, browser). Only a caller that
// asks for it (`keepEvents`, for tests) keeps the events in memory.

export interface TraceEvent {
  /** Simulated time in milliseconds. */
  t: number;
  /** Dotted, subject first, verb last: `vm.migration.start`. */
  type: string;
  [field: string]: unknown;
}

/** Receives each event with its events.jsonl line (already built for the hash: writers reuse it). */
export type TraceListener<E = TraceEvent> = (event: E, line: string) => void;

export class Trace<E extends TraceEvent = TraceEvent> {
  /** Every event so far, only when the trace was made with `keepEvents` (tests); else empty. */
  readonly events: E[] = [];
  private listeners: TraceListener<E>[] = [];
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  private count = 0;
  private lastMs = 0;

  constructor(private readonly keepEvents = false) {}

  get length(): number {
    return this.count;
  }

  /** Time of the latest event (0 before any). */
  get lastEventMs(): number {
    return this.lastMs;
  }

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: TraceListener<E>): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Records one event: `fields` (without `t` and `type`) becomes the event object listeners get. */
  record(t: number, type: string, fields: object): E {
    // The fields object becomes the event (emitters pass a fresh literal): copying every event into
    // a new object was a tenth of a large run's garbage. An object emitted before (it has a type
    // already) is copied without its old time and type instead.
    const body = 'type' in fields ? withoutTimeAndType(fields) : fields;
    const line = eventLineOf(t, type, body);
    const event = Object.assign(body, { t, type }) as unknown as E;
    this.count++;
    this.lastMs = t;
    this.mix(line);
    if (this.keepEvents) this.events.push(event);
    for (const listener of this.listeners) listener(event, line);
    return event;
  }

  /** 64-bit digest (two FNV-1a style lanes) of every event's JSON line, as 16 hex digits. */
  hash(): string {
    return hex(this.h1) + hex(this.h2);
  }

  private mix(line: string): void {
    let a = this.h1, b = this.h2;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a = Math.imul(a ^ 10, 0x01000193);
    this.h1 = a >>> 0;
    this.h2 = b >>> 0;
  }
}

/** The events.jsonl form of an event: time in seconds first, then the type and fields in insertion order. */
export function eventLine(event: TraceEvent): string {
  const { t, type, ...rest } = event;
  return eventLineOf(t, type, rest);
}

/**
 * The same line built without spreading the event into a new object: the fields' own JSON with the
 * time and type put in front (identical to JSON.stringify({t: t / 1000, type, ...fields})).
 */
function eventLineOf(t: number, type: string, fields: object): string {
  const body = JSON.stringify(fields);
  const head = `{"t":${JSON.stringify(t / 1000)},"type":${JSON.stringify(type)}`;
  return body.length === 2 ? `${head}}` : `${head},${body.slice(1)}`;
}

function withoutTimeAndType(fields: object): object {
  const { t: _t, type: _type, ...rest } = fields as { t?: unknown; type?: unknown };
  return rest;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
