#!/usr/bin/env node
// `npm start`: builds the web app when its sources are newer than the last build, then
// starts the server (which serves the built app, the API and the embedded database).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'web/src'), path.join(root, 'web/index.html')];
const stale = !existsSync(built) || Math.max(...sources.map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs))) > statSync(built).mtimeMs;
if (stale && process.env.ALIANZA_SKIP_WEB_BUILD !== '1') {
  process.stdout.write('Building the web app…\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// The server runs in this process, so SIGTERM from a process manager reaches it directly.
process.argv = [process.argv[0], path.join(root, 'bin/alianza.js'), 'serve'];
await import('../bin/alianza.js');
