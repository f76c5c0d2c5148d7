// Entry of an analysis worker thread: TypeScript sources run through tsx, as in the main
// thread (bin/alianza.js), whose loader hooks worker threads do not inherit.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
