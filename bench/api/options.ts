import { positiveEnv } from '../common/env.ts';
/** Knobs of `npm run bench:api`, from the environment; the defaults are what docs/benchmarks.md reports. */
const int = (name: string, fallback: number) => positiveEnv(name, fallback);

export type EngineKind = 'postgres' | 'pglite';

export const options = {
  /** Admin connection to the PostgreSQL server; the benchmark database is created next to it. */
  adminUrl: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: process.env.BENCH_PG_DATABASE ?? 'alianza_bench',
  engines: (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()).filter(Boolean) as EngineKind[],
  scenarios: new Set((process.env.BENCH_SCENARIOS ?? 'read,write').split(',').map((s) => s.trim())),
  notes: int('BENCH_NOTES', 2000),
  connections: int('BENCH_CONNECTIONS', 50),
  durationSeconds: int('BENCH_DURATION', 10),
  warmupSeconds: int('BENCH_WARMUP', 2),
  /** Skip the raw-driver and in-process loops (e.g. when only profiling the server). */
  apiOnly: process.env.BENCH_API_ONLY === '1',
  /** A directory: the server child runs with --cpu-prof and writes its profile there. */
  cpuProfDir: process.env.BENCH_CPU_PROF || null,
  /** Set to 0 to leave docs/benchmarks.md untouched (e.g. exploratory or profiled runs). */
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
};

for (const engine of options.engines) {
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
}
if (!/^[a-z_][a-z0-9_]*$/.test(options.database)) throw new Error('BENCH_PG_DATABASE must be a plain identifier');

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
