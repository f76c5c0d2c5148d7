import { sql } from 'kysely';
import type { Executor } from '../audit/audit-log.ts';
import type { Marking } from '../access/policy.ts';
import type { Tlp } from '../db/schema.ts';

/** Writers wake the sequencer on commit; the sequencer announces new positions on this channel. */
export const FEED_PENDING_CHANNEL = 'alianza_feed_pending';
export const FEED_CHANNEL = 'alianza_feed';

/** Identifiers, counts and states: never a record's content (titles, text, places, names). */
export type FeedData = Record<string, string | number | boolean | null>;

/** What a module announces, inside the transaction of the change (`ctx.feed.publish(trx, …)`). */
export interface FeedEventInput {
  /** `<domain>.<what happened>`, e.g. `incident.created`, `bulletin.issued`, `intel.hit`. */
  kind: string;
  /** The record the event is about: receivers read it through its own (audited) API. */
  record: { type: string; id: string };
  /** Who may learn of the event: the record's own TLP marking and distribution. */
  marking: Marking;
  data?: FeedData;
}

/** An event as the stream delivers it: position (the SSE id), what, about which record, marking. */
export interface FeedEvent {
  position: number;
  kind: string;
  recordType: string;
  recordId: string;
  ownerOrgId: string;
  tlp: Tlp;
  data: FeedData;
  at: string;
}

/** A sequenced feed row: the event and the marking the visibility decision reads. */
export interface SequencedFeedEvent extends FeedEvent {
  marking: Marking;
}

const KIND = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const RECORD_TYPE = /^[a-z][a-z0-9_]*$/;

/** Programming errors, caught before the database's own checks turn them into a failed write. */
function assertWellFormed(event: FeedEventInput): void {
  const { tlp, sharingGroupIds, recipientUserIds } = event.marking;
  if (!KIND.test(event.kind) || event.kind.length > 100) throw new Error(`feed event kind "${event.kind}" is not <domain>.<event>`);
  if (!RECORD_TYPE.test(event.record.type)) throw new Error(`feed record type "${event.record.type}" is not snake_case`);
  if (sharingGroupIds.length > 0 && tlp !== 'AMBER') throw new Error('feed events carry sharing groups only for AMBER');
  if (recipientUserIds.length > 0 && tlp !== 'RED') throw new Error('feed events carry recipients only for RED');
}

const uuidArray = (ids: readonly string[]) => sql<string[]>`cast(${`{${[...new Set(ids)].join(',')}}`} as uuid[])`;

/**
 * Writes feed events in the caller's transaction, with a wake-up for the sequencer that leaves
 * on commit: a rolled-back change leaves no event, a committed one always has its events.
 */
export async function publishFeedEvents(db: Executor, events: readonly FeedEventInput[]): Promise<void> {
  if (events.length === 0) return;
  events.forEach(assertWellFormed);
  const rows = events.map((e) => ({
    kind: e.kind,
    record_type: e.record.type,
    record_id: e.record.id,
    owner_org_id: e.marking.ownerOrgId,
    created_by: e.marking.createdBy,
    tlp: e.marking.tlp,
    sharing_group_ids: uuidArray(e.marking.sharingGroupIds),
    recipient_user_ids: uuidArray(e.marking.recipientUserIds),
    data: JSON.stringify(e.data ?? {}),
  }));
  await db
    .with('written', (q) => q.insertInto('operations_feed').values(rows).returning('id'))
    .selectNoFrom([sql<number>`(select count(*) from written)`.as('written'), sql`pg_notify(${FEED_PENDING_CHANNEL}, '')`.as('wake')])
    .execute();
}

/**
 * Gives the earlier events of a record its new marking, in the caller's transaction: a module
 * that changes a record's TLP or distribution calls it, so that a replay after a reconnect
 * decides by the record's marking as it is now, exactly like a read through the API.
 */
export async function remarkFeedEvents(db: Executor, record: { type: string; id: string }, marking: Marking): Promise<void> {
  assertWellFormed({ kind: 'feed.remark', record, marking });
  await db
    .updateTable('operations_feed')
    .set({
      owner_org_id: marking.ownerOrgId,
      created_by: marking.createdBy,
      tlp: marking.tlp,
      sharing_group_ids: uuidArray(marking.sharingGroupIds),
      recipient_user_ids: uuidArray(marking.recipientUserIds),
    })
    .where('record_type', '=', record.type)
    .where('record_id', '=', record.id)
    .execute();
}

/**
 * The same for many records at once, from what their rows (`table`: id, owner_org_id,
 * created_by, tlp) and the distribution tables hold now: for writes that change markings in
 * bulk, such as a re-import.
 */
export async function remarkFeedEventsFromRecords(db: Executor, recordType: string, table: 'incidents', ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const distribution = (tableName: string, column: string) => sql<string[]>`coalesce((select array_agg(d.${sql.ref(column)} order by d.${sql.ref(column)})
      from ${sql.table(tableName)} d where d.record_type = ${recordType} and d.record_id = r.id), '{}')`;
  await sql`
    update operations_feed f set
      owner_org_id = r.owner_org_id, created_by = r.created_by, tlp = r.tlp,
      sharing_group_ids = case when r.tlp = 'AMBER' then ${distribution('record_sharing_groups', 'group_id')} else '{}' end,
      recipient_user_ids = case when r.tlp = 'RED' then ${distribution('record_recipients', 'user_id')} else '{}' end
    from ${sql.table(table)} r
    where f.record_type = ${recordType} and f.record_id = r.id and r.id = any(${uuidArray(ids)})`.execute(db);
}
