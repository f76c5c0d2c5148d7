#!/usr/bin/env node
// `npm test`: type-check, then the whole suite on the engine chosen by DATABASE_URL
// (embedded PGlite when unset). Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

const engine = process.env.DATABASE_URL ? `PostgreSQL (${new URL(process.env.DATABASE_URL).pathname.slice(1)})` : 'embedded PGlite';
process.stdout.write(`Alianza tests on ${engine}\n`);
if (run('npx', ['tsc', '--noEmit', '-p', '.']) !== 0) process.exit(1);
process.exit(run('npx', ['vitest', 'run', ...process.argv.slice(2)]));
