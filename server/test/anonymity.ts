import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Executor } from '../src/platform/audit/audit-log.ts';
import type { TestPlatform } from './harness.ts';

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

/** Request headers and a client address no table or log may ever contain. */
export const SENDER_TRACES = {
  headers: { 'x-forwarded-for': '203.0.113.77', 'user-agent': 'Distinctive-Agent/9.9', cookie: 'tracking=abc123' },
  remoteAddress: '198.51.100.23',
  needles: ['203.0.113.77', '198.51.100.23', 'Distinctive-Agent', 'tracking=abc123', 'abc123'],
};

/** Fails when any of the traces is in any table or in the logs; returns the dump for more checks. */
export async function expectNoTraceOf(t: TestPlatform, traces: string[]): Promise<string> {
  const dump = await dumpDatabase(t.ctx.db);
  for (const trace of traces) {
    expect(dump, trace).not.toContain(trace);
    expect(t.logs.text, trace).not.toContain(trace);
  }
  return dump;
}

/** A resident's audit entries: at least one, and none with a user, a request id or a time finer than the hour. */
export function expectReporterEntries(entries: { at: Date; request_id: string | null; actor_user_id: string | null }[]): void {
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) {
    expect(entry.request_id).toBeNull();
    expect(entry.actor_user_id).toBeNull();
    expect(entry.at.getTime() % 3_600_000).toBe(0);
  }
}
