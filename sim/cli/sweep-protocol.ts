// The messages between `hcisim sweep`'s main thread and its workers (types only, no runtime code,
// as comlink keeps its wire types). A worker gets the scenario text and the grid once, then
// batches of runs; it answers each run with its figures and says when it is idle again.
import type { Override } from '../scenario/load.ts';

/** workerData: the scenario file's text (read once by the main thread) and each combination's overrides. */
export interface WorkerSetup {
  text: string;
  fileName: string;
  combinations: Override[][];
}

export interface Task {
  combination: number;
  run: number;
  seed: number;
}

export type ToWorker = { type: 'tasks'; tasks: Task[] };

export type FromWorker =
  /** `names` comes with a worker's first result only: every run reports the same figures. */
  | { type: 'result'; combination: number; run: number; names?: string[]; values: number[] }
  | { type: 'idle' }
  | { type: 'error'; task: Task; message: string; stack?: string };
