import type { Executor } from '../../platform/audit/audit-log.ts';
import type { Db } from '../../platform/db/engine.ts';

export const insertGroup = (db: Executor, row: { name: string; description: string; owner_org_id: string }) =>
  db.insertInto('sharing_groups').values(row).returning('id').executeTakeFirstOrThrow();

export async function replaceMembers(db: Executor, groupId: string, orgIds: string[]) {
  await db.deleteFrom('sharing_group_members').where('group_id', '=', groupId).execute();
  if (orgIds.length > 0) await db.insertInto('sharing_group_members').values(orgIds.map((org_id) => ({ group_id: groupId, org_id }))).execute();
}

export const findGroup = (db: Executor, id: string) =>
  db.selectFrom('sharing_groups').select(['id', 'name', 'description', 'owner_org_id']).where('id', '=', id).executeTakeFirst();

export const groupMembers = (db: Executor, groupIds: string[]) =>
  groupIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sharing_group_members as m')
        .innerJoin('organizations as o', 'o.id', 'm.org_id')
        .select(['m.group_id', 'm.org_id', 'o.name', 'o.country'])
        .where('m.group_id', 'in', groupIds)
        .orderBy('o.name')
        .execute();

/** Groups any of `orgIds` belongs to. */
export const listGroups = (db: Db, orgIds: string[]) =>
  orgIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('sharing_groups as g')
        .select(['g.id', 'g.name', 'g.description', 'g.owner_org_id'])
        .where((eb) =>
          eb.exists(eb.selectFrom('sharing_group_members as m').select('m.org_id').whereRef('m.group_id', '=', 'g.id').where('m.org_id', 'in', orgIds)),
        )
        .orderBy('g.name')
        .execute();

export const existingOrgIds = async (db: Executor, ids: string[]) =>
  ids.length === 0 ? new Set<string>() : new Set((await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
