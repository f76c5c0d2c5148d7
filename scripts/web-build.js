// Builds the web app when its sources are newer than the last build (used by start and test).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'web/dist/index.html');

function newestMtime(target) {
  if (!statSync(target).isDirectory()) return statSync(target).mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

export function webBuildIsStale() {
  if (!existsSync(built)) return true;
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((p) => path.join(root, p));
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/** Returns false when the build failed. */
export function ensureWebBuild() {
  if (!webBuildIsStale()) return true;
  process.stdout.write('Building the web app…\n');
  return spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status === 0;
}
