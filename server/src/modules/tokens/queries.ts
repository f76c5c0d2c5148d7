import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';

const columns = ['id', 'name', 'scopes', 'created_at', 'expires_at', 'revoked_at'] as const;

export const insertToken = (db: Executor, row: { user_id: string; name: string; token_hash: string; scopes: string[]; expires_at: Date | null }) =>
  db.insertInto('api_tokens').values(row).returning(columns).executeTakeFirstOrThrow();

export const listTokens = (db: Executor, userId: string) =>
  db.selectFrom('api_tokens').select(columns).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();

export const revokeToken = (db: Executor, userId: string, id: string) =>
  db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'token_hash'])
    .executeTakeFirst();
