// The wire between the browser's page and its simulation worker (comlink): types only, no runtime
// code, so both sides import it without pulling the other's code in. Events travel as packed
// batches: the events.jsonl lines of many events, UTF-8 in one transferable byte array, so a run of
// 100,000 events crosses the thread boundary in a few dozen messages instead of 100,000.
import type { Override } from '../scenario/load.ts';
import type { Summary } from '../summary.ts';

export interface RunRequest {
  /** The scenario file's text (YAML or JSON). */
  text: string;
  /** Its name, as problems are reported against it. */
  fileName: string;
  /** Knobs laid on the file before validation (the same as `hcisim sweep --set`). */
  overrides: Override[];
  /** Overrides the scenario's seed (`--seed`). */
  seed?: number;
  /** Engine events per step: a batch is posted and the worker yields after each. */
  stepEvents?: number;
}

/** Events since the previous batch: their events.jsonl lines joined by '\n', UTF-8. */
export interface EventBatch {
  bytes: Uint8Array;
  /** Events in `bytes`. */
  events: number;
  /** Events emitted so far, this batch included. */
  eventCount: number;
  nowMs: number;
  /** Where the run ends at the latest (the scenario's `until`, or the 400-day bound). */
  endMs: number;
  /** The scenario has an explicit end, so nowMs / endMs is a true fraction of the run. */
  bounded: boolean;
}

/** A problem of the scenario file, formatted `FILE:LINE:COL: path: message`. */
export type ProblemLine = string;

export type RunOutcome =
  | { kind: 'done'; summary: Summary; traceHash: string; eventCount: number; warnings: ProblemLine[] }
  | { kind: 'invalid'; problems: ProblemLine[] }
  | { kind: 'cancelled'; eventCount: number };

export type BatchListener = (batch: EventBatch) => void | Promise<void>;

/** What the worker exposes through comlink. */
export interface SimWorkerApi {
  run(request: RunRequest, onBatch: BatchListener): Promise<RunOutcome>;
  /** Stops the run in progress at its next step; run() then resolves with `cancelled`. */
  cancel(): void;
}
