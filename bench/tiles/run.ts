import { recreatePostgisDatabase } from '../common/pg-admin.ts';
// `npm run bench:tiles`: vector tiles of a point layer at 1,000,000 points on PostgreSQL and
// PGlite (point layer + encodeTile, with the bare SQL and ST_AsMVT as references); prints a
// markdown table and rewrites its section of docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openEngine, type Engine } from '../../server/src/platform/db/engine.ts';
import { describeMachine } from '../api/machine.ts';
import { loadPoints, makePoints, type PointSet } from './data.ts';
import { measureZooms } from './measure.ts';
import { log, options } from './options.ts';
import { markdownTable, section, writeDocs, type EngineResult } from './report.ts';
import { reading } from './reading.ts';


async function benchEngine(name: EngineResult['engine'], engine: Engine, points: PointSet, reference: Engine | null = null): Promise<EngineResult> {
  log(`${name}: loading ${points.lon.length.toLocaleString('en-US')} points`);
  const load = await loadPoints(engine.db, points);
  log(`${name}: loaded in ${((load.insertMs + load.indexMs + load.analyzeMs) / 1000).toFixed(1)} s (insert ${(load.insertMs / 1000).toFixed(1)} s, index ${(load.indexMs / 1000).toFixed(1)} s)`);
  if (engine.kind === 'postgres') await sql`checkpoint`.execute(engine.db);
  return { engine: name, load, zooms: await measureZooms(name, engine.db, reference?.db ?? null) };
}

async function benchPostgres(points: PointSet): Promise<{ result: EngineResult; version: string }> {
  log(`PostgreSQL: recreating database ${options.database}`);
  const { url, version } = await recreatePostgisDatabase(options.adminUrl, options.database);
  const engine = await openEngine({ kind: 'postgres', url, poolSize: 2 });
  // The ST_AsMVT reference runs with JIT off: its cost estimate (ST_AsMVTGeom over the
  // planner's guess of 40,000 cells) crosses jit_optimize_above_cost, and compiling would add
  // ~70 ms per heavy tile that has nothing to do with encoding. The point layer's own
  // statements stay below jit_above_cost, so the stock setting does not touch them.
  const referenceUrl = new URL(url);
  referenceUrl.searchParams.set('options', '-c jit=off');
  const reference = await openEngine({ kind: 'postgres', url: referenceUrl.toString(), poolSize: 2 });
  try {
    return { result: await benchEngine('PostgreSQL', engine, points, reference), version };
  } finally {
    await reference.close();
    await engine.close();
  }
}

async function benchPglite(points: PointSet): Promise<EngineResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alianza-bench-tiles-'));
  const engine = await openEngine({ kind: 'pglite', dataDir: dir });
  try {
    await sql`create extension if not exists postgis`.execute(engine.db);
    return await benchEngine('PGlite', engine, points);
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadBefore = os.loadavg()[0]!;
const points = makePoints(options.points);
log(`points: ${points.description}`);
const results: EngineResult[] = [];
let postgresVersion: string | null = null;
for (const engine of options.engines) {
  if (engine === 'postgres') {
    const { result, version } = await benchPostgres(points);
    results.push(result);
    postgresVersion = version;
  } else {
    results.push(await benchPglite(points));
  }
}

const machine = describeMachine(postgresVersion);
const text = section(machine, points.description, results, reading(results), [loadBefore, os.loadavg()[0]!]);
process.stdout.write(`\n${markdownTable(results)}\n\n`);
if (!options.writeDocs) log('BENCH_WRITE_DOCS=0: docs/benchmarks.md left as it is');
else if (options.points !== 1_000_000) log(`${options.points} points, not 1,000,000: docs/benchmarks.md left as it is`);
else {
  writeDocs(text);
  log('docs/benchmarks.md updated');
}
