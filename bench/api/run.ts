import { recreatePostgisDatabase } from '../common/pg-admin.ts';
// `npm run bench:api`: HTTP throughput of the notes API on PostgreSQL and PGlite, with the raw
// PostgreSQL ceiling of the same SQL; prints a markdown table and rewrites docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../../server/src/config.ts';
import { chainPending } from '../../server/src/platform/audit/chainer.ts';
import { openEngine, type Engine } from '../../server/src/platform/db/engine.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { describeMachine } from './machine.ts';
import { loadHttp, loadLoop, type Measurement } from './measure.ts';
import { log, options } from './options.ts';
import { captureSql, rawOperations, WRITE_BODY } from './raw-sql.ts';
import { markdownTable, ratios, section, writeDocs, type EngineReport } from './report.ts';
import { seed, visibility, type Seeded } from './seed.ts';
import { serviceLoop } from './service-loop.ts';
import { startServer, type ServerChild } from '../common/server-child.ts';

const reads = options.scenarios.has('read');
const writes = options.scenarios.has('write');
const config = loadConfig({ NODE_ENV: 'production', ALIANZA_JOBS: 'false', LOG_LEVEL: 'warn' });

function httpScenarios(server: ServerChild, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  return {
    read: { url: `${server.url}/api/v1/notes?limit=20`, method: 'GET' as const, headers: auth },
    write: { url: `${server.url}/api/v1/notes`, method: 'POST' as const, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(WRITE_BODY) },
  };
}

async function drain(engine: Engine): Promise<void> {
  while ((await chainPending(engine.db)) > 0);
  if (engine.kind === 'postgres') await sql`checkpoint`.execute(engine.db);
}

