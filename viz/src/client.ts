// The page's side of the worker: starts a run, turns its packed batches back into events, cancels.
// The worker is inlined in the page (a blob URL), so it loads from a file:// page too. The worker
// waits until a whole batch is parsed (its onBatch call resolves last): that is the back-pressure.
import * as Comlink from 'comlink';
import type { EventBatch, RunOutcome, RunRequest, SimWorkerApi } from '../../sim/worker/protocol.ts';
import type { TraceEvent } from './replay/state.ts';
import { unpackInSlices } from './unpack.ts';
import SimWorker from './worker.ts?worker&inline';

export interface RunHandlers {
  onEvents(events: TraceEvent[], batch: EventBatch): void;
}

export class SimClient {
  private worker = new SimWorker();
  private api = Comlink.wrap<SimWorkerApi>(this.worker);

  run(request: RunRequest, handlers: RunHandlers): Promise<RunOutcome> {
    const onBatch = (batch: EventBatch) => unpackInSlices(batch.bytes, (events) => handlers.onEvents(events, batch));
    return this.api.run(request, Comlink.proxy(onBatch));
  }

  cancel(): void {
    void this.api.cancel();
  }
}
