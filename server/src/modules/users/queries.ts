import type { Executor } from '../../platform/audit/audit-log.ts';
import type { Role } from '../../platform/db/schema.ts';

export const insertUser = (
  db: Executor,
  row: { email: string; display_name: string; password_hash: string; locale: 'es' | 'en' | 'pt' | null; is_platform_admin: boolean },
) => db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();

export const insertMemberships = (db: Executor, userId: string, memberships: { orgId: string; role: Role }[]) =>
  memberships.length === 0
    ? Promise.resolve()
    : db
        .insertInto('memberships')
        .values(memberships.map((m) => ({ user_id: userId, org_id: m.orgId, role: m.role })))
        .onConflict((oc) => oc.doNothing())
        .execute();

export const existingOrgIds = async (db: Executor, ids: string[]) =>
  ids.length === 0 ? new Set<string>() : new Set((await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute()).map((r) => r.id));

export async function findUser(db: Executor, id: string) {
  const user = await db.selectFrom('users').select(['id', 'email', 'display_name', 'locale', 'is_platform_admin']).where('id', '=', id).executeTakeFirst();
  if (!user) return undefined;
  const memberships = await db.selectFrom('memberships').select(['org_id', 'role']).where('user_id', '=', id).orderBy('created_at').orderBy('org_id').execute();
  return { user, memberships };
}
