import { sql, type Selectable } from 'kysely';
import type { Executor } from '../audit/audit-log.ts';
import type { Actor } from '../auth/actor.ts';
import { visibleByCarriedMarking } from '../access/policy.ts';
import type { OperationsFeedTable } from '../db/schema.ts';
import type { SequencedFeedEvent } from './feed-event.ts';

type FeedRow = Selectable<OperationsFeedTable>;

const COLUMNS = [
  'f.position', 'f.kind', 'f.record_type', 'f.record_id', 'f.owner_org_id', 'f.created_by', 'f.tlp',
  'f.sharing_group_ids', 'f.recipient_user_ids', 'f.data', 'f.created_at',
] as const;

const toEvent = (row: Omit<FeedRow, 'id'>): SequencedFeedEvent => ({
  position: row.position!,
  kind: row.kind,
  recordType: row.record_type,
  recordId: row.record_id,
  ownerOrgId: row.owner_org_id,
  tlp: row.tlp,
  data: row.data,
  at: row.created_at.toISOString(),
  marking: {
    tlp: row.tlp,
    ownerOrgId: row.owner_org_id,
    createdBy: row.created_by,
    sharingGroupIds: row.sharing_group_ids,
    recipientUserIds: row.recipient_user_ids,
  },
});

/** Sequenced events after `position`, in order: the stream's replay and every instance's live read. */
export async function feedAfter(db: Executor, position: number, limit: number): Promise<SequencedFeedEvent[]> {
  const rows = await db
    .selectFrom('operations_feed as f')
    .select(COLUMNS)
    .where('f.position', '>', position)
    .orderBy('f.position')
    .limit(limit)
    .execute();
  return rows.map(toEvent);
}

/** The last position given out, and the last one retention deleted. */
export async function feedHead(db: Executor): Promise<{ position: number; truncatedThrough: number }> {
  const row = await db.selectFrom('operations_feed_head').select(['position', 'truncated_through']).executeTakeFirstOrThrow();
  return { position: row.position, truncatedThrough: row.truncated_through };
}

/** The newest events the actor may know of, before `before`, newest first (access in SQL). */
export async function visibleFeedBefore(db: Executor, actor: Actor, before: number | null, limit: number): Promise<SequencedFeedEvent[]> {
  let query = db
    .selectFrom('operations_feed as f')
    .select(COLUMNS)
    .where('f.position', 'is not', null)
    .where(visibleByCarriedMarking(actor, 'f'))
    .orderBy('f.position', 'desc')
    .limit(limit);
  if (before !== null) query = query.where('f.position', '<', before);
  return (await query.execute()).map(toEvent);
}

/**
 * Deletes sequenced events older than the retention period, a batch at a time, and records
 * the highest position deleted so that a client resuming from before it is told to reload.
 */
export async function purgeFeed(db: Executor, retentionDays: number, batchSize = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db
      .with('old', (q) =>
        q.selectFrom('operations_feed').select('id')
          .where('position', 'is not', null)
          .where('created_at', '<', sql<Date>`now() - make_interval(days => ${retentionDays})`)
          .orderBy('created_at')
          .limit(batchSize))
      .with('gone', (q) => q.deleteFrom('operations_feed').where('id', 'in', (s) => s.selectFrom('old').select('id')).returning('position'))
      .updateTable('operations_feed_head')
      .set({ truncated_through: sql<number>`greatest(truncated_through, coalesce((select max(position) from gone), 0))` })
      .returning(sql<number>`(select count(*) from gone)`.as('n'))
      .executeTakeFirstOrThrow();
    total += Number(deleted.n);
    if (Number(deleted.n) < batchSize) return total;
  }
}
