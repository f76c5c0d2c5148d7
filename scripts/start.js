#!/usr/bin/env node
// `npm start`: builds the web app when its sources are newer than the last build, then
// starts the server (which serves the built app, the API and the embedded database).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from './web-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
if (process.env.ALIANZA_SKIP_WEB_BUILD !== '1' && !ensureWebBuild()) process.exit(1);
// The server runs in this process, so SIGTERM from a process manager reaches it directly.
process.argv = [process.argv[0], path.join(root, 'bin/alianza.js'), 'serve'];
await import('../bin/alianza.js');
