#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only drag,compare] [-- --runs 7] [-- --no-build] [-- --strict]`
// The scenarios are TypeScript that import the product's own code (shared/, electron/),
// so tsx is registered here and the runner continues in bench.ts.
import { register } from 'tsx/esm/api';

register();
await import('./bench.ts');
