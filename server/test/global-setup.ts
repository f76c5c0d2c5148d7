import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import { openEngine, PGLITE_EXTENSIONS } from '../src/platform/db/engine.ts';
import { Mutex } from '../src/platform/db/mutex.ts';
import { pgliteDialect } from '../src/platform/db/pglite-driver.ts';
import type { Database } from '../src/platform/db/schema.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { adminQuery, databaseUrl, PGLITE_TEMPLATE, templateDatabaseName, testEngineKind } from './template.ts';
import { PGlite } from '@electric-sql/pglite';

/**
 * Migrates one template database per test run; every test file then starts from a copy:
 * a PGlite data-directory dump, or a PostgreSQL database created WITH TEMPLATE.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (testEngineKind() === 'postgres') {
    const template = templateDatabaseName();
    await adminQuery(`drop database if exists ${template} with (force)`);
    await adminQuery(`create database ${template}`);
    const engine = await openEngine({ kind: 'postgres', url: databaseUrl(template), poolSize: 2 });
    await migrate(engine.db);
    await engine.close();
    return async () => {
      await adminQuery(`drop database if exists ${template} with (force)`);
    };
  }
  const dumped = await dumpMigrated();
  mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  writeFileSync(PGLITE_TEMPLATE, dumped);
  return async () => {};
}

async function dumpMigrated(): Promise<Buffer> {
  const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  const db = new Kysely<Database>({ dialect: pgliteDialect(pglite, new Mutex()) });
  await migrate(db);
  const blob = await pglite.dumpDataDir('gzip');
  await pglite.close();
  return Buffer.from(await blob.arrayBuffer());
}
