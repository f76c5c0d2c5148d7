import { positiveEnv } from '../common/env.ts';
/** Knobs of `npm run bench:tiles`, from the environment; the defaults are what docs/benchmarks.md reports. */
const int = (name: string, fallback: number) => positiveEnv(name, fallback, { integer: true });

export type EngineKind = 'postgres' | 'pglite';

export const options = {
  /** Admin connection to the PostgreSQL server; the benchmark database is created next to it. */
  adminUrl: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: process.env.BENCH_TILES_DATABASE ?? 'alianza_bench_tiles',
  engines: (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',').map((e) => e.trim()).filter(Boolean) as EngineKind[],
  points: int('BENCH_POINTS', 1_000_000),
  /** Zoom levels measured. */
  zooms: (process.env.BENCH_ZOOMS ?? '8,10,12,14,16').split(',').map(Number),
  /** Most tiles of the Portland bbox per zoom (a seeded sample when there are more). */
  tilesPerZoom: int('BENCH_TILES_PER_ZOOM', 50),
  /** Seeded random tiles per zoom in a wider box around Portland, on top of those. */
  randomTiles: int('BENCH_RANDOM_TILES', 5),
  /** Measured passes over each zoom's tiles, after one warm-up pass. */
  rounds: int('BENCH_ROUNDS', 5),
  /** Set to 0 to leave docs/benchmarks.md untouched. */
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
};

for (const engine of options.engines) {
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`BENCH_ENGINES: unknown engine ${engine}`);
}
for (const z of options.zooms) if (!Number.isInteger(z) || z < 0 || z > 22) throw new Error('BENCH_ZOOMS: zoom levels 0–22');
if (!/^[a-z_][a-z0-9_]*$/.test(options.database)) throw new Error('BENCH_TILES_DATABASE must be a plain identifier');

export const log = (message: string) => process.stderr.write(`[bench:tiles] ${message}\n`);
