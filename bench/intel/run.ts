// `npm run bench:intel` (issue 6): the correlation index with BENCH_OCCURRENCES seeded identifier
// occurrences (build time, lookups under access control against a primary-key lookup, storage
// against a pair table), depth-3 graph expansion around a hub against a recursive CTE, and the
// live operations stream to BENCH_CLIENTS connected clients against a single client; prints the
// results and rewrites its section of docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/src/config.ts';
import { openEngine } from '../../server/src/platform/db/engine.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { createLogger } from '../../server/src/platform/logging/logger.ts';
import { createContext } from '../../server/src/platform.ts';
import { writeDocsSection } from '../common/docs-section.ts';
import { positiveEnv } from '../common/env.ts';
import { adminQuery, recreatePostgisDatabase } from '../common/pg-admin.ts';
import { runCorrelation, type CorrelationResult } from './correlation.ts';
import { runGraph, type GraphResult } from './graph.ts';
import { HEADING, report } from './report.ts';
import { ensureFileLimit, runStream, type StreamResult } from './stream.ts';
import { buildWorld, makeUser } from './world.ts';

const PARTS = ['correlation', 'graph', 'stream'] as const;
const options = {
  adminUrl: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  database: 'alianza_bench_intel',
  occurrences: positiveEnv('BENCH_OCCURRENCES', 10_000_000, { integer: true }),
  clients: positiveEnv('BENCH_CLIENTS', 1000, { integer: true }),
  seed: positiveEnv('BENCH_SEED', 20260106, { integer: true }),
  lookups: positiveEnv('BENCH_LOOKUPS', 2000, { integer: true }),
  graphEntities: positiveEnv('BENCH_GRAPH_ENTITIES', 100_000, { integer: true }),
  hubLinks: positiveEnv('BENCH_HUB_LINKS', 3000, { integer: true }),
  eventsPerSecond: positiveEnv('BENCH_EVENTS_PER_SECOND', 20),
  streamSeconds: positiveEnv('BENCH_STREAM_SECONDS', 30),
  instances: positiveEnv('BENCH_INSTANCES', 2, { integer: true }),
  parts: (process.env.BENCH_PARTS ?? PARTS.join(',')).split(',').map((p) => p.trim()).filter(Boolean),
  writeDocs: process.env.BENCH_WRITE_DOCS !== '0',
};
const log = (line: string) => process.stderr.write(`[bench:intel] ${line}\n`);
const load = () => os.loadavg()[0]!.toFixed(2);

async function main() {
  const unknown = options.parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`BENCH_PARTS: unknown ${unknown.join(', ')} (known: ${PARTS.join(', ')})`);
  if (options.parts.includes('stream')) ensureFileLimit(options.clients);
  const loadBefore = load();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alianza-bench-intel-'));
  const { url, version } = await recreatePostgisDatabase(options.adminUrl, options.database);
  const engine = await openEngine({ kind: 'postgres', url });
  let correlation: CorrelationResult | null = null;
  let graph: GraphResult | null = null;
  let stream: StreamResult | null = null;
  try {
    await migrate(engine.db);
    const config = loadConfig({ NODE_ENV: 'test', ALIANZA_JOBS: 'false', DATABASE_URL: url });
    const ctx = createContext({ ...config, demo: false }, engine, createLogger('warn', undefined), { cachePrincipals: false });
    const world = await buildWorld(ctx);
    // The searcher: an analyst of organisation 0 who wrote none of the records.
    const searcher = await makeUser(ctx, 'searcher', world.orgs[0]!.id, 'analyst');
    log(`PostgreSQL ${version}, database ${options.database}; parts ${options.parts.join(', ')} (load ${loadBefore})`);
    if (options.parts.includes('correlation')) {
      correlation = await runCorrelation(ctx, url, world, searcher, dir, { occurrences: options.occurrences, seed: options.seed, lookups: options.lookups, warmup: 200, missShare: 0.1 }, log);
    }
    if (options.parts.includes('graph')) {
      graph = await runGraph(ctx, world, searcher, { entities: options.graphEntities, hubLinks: options.hubLinks, seed: options.seed, repeats: 30 }, log);
    }
    if (options.parts.includes('stream')) {
      stream = await runStream(ctx, url, world, { clients: options.clients, eventsPerSecond: options.eventsPerSecond, seconds: options.streamSeconds, instances: options.instances }, log);
    }
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP_DB === '1') log(`database ${options.database} kept (BENCH_KEEP_DB=1)`);
    else await adminQuery(options.adminUrl, `drop database if exists ${options.database} with (force)`);
  }
  const fullScale = options.occurrences === 10_000_000 && options.clients === 1000 && options.parts.length === PARTS.length;
  const text = report({ options, correlation, graph, stream, pgVersion: version, fullScale, loadBefore, loadAfter: load() });
  process.stdout.write(`${text}\n`);
  if (options.writeDocs && fullScale) writeDocsSection(HEADING, text);
  else if (process.env.BENCH_WRITE_DOCS === 'force') writeDocsSection(HEADING, text);
  else if (options.writeDocs) log('docs/benchmarks.md left as it is: only a full-scale run of every part rewrites its section (BENCH_WRITE_DOCS=force to write anyway)');
}

await main();
