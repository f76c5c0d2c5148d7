#!/usr/bin/env node
// `npm test`: type-check, then the whole suite on the engine chosen by DATABASE_URL
// (embedded PGlite when unset). Browser tests run in Debian's Chromium when it is installed
// (CHROMIUM_PATH, default /usr/bin/chromium) and are left out, with a message, when it is not.
// Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureWebBuild } from './web-build.js';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const report = '.cache/vitest-report.json';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const engine = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).pathname.slice(1)})` : 'embedded PGlite';
process.stdout.write(`Alianza tests on ${engine}\n`);
for (const project of ['.', 'web', 'tsconfig.e2e.json']) if (run('npx', ['tsc', '--noEmit', '-p', project]) !== 0) process.exit(1);

const extra = [];
const browser = existsSync(chromium);
if (browser) {
  if (!ensureWebBuild()) process.exit(1);
} else {
  extra.push('--exclude', 'web/e2e/**');
  process.stdout.write(`\nBROWSER TESTS SKIPPED: no Chromium at ${chromium}. Install Debian's chromium (apt-get install chromium) to run them.\n\n`);
}
rmSync(report, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(`\n${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  if (!browser) process.stdout.write('(browser tests skipped: no Chromium)\n');
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(status);
