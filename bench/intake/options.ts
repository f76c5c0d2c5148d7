import { positiveEnv } from '../common/env.ts';
/** Knobs of `npm run bench:intake`, from the environment; the defaults are what docs/benchmarks.md reports. */

export type EngineKind = 'postgres' | 'pglite';

export const options = {
  /** Admin connection to the PostgreSQL server; the benchmark database is created next to it. */
  adminUrl: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: process.env.BENCH_PG_DATABASE ?? 'alianza_bench_intake',
  engines: (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()).filter(Boolean) as EngineKind[],
  connections: positiveEnv('BENCH_CONNECTIONS', 50, { integer: true }),
  durationSeconds: positiveEnv('BENCH_DURATION', 30),
  warmupSeconds: positiveEnv('BENCH_WARMUP', 2),
  /** Follow-up requests in flight while reading the tips back (each verifies one argon2id hash). */
  readBackConcurrency: positiveEnv('BENCH_READBACK_CONCURRENCY', 8, { integer: true }),
  /** Seconds into the load at which the kill test sends SIGKILL to the server. */
  killAfterSeconds: positiveEnv('BENCH_KILL_AFTER', 10),
  /** Seconds of each in-process argon2id reference loop. */
  referenceSeconds: positiveEnv('BENCH_REFERENCE_SECONDS', 5),
  /** Set to 0 to skip the kill -9 test. */
  killTest: process.env.BENCH_KILL !== '0',
  /** Set to 0 to leave docs/benchmarks.md untouched (e.g. exploratory runs). */
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
};

for (const engine of options.engines) {
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
}
if (!/^[a-z_][a-z0-9_]*$/.test(options.database)) throw new Error('BENCH_PG_DATABASE must be a plain identifier');

export const log = (message: string) => process.stderr.write(`[bench:intake] ${message}\n`);
