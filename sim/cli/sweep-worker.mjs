// The entry of a `hcisim sweep` worker thread. Loader hooks that bin/hcisim.js registered in the
// main thread do not reach worker threads, so this registers tsx again before loading the
// TypeScript worker, as bin/hcisim.js does for the process.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