const count = async (engine: Engine, table: 'audit_log' | 'audit_pending' | 'notes') =>
  Number((await engine.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

const describeSeed = (s: Seeded) =>
  `${s.notes.toLocaleString('en-US')} notes (${Object.entries(s.markings).map(([k, v]) => `${k} ${v}`).join(', ')}); the analyst may see ${s.visibleToAnalyst.toLocaleString('en-US')} of them, ${s.auditedPerPage} of the first page of 20 are restricted (audited on read).`;

function checkHttp(m: Measurement, server: ServerChild): Measurement {
  if ((m.non2xx ?? 0) > 0 || m.errors > 0) {
    log(`WARNING ${m.engine} ${m.scenario}: ${m.non2xx} non-2xx, ${m.errors} errors (${m.note})`);
    process.exitCode = 1;
  }
  if (server.output.length > 0) log(`server said:\n${server.output.slice(-20).join('\n')}`);
  return m;
}


async function benchPostgres(): Promise<{ report: EngineReport; version: string }> {
  log(`PostgreSQL: recreating database ${options.database}`);
  const { url: benchUrl, version } = await recreatePostgisDatabase(options.adminUrl, options.database);

  const engine = await openEngine({ kind: 'postgres', url: benchUrl, poolSize: config.database.kind === 'postgres' ? config.database.poolSize : 20 });
  const measurements: Measurement[] = [];
  const facts: string[] = [];
  try {
    await migrate(engine.db);
    log(`seeding ${options.notes} notes through the service layer`);
    const seeded = await seed(engine, config, options.notes);
    await sql`vacuum analyze`.execute(engine.db);
    const captured = await captureSql(engine, benchUrl, config, seeded.token);
    // The capture wrote one GREEN note, now first in the list: count what the runs really see.
    facts.push(`${describeSeed({ ...seeded, ...(await visibility(engine, seeded.analyst)) })} (Counted after the SQL capture, which adds one GREEN note.)`);
    for (const s of [captured.tokenLookup, ...captured.read, ...captured.write]) log(`captured: ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    const pool = new pg.Pool({ connectionString: benchUrl, max: options.connections });
    const raw = rawOperations(pool, captured);
    facts.push(`statements per API read: ${raw.describe.readFull.join('; ')}. Per API write: ${raw.describe.writeFull.join('; ')}.`);
    try {
      if (!options.apiOnly && reads) {
        measurements.push(await loadLoop('PostgreSQL', 'read', `raw pg, core SQL (${raw.describe.readCore.length} statements)`, raw.readCore));
        await drain(engine);
        measurements.push(await loadLoop('PostgreSQL', 'read', `raw pg, full request (${raw.describe.readFull.length})`, raw.readFull));
        await drain(engine);
        measurements.push(await serviceLoop('PostgreSQL', engine, config, seeded.token, 'read'));
        await drain(engine);
      }

      const server = await startServer({ url: benchUrl }, { cpuProfDir: options.cpuProfDir });
      try {
        const scenarios = httpScenarios(server, seeded.token);
        if (reads) {
          const auditBefore = await count(engine, 'audit_log');
          const read = checkHttp(await loadHttp('PostgreSQL', 'read', 'HTTP API (child process)', scenarios.read, server.pid), server);
          measurements.push(read);
          const auditRows = (await count(engine, 'audit_log')) - auditBefore;
          const backlog = await count(engine, 'audit_pending');
          facts.push(
            `API read: ${(auditRows / Math.max(1, read.total + read.warmupTotal)).toFixed(1)} audit rows appended per request; ` +
              `${backlog.toLocaleString('en-US')} entries still waiting for the hash chainer when the read run ended; ${read.note}.`,
          );
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        if (writes) {
          const write = checkHttp(await loadHttp('PostgreSQL', 'write', 'HTTP API (child process)', scenarios.write, server.pid), server);
          measurements.push(write);
          facts.push(`API write: ${write.note}; ${(await count(engine, 'audit_pending')).toLocaleString('en-US')} entries waiting for the chainer at the end.`);
        }
      } finally {
        await server.stop();
      }

      if (!options.apiOnly && writes) {
        await drain(engine);
        measurements.push(await loadLoop('PostgreSQL', 'write', `raw pg, core SQL (${raw.describe.writeCore.length} statements)`, raw.writeCore));
        await drain(engine);
        measurements.push(await loadLoop('PostgreSQL', 'write', `raw pg, full request (${raw.describe.writeFull.length})`, raw.writeFull));
        await drain(engine);
        measurements.push(await serviceLoop('PostgreSQL', engine, config, seeded.token, 'write'));
        await drain(engine);
      }
    } finally {
      await pool.end();
    }
  } finally {
    await engine.close();
  }
  const order = (m: Measurement) => (m.scenario === 'read' ? 0 : 10) + (m.path.startsWith('HTTP') ? 0 : m.path.startsWith('raw pg, core') ? 1 : m.path.startsWith('raw') ? 2 : 3);
  return { report: { engine: 'PostgreSQL', measurements: measurements.sort((a, b) => order(a) - order(b)), facts }, version };
}

async function benchPglite(): Promise<EngineReport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'alianza-bench-'));
  const dataDir = path.join(dir, 'pglite'); // where `serve` looks with ALIANZA_DATA_DIR=dir
  const measurements: Measurement[] = [];
  const facts: string[] = [];
  try {
    log(`PGlite in ${dir}: seeding ${options.notes} notes through the service layer`);
    let engine = await openEngine({ kind: 'pglite', dataDir });
    let seeded: Seeded;
    try {
      await migrate(engine.db);
      seeded = await seed(engine, config, options.notes);
      facts.push(describeSeed(seeded));
      await sql`vacuum analyze`.execute(engine.db);
      if (!options.apiOnly && reads) {
        measurements.push(await serviceLoop('PGlite', engine, config, seeded.token, 'read'));
        await drain(engine);
      }
    } finally {
      await engine.close();
    }

    const server = await startServer({ dataDir: dir }, { cpuProfDir: options.cpuProfDir });
    try {
      const scenarios = httpScenarios(server, seeded.token);
      if (reads) {
        const read = checkHttp(await loadHttp('PGlite', 'read', 'HTTP API (child process)', scenarios.read, server.pid), server);
        measurements.push(read);
        facts.push(`API read: ${seeded.auditedPerPage} audit rows appended per request; ${read.note}.`);
      }
      if (writes) {
        const write = checkHttp(await loadHttp('PGlite', 'write', 'HTTP API (child process)', scenarios.write, server.pid), server);
        measurements.push(write);
        facts.push(`API write: ${write.note}.`);
      }
    } finally {
      await server.stop();
    }

    if (!options.apiOnly && writes) {
      engine = await openEngine({ kind: 'pglite', dataDir });
      try {
        measurements.push(await serviceLoop('PGlite', engine, config, seeded.token, 'write'));
        await drain(engine);
      } finally {
        await engine.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const order = (m: Measurement) => (m.scenario === 'read' ? 0 : 10) + (m.path.startsWith('HTTP') ? 0 : 1);
  return { engine: 'PGlite', measurements: measurements.sort((a, b) => order(a) - order(b)), facts };
}

const reports: EngineReport[] = [];
let postgresVersion: string | null = null;
if (options.engines.includes('postgres')) {
  const { report, version } = await benchPostgres();
  reports.push(report);
  postgresVersion = version;
}
if (options.engines.includes('pglite')) reports.push(await benchPglite());

const machine = describeMachine(postgresVersion);
process.stdout.write(`\n${markdownTable(reports)}\n\n${reports.flatMap((r) => [...ratios(r), ...r.facts.map((f) => `${r.engine}: ${f}`)]).join('\n')}\n`);
if (options.writeDocs) {
  writeDocs(section(machine, reports));
  log('docs/benchmarks.md updated');
}
