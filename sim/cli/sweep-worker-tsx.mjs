// The sweep worker's entry when the pool runs from the TypeScript sources (vitest, or
// `node --import tsx bench/...`). Neither vitest's transform nor loader hooks registered in the main
// thread reach a worker thread on Node 20, so this registers tsx (a devDependency, present wherever
// the sources run) before loading the TypeScript worker. The installed CLI never comes here: its
// compiled pool starts the compiled worker directly.
import { register } from 'tsx/esm/api';

register();
await import('./sweep-worker.ts');
