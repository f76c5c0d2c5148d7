import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { adminQuery, databaseUrl, testEngineKind } from '../../../test/template.ts';
import { openEngine, PGLITE_EXTENSIONS, type Db, type Engine } from './engine.ts';
import { loadMigrations, migrate, MigrationError, pendingMigrations } from './migrate.ts';
import { Mutex } from './mutex.ts';
import { pgliteDialect } from './pglite-driver.ts';
import type { Database } from './schema.ts';

/** A database with nothing in it, on the engine under test. */
async function emptyDatabase(): Promise<{ db: Db; close: () => Promise<void> }> {
  if (testEngineKind() === 'postgres') {
    const name = `alz_empty_${Date.now()}`;
    await adminQuery(`create database ${name}`);
    const engine: Engine = await openEngine({ kind: 'postgres', url: databaseUrl(name), poolSize: 2 });
    return { db: engine.db, close: async () => { await engine.close(); await adminQuery(`drop database ${name} with (force)`); } };
  }
  const pglite = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
  return { db: new Kysely<Database>({ dialect: pgliteDialect(pglite, new Mutex()) }), close: () => pglite.close() };
}

describe('migrations from an empty database', () => {
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => ({ db, close } = await emptyDatabase()));
  afterAll(async () => close());

  it('apply every migration once, then nothing on the next start', async () => {
    expect(await pendingMigrations(db)).toBe(loadMigrations().length);
    const applied = await migrate(db);
    expect(applied).toEqual(loadMigrations().map((m) => `${m.version}_${m.name}`));
    expect(await migrate(db)).toEqual([]);
    expect(await pendingMigrations(db)).toBe(0);
  });

  it('create the tables and PostGIS', async () => {
    const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db);
    const tables = rows.map((r) => r.table_name);
    for (const table of ['organizations', 'users', 'memberships', 'sessions', 'api_tokens', 'sharing_groups', 'audit_log', 'audit_chain', 'notes']) {
      expect(tables).toContain(table);
    }
    const { rows: geo } = await sql<{ wkt: string }>`select ST_AsText(ST_Point(-70.65, -33.45)) as wkt`.execute(db);
    expect(geo[0]!.wkt).toBe('POINT(-70.65 -33.45)');
  });

  it('refuse to start when an applied migration was edited', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(db, edited)).rejects.toBeInstanceOf(MigrationError);
  });

  it('make the audit log append-only', async () => {
    await sql`insert into audit_log (action, record_type) values ('test', 'test')`.execute(db);
    await expect(sql`update audit_log set action = 'changed'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});
