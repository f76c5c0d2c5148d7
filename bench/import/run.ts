// `npm run bench:import`: a seeded 1,000,000-row CSV of Portland-like calls for service (EPSG:2913
// feet) imported into PostgreSQL and PGlite through the import itself (runImport), against
// PostgreSQL COPY of the same rows into an equivalent table in the same run; prints the results
// and rewrites its section of docs/benchmarks.md.
import { chmodSync, createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../server/src/config.ts';
import { seedDemoWorld } from '../../server/src/modules/demo/service.ts';
import { runImport, type ImportCounts } from '../../server/src/modules/imports/run-import.ts';
import { systemActor, type Actor } from '../../server/src/platform/auth/actor.ts';
import { openEngine, type Engine } from '../../server/src/platform/db/engine.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { createLogger } from '../../server/src/platform/logging/logger.ts';
import { createContext } from '../../server/src/platform.ts';
import { describeMachine } from '../api/machine.ts';
import { writeDocsSection } from '../common/docs-section.ts';
import { positiveEnv } from '../common/env.ts';
import { adminQuery, recreatePostgisDatabase } from '../common/pg-admin.ts';
import { BENCH_MAPPING, BENCH_PROFILE, COPY_COLUMNS, generate } from './data.ts';

const options = {
  adminUrl: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: 'alianza_bench_import',
  rows: positiveEnv('BENCH_ROWS', 1_000_000, { integer: true }),
  seed: positiveEnv('BENCH_SEED', 20160801, { integer: true }),
  engines: (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(','),
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
  writers: process.env.BENCH_WRITERS ? positiveEnv('BENCH_WRITERS', 2, { integer: true }) : undefined,
};
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => os.loadavg()[0]!.toFixed(2);
// Fixed ids for the COPY file; the import's own rows get the demo world's ids.
const COPY_IDS = { orgId: '00000000-0000-4000-8000-00000000b0a1', userId: '00000000-0000-4000-8000-00000000b0a2' };

interface Run {
  engine: string;
  seconds: number;
  counts: ImportCounts;
  rerunSeconds: number;
  rerun: ImportCounts;
  loadBefore: string;
  loadAfter: string;
}

/** The demo world (organisations with overlapping jurisdictions, as areas to assign) and its police analyst. */
async function prepare(engine: Engine) {
  await migrate(engine.db);
  const ctx = createContext({ ...loadConfig({ NODE_ENV: 'test', ALIANZA_JOBS: 'false' }), demo: false }, engine, createLogger('warn', undefined), { cachePrincipals: false });
  const world = (await seedDemoWorld(ctx, systemActor()))!;
  const orgId = world.organizationIds.police!;
  const analyst = await engine.db.selectFrom('users').select('id').where('email', '=', 'analyst@demo.alianza.example').executeTakeFirstOrThrow();
  await engine.db.deleteFrom('category_mappings').where('owner_org_id', '=', orgId).execute();
  await engine.db.insertInto('category_mappings').values(Object.entries(BENCH_MAPPING).map(([source_category, iccs_code]) => ({ owner_org_id: orgId, source_category, iccs_code }))).execute();
  const actor: Actor = { kind: 'user', userId: analyst.id, isPlatformAdmin: false, memberships: [{ orgId, role: 'analyst' }], scopes: null, requestId: null, locale: 'en' };
  return { ctx, actor, orgId };
}

async function importOnce(engine: Engine, file: string, prepared: Awaited<ReturnType<typeof prepare>>) {
  const started = performance.now();
  const size = statSync(file).size;
  let last = 0;
  const { counts } = await runImport(prepared.ctx, prepared.actor, {
    file: createReadStream(file, { highWaterMark: 1 << 20 }),
    profile: BENCH_PROFILE,
    ownerOrgId: prepared.orgId,
    tlp: 'AMBER',
    ...(options.writers ? { writers: options.writers } : {}),
    onProgress: (c) => {
      if (performance.now() - last > 5000) {
        last = performance.now();
        log(`  ${engine.kind}: ${c.records.toLocaleString('en')} rows, ${Math.round(c.records / ((last - started) / 1000)).toLocaleString('en')} rows/s (file ${(size / 1e6).toFixed(0)} MB)`);
      }
    },
  });
  return { seconds: (performance.now() - started) / 1000, counts };
}

async function measure(engine: Engine, name: string, file: string): Promise<Run> {
  const prepared = await prepare(engine);
  const loadBefore = load();
  log(`${name}: importing ${options.rows.toLocaleString('en')} rows (load ${loadBefore})`);
  const first = await importOnce(engine, file, prepared);
  log(`${name}: ${first.seconds.toFixed(1)} s, ${Math.round(first.counts.records / first.seconds).toLocaleString('en')} rows/s; re-running the same file`);
  const again = await importOnce(engine, file, prepared);
  log(`${name}: re-run ${again.seconds.toFixed(1)} s (${again.counts.unchanged.toLocaleString('en')} unchanged)`);
  return { engine: name, seconds: first.seconds, counts: first.counts, rerunSeconds: again.seconds, rerun: again.counts, loadBefore, loadAfter: load() };
}

/** PostgreSQL COPY (server-side, from the file) of the same rows into a table like incidents, with its indexes and no trigger. */
async function copyReference(url: string, copyFile: string) {
  await adminQuery(url, 'drop table if exists bench_copy');
  await adminQuery(url, 'create table bench_copy (like incidents including defaults including constraints including indexes)');
  await adminQuery(url, 'checkpoint');
  const started = performance.now();
  await adminQuery(url, `copy bench_copy (${COPY_COLUMNS.join(', ')}) from '${copyFile}' with (format csv)`);
  const seconds = (performance.now() - started) / 1000;
  const rows = Number((await adminQuery(url, 'select count(*) as n from bench_copy')).rows[0].n);
  await adminQuery(url, 'drop table bench_copy');
  return { seconds, rows };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alianza-bench-import-'));
  chmodSync(dir, 0o755); // COPY reads the reference file as the database server's user
  const file = path.join(dir, 'calls.csv');
  const copyFile = path.join(dir, 'incidents.csv');
  try {
    log(`generating ${options.rows.toLocaleString('en')} rows (seed ${options.seed}) in ${dir}`);
    let started = performance.now();
    await generate(file, copyFile, options.rows, options.seed, COPY_IDS);
    const generated = { seconds: (performance.now() - started) / 1000, bytes: statSync(file).size };
    const runs: Run[] = [];
    let copy: { seconds: number; rows: number } | null = null;
    let pgVersion: string | null = null;
    if (options.engines.includes('postgres')) {
      const { url, version } = await recreatePostgisDatabase(options.adminUrl, options.database);
      pgVersion = version;
      const engine = await openEngine({ kind: 'postgres', url });
      try {
        runs.push(await measure(engine, 'PostgreSQL', file));
        log(`PostgreSQL: COPY of the same rows (load ${load()})`);
        copy = await copyReference(url, copyFile);
        log(`PostgreSQL: COPY ${copy.seconds.toFixed(1)} s, ${Math.round(copy.rows / copy.seconds).toLocaleString('en')} rows/s`);
      } finally {
        await engine.close();
        await adminQuery(options.adminUrl, `drop database if exists ${options.database} with (force)`);
      }
    }
    if (options.engines.includes('pglite')) {
      const pgliteDir = path.join(dir, 'pglite');
      const engine = await openEngine({ kind: 'pglite', dataDir: pgliteDir });
      try {
        runs.push(await measure(engine, 'PGlite', file));
      } finally {
        await engine.close();
      }
    }
    const text = report(runs, copy, generated, pgVersion);
    process.stdout.write(`${text}\n`);
    if (options.writeDocs && options.rows === 1_000_000) writeDocsSection('## Incident import (npm run bench:import)', text);
    const pg = runs.find((r) => r.engine === 'PostgreSQL');
    if (pg && pg.counts.records / pg.seconds < 50_000) {
      log('WARNING: PostgreSQL import below the target of 50,000 rows/s');
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const n = (v: number) => Math.round(v).toLocaleString('en');

function report(runs: Run[], copy: { seconds: number; rows: number } | null, generated: { seconds: number; bytes: number }, pgVersion: string | null): string {
  const m = describeMachine(pgVersion);
  const rows = runs.map((r) => {
    const rate = r.counts.records / r.seconds;
    const ratio = copy && r.engine === 'PostgreSQL' ? `${(r.seconds / copy.seconds).toFixed(2)}× COPY time (${((copy.rows / copy.seconds) / rate).toFixed(2)}× slower)` : '–';
    return `| ${r.engine} | ${n(r.counts.records)} | ${n(r.counts.imported)} / ${n(r.counts.rejected)} | ${r.seconds.toFixed(1)} | **${n(rate)}** | ${ratio} | ${r.rerunSeconds.toFixed(1)} s, ${n(r.rerun.unchanged)} unchanged (${n(r.rerun.records / r.rerunSeconds)} rows/s) | ${r.loadBefore} → ${r.loadAfter} |`;
  });
  return [
    '## Incident import (npm run bench:import)',
    '',
    `Run on ${m.date} (code at ${m.revision}): ${m.cpus} vCPU (${m.cpuModel}), ${m.ramGiB} GiB RAM, ${m.os}, Node ${m.node}, PostgreSQL ${m.postgres ?? '–'} (local, stock configuration), PGlite ${m.pglite} (data directory in a temporary folder). The machine is shared: 1-minute load average given per run.`,
    '',
    `**What**: a seeded CSV (mulberry32 seed ${options.seed}) of ${n(options.rows)} calls for service, ${(generated.bytes / 1e6).toFixed(0)} MB, written in ${generated.seconds.toFixed(1)} s: each row takes the category, case description and EPSG:2913 position of a random located Portland call of August 2016 (\`demo/portland-cfs-2016-08.csv\`), moved by a Gaussian jitter of σ 150 m, on a random day of 2016, with an id \`bench-NNNNNNN\`. \`runImport\` (the code behind \`alianza import\` and the import jobs) streams it from disk into an empty demo world's police agency: CSV parsing, column mapping, date windows at UTC−7, reprojection from EPSG:2913 feet with proj4, category mapping to ICCS, batches of 5,000 rows merged in one statement each (\`INSERT … SELECT FROM json_to_recordset … ON CONFLICT … DO UPDATE … WHERE changed\`), the administrative area of each row computed for the whole batch (the demo world has 5 overlapping jurisdictions), one transaction and one audit entry per batch. Then the same file again: every row unchanged. The reference is PostgreSQL \`COPY … FROM\` a file (server-side) of the same rows already converted (WGS 84 EWKT points, UTC windows) into a table \`LIKE incidents INCLUDING ALL\` indexes and constraints, no trigger, in the same run.`,
    '',
    '| Engine | rows | imported / rejected | s | rows/s | against COPY | re-run of the same file | load avg (start → end) |',
    '|---|--:|--:|--:|--:|---|---|---|',
    ...rows,
    '',
    copy ? `PostgreSQL COPY of the same ${n(copy.rows)} rows: ${copy.seconds.toFixed(1)} s, ${n(copy.rows / copy.seconds)} rows/s. Target: at least 50,000 rows/s on PostgreSQL.` : '',
    '',
    'Run again: `npm run bench:import` (PostgreSQL at `BENCH_PG_ADMIN_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`, on the same machine: COPY reads the file server-side; it drops and recreates the database `alianza_bench_import`). Knobs: `BENCH_ENGINES=postgres,pglite`, `BENCH_ROWS`, `BENCH_SEED`, `BENCH_WRITE_DOCS=0` (the section is only rewritten for runs of 1,000,000 rows).',
  ].join('\n');
}

await main();
