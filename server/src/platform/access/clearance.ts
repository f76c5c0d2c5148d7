import type { Executor } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { clearanceOf, NEED_TO_KNOW_ROLES, orgsWithRole, type Clearance } from './policy.ts';

/** The sharing groups that any of `orgIds` belongs to (the groups whose AMBER records they read). */
export async function groupsOfOrgs(db: Executor, orgIds: readonly string[]): Promise<string[]> {
  if (orgIds.length === 0) return [];
  const rows = await db.selectFrom('sharing_group_members').select('group_id').distinct().where('org_id', 'in', orgIds).execute();
  return rows.map((r) => r.group_id);
}

/** The actor's clearance as it stands in the database now (one query at most). */
export async function resolveClearance(db: Executor, actor: Actor): Promise<Clearance> {
  const groups = await groupsOfOrgs(db, orgsWithRole(actor, NEED_TO_KNOW_ROLES));
  return clearanceOf(actor, groups);
}
