// The simulation worker: the engine runs here, so the page stays responsive during a long run.
import * as Comlink from 'comlink';
import { driveRun } from '../../sim/worker/drive.ts';
import type { SimWorkerApi } from '../../sim/worker/protocol.ts';

let cancelled = false;

const api: SimWorkerApi = {
  run(request, onBatch) {
    cancelled = false;
    // The batch's bytes are transferred, not copied: the worker never touches them again.
    return driveRun(request, (batch) => onBatch(Comlink.transfer(batch, [batch.bytes.buffer])), () => cancelled);
  },
  cancel() {
    cancelled = true;
  },
};

Comlink.expose(api);
