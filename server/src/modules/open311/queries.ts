import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';

/** When the schema (and with it the seeded service list) last changed: the discovery changeset. */
export const lastSchemaChange = async (db: Executor): Promise<Date> =>
  (await sql<{ at: Date }>`select max(applied_at) as at from schema_migrations`.execute(db)).rows[0]?.at ?? new Date(0);
