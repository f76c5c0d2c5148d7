#!/usr/bin/env node
// `npm test`: type-check, then the whole suite on the engine chosen by DATABASE_URL
// (embedded PGlite when unset). Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;
const report = '.cache/vitest-report.json';

const engine = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).pathname.slice(1)})` : 'embedded PGlite';
process.stdout.write(`Alianza tests on ${engine}\n`);
if (run('npx', ['tsc', '--noEmit', '-p', '.']) !== 0 || run('npx', ['tsc', '--noEmit', '-p', 'web']) !== 0) process.exit(1);
rmSync(report, { force: true });
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  process.stdout.write(`\n${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  if (r.numTotalTests === 0) process.exit(1);
}
process.exit(status);
