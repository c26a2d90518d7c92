// Imported first by tests that load the client's React module: lets its `import … from 'react'`
// find the tests' React (support/peer-resolve.mjs).
import { register } from 'node:module';

register('./peer-resolve.mjs', import.meta.url);
