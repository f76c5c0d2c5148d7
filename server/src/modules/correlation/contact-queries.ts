import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { ContactRequestStatus } from '../../platform/db/schema.ts';

const columns = [
  'c.id', 'c.hit_id', 'c.requester_user_id', 'c.requester_org_id', 'c.owner_org_id', 'c.message', 'c.status', 'c.response',
  'c.shared_via', 'c.sharing_group_id', 'c.shared_entity_ids', 'c.decided_by', 'c.decided_at', 'c.created_at',
] as const;

function requests(db: Executor) {
  return db
    .selectFrom('intel_contact_requests as c')
    .innerJoin('intel_hits as h', 'h.id', 'c.hit_id')
    .innerJoin('users as u', 'u.id', 'c.requester_user_id')
    .innerJoin('organizations as owner', 'owner.id', 'c.owner_org_id')
    .leftJoin('organizations as ro', 'ro.id', 'c.requester_org_id')
    .select(columns)
    .select(['h.kind', 'h.value', 'h.owner_named', 'u.display_name as requester_name', 'ro.name as requester_org_name', 'owner.name as owner_name']);
}

export type ContactRequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export const findRequest = (db: Executor, id: string) => requests(db).where('c.id', '=', id).executeTakeFirst();

/** Requests sent by the user, or received by the given organisations; newest first. */
export function listRequests(db: Executor, filter: { requesterUserId?: string; ownerOrgIds?: string[]; status?: ContactRequestStatus }, limit: number) {
  let query = requests(db);
  if (filter.requesterUserId) query = query.where('c.requester_user_id', '=', filter.requesterUserId);
  if (filter.ownerOrgIds) query = filter.ownerOrgIds.length === 0 ? query.where(sql<boolean>`false`) : query.where('c.owner_org_id', 'in', filter.ownerOrgIds);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  return query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}

export async function insertRequest(db: Executor, row: { hit_id: string; requester_user_id: string; requester_org_id: string | null; owner_org_id: string; message: string }): Promise<string | null> {
  const inserted = await db.insertInto('intel_contact_requests').values(row).onConflict((oc) => oc.column('hit_id').doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** Records the decision if the request is still pending; false when someone decided first. */
export async function decide(
  db: Executor,
  id: string,
  decision: { status: 'accepted' | 'declined'; response: string; decided_by: string; shared_via?: 'sharing_group' | 'copy'; sharing_group_id?: string | null; shared_entity_ids?: string[] },
): Promise<boolean> {
  const updated = await db
    .updateTable('intel_contact_requests')
    .set({ ...decision, decided_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}
