// Safety, from the trace: simulated time never goes back, and every time is a whole, finite number
// of milliseconds (the engine's clock unit).
import type { SimEvent } from '../events/catalogue.ts';
import type { Finding, TraceChecker, TraceObserver } from './types.ts';

export const clock: TraceChecker = {
  kind: 'trace',
  name: 'clock',
  description: 'simulated time never goes back',
  start(): TraceObserver {
    let last = 0;
    return {
      observe(event: SimEvent): Finding | undefined {
        if (!Number.isInteger(event.t) || event.t < 0) return { message: `${event.type} at t=${event.t} ms: not a whole, non-negative number of ms` };
        if (event.t < last) return { message: `${event.type} at ${event.t} ms comes after an event at ${last} ms` };
        last = event.t;
        return undefined;
      },
    };
  },
};
