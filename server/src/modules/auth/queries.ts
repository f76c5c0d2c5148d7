import { sql } from 'kysely';
import type { Db } from '../../platform/db/engine.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';

export const findUserByEmail = (db: Db, email: string) =>
  db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();

export const insertSession = (db: Executor, row: { token_hash: string; user_id: string; csrf_token: string; expires_at: Date }) =>
  db.insertInto('sessions').values(row).execute();

export const deleteSession = (db: Executor, tokenHash: string) =>
  db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning('user_id').executeTakeFirst();

export const deleteExpiredSessions = (db: Db) => db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute();

export const findUserWithMemberships = async (db: Db, userId: string) => {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'display_name', 'locale', 'is_platform_admin'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('memberships as m')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'o.name', 'o.type', 'm.role'])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('o.name')
    .execute();
  return { user, memberships };
};
