import { sql } from 'kysely';
import type { Executor } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import type { Marking } from './policy.ts';
import type { Tlp } from '../db/schema.ts';
import { AppError, type FieldIssue } from '../errors/app-error.ts';

export interface Distribution {
  sharingGroupIds: string[];
  recipientUserIds: string[];
}

/**
 * Checks who a record is distributed to: sharing groups only for AMBER (and only groups an
 * organisation of the actor belongs to), named recipients only for RED.
 */
export async function assertValidDistribution(db: Executor, actor: Actor, tlp: Tlp, dist: Distribution): Promise<void> {
  const issues: FieldIssue[] = [];
  if (dist.sharingGroupIds.length > 0 && tlp !== 'AMBER') issues.push({ path: 'sharingGroupIds', code: 'groups_only_for_amber' });
  if (dist.recipientUserIds.length > 0 && tlp !== 'RED') issues.push({ path: 'recipientUserIds', code: 'recipients_only_for_red' });
  if (dist.sharingGroupIds.length > 0) {
    const orgIds = [...new Set(actor.memberships.map((m) => m.orgId))];
    const usable = orgIds.length === 0 ? new Set<string>() : new Set(
      (await db.selectFrom('sharing_group_members').select('group_id').where('group_id', 'in', dist.sharingGroupIds).where('org_id', 'in', orgIds).execute()).map((r) => r.group_id),
    );
    dist.sharingGroupIds.forEach((id, i) => {
      if (!usable.has(id)) issues.push({ path: `sharingGroupIds.${i}`, code: 'unknown_reference', params: { id } });
    });
  }
  if (dist.recipientUserIds.length > 0) {
    const known = new Set((await db.selectFrom('users').select('id').where('id', 'in', dist.recipientUserIds).where('disabled_at', 'is', null).execute()).map((r) => r.id));
    dist.recipientUserIds.forEach((id, i) => {
      if (!known.has(id)) issues.push({ path: `recipientUserIds.${i}`, code: 'unknown_reference', params: { id } });
    });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
}

/** Sets a record's distribution; `isNew` skips clearing what a just-created record cannot have. */
export async function replaceDistribution(db: Executor, recordType: string, recordId: string, dist: Distribution, isNew = false): Promise<void> {
  if (!isNew) {
    await db.deleteFrom('record_sharing_groups').where('record_type', '=', recordType).where('record_id', '=', recordId).execute();
    await db.deleteFrom('record_recipients').where('record_type', '=', recordType).where('record_id', '=', recordId).execute();
  }
  const groups = [...new Set(dist.sharingGroupIds)];
  const users = [...new Set(dist.recipientUserIds)];
  if (groups.length > 0) {
    await db.insertInto('record_sharing_groups').values(groups.map((group_id) => ({ record_type: recordType, record_id: recordId, group_id }))).execute();
  }
  if (users.length > 0) {
    await db.insertInto('record_recipients').values(users.map((user_id) => ({ record_type: recordType, record_id: recordId, user_id }))).execute();
  }
}

/**
 * Columns `sharing_group_ids` and `recipient_user_ids` (JSON arrays) of the record `alias`,
 * to select with the record itself instead of in further round trips.
 */
export function distributionColumns(recordType: string, alias: string) {
  const id = sql.ref(`${alias}.id`);
  return [
    sql<string[]>`coalesce((select json_agg(g.group_id order by g.group_id) from record_sharing_groups g
      where g.record_type = ${recordType} and g.record_id = ${id}), '[]'::json)`.as('sharing_group_ids'),
    sql<string[]>`coalesce((select json_agg(r.user_id order by r.user_id) from record_recipients r
      where r.record_type = ${recordType} and r.record_id = ${id}), '[]'::json)`.as('recipient_user_ids'),
  ];
}

export const distributionOf = (row: { sharing_group_ids: string[]; recipient_user_ids: string[] }): Distribution => ({
  sharingGroupIds: row.sharing_group_ids,
  recipientUserIds: row.recipient_user_ids,
});

/** A record's marking as the operations feed carries it (docs/access-control.md). */
export const markingOf = (
  record: { tlp: Tlp; owner_org_id: string; created_by: string | null },
  dist: Distribution = { sharingGroupIds: [], recipientUserIds: [] },
): Marking => ({
  tlp: record.tlp,
  ownerOrgId: record.owner_org_id,
  createdBy: record.created_by,
  sharingGroupIds: record.tlp === 'AMBER' ? dist.sharingGroupIds : [],
  recipientUserIds: record.tlp === 'RED' ? dist.recipientUserIds : [],
});
