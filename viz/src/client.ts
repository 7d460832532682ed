// The page's side of the worker: starts a run, turns its packed batches back into events, cancels.
// The worker is inlined in the page (a blob URL), so it loads from a file:// page too.
import * as Comlink from 'comlink';
import { unpackBatch } from '../../sim/worker/drive.ts';
import type { EventBatch, RunOutcome, RunRequest, SimWorkerApi } from '../../sim/worker/protocol.ts';
import type { TraceEvent } from './replay/state.ts';
import SimWorker from './worker.ts?worker&inline';

export interface RunHandlers {
  onEvents(events: TraceEvent[], batch: EventBatch): void;
}

export class SimClient {
  private worker = new SimWorker();
  private api = Comlink.wrap<SimWorkerApi>(this.worker);

  run(request: RunRequest, handlers: RunHandlers): Promise<RunOutcome> {
    const onBatch = (batch: EventBatch) => {
      handlers.onEvents(unpackBatch(batch.bytes).map((line) => JSON.parse(line) as TraceEvent), batch);
    };
    return this.api.run(request, Comlink.proxy(onBatch));
  }

  cancel(): void {
    void this.api.cancel();
  }
}
