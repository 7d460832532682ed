// The event trace: every state change the models make is recorded here, in time order, as a plain
// record `{t, type, ...fields}`. The summary, the replay view and the invariant checkers all read
// this one record, and its running hash proves two runs identical (Node, worker, browser).

export interface TraceEvent {
  /** Simulated time in milliseconds. */
  t: number;
  /** Dotted, subject first, verb last: `vm.migration.start`. */
  type: string;
  [field: string]: unknown;
}

export type TraceListener = (event: TraceEvent) => void;

export class Trace {
  readonly events: TraceEvent[] = [];
  private readonly listeners: TraceListener[] = [];
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  private count = 0;

  constructor(private readonly keepEvents = true) {}

  get length(): number {
    return this.count;
  }

  subscribe(listener: TraceListener): void {
    this.listeners.push(listener);
  }

  record(event: TraceEvent): void {
    this.count++;
    this.mix(eventLine(event));
    if (this.keepEvents) this.events.push(event);
    for (const listener of this.listeners) listener(event);
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

/** The events.jsonl form of an event: time in seconds first, then the fields in insertion order. */
export function eventLine(event: TraceEvent): string {
  const { t, ...rest } = event;
  return JSON.stringify({ t: t / 1000, ...rest });
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
