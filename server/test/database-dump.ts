import { sql } from 'kysely';
import type { Executor } from '../src/platform/audit/audit-log.ts';

/** Every row of every table, as text: what an attacker with a database dump would hold. */
export async function dumpDatabase(db: Executor): Promise<string> {
  const { rows: tables } = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(db);
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(`${table.schema}.${table.name}`)} t`.execute(db);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}
