// Worker threads do not inherit the tsx loader registered in the main thread; register it
// here, then run the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./analysisWorker.ts');
