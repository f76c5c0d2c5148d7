import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { NEED_TO_KNOW_ROLES, orgsWithRole, visibleTo } from '../../platform/access/policy.ts';
import type { ClosureReason, RecipientRole, ReportChannel, ReportStatus, Tlp } from '../../platform/db/schema.ts';
import { triageableBy } from './policy.ts';

export const FORWARD = 'report_forward';

const lon = (alias: string) => sql<number | null>`ST_X(${sql.ref(`${alias}.location`)})`;
const lat = (alias: string) => sql<number | null>`ST_Y(${sql.ref(`${alias}.location`)})`;

export interface QueueFilter {
  status?: ReportStatus | 'open';
  channel?: ReportChannel;
  category?: string;
  unassigned?: boolean;
}

/** The reports the actor may triage, newest first. */
export function listQueue(db: Executor, actor: Actor, filter: QueueFilter, limit: number, offset: number) {
  let query = db
    .selectFrom('reports as r')
    .leftJoin('organizations as o', 'o.id', 'r.responsible_org_id')
    .where(triageableBy(actor, 'r'))
    .select(['r.id', 'r.channel', 'r.category', 'r.status', 'r.received_hour', 'r.responsible_org_id', 'o.name as responsible_org_name'])
    .select([
      sql<string>`left(r.body, 160)`.as('excerpt'),
      sql<boolean>`r.location is not null`.as('has_location'),
      sql<number>`(select count(*)::int from report_messages m where m.report_id = r.id and m.author = 'reporter'
        and m.seq > coalesce((select max(s.seq) from report_messages s where s.report_id = r.id and s.author = 'staff'), 0))`.as('unanswered'),
    ]);
  if (filter.status === 'open') query = query.where('r.status', '<>', 'closed');
  else if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.channel) query = query.where('r.channel', '=', filter.channel);
  if (filter.category) query = query.where('r.category', '=', filter.category);
  if (filter.unassigned) query = query.where('r.responsible_org_id', 'is', null);
  return query.orderBy('r.received_hour', 'desc').orderBy('r.id').limit(limit).offset(offset).execute();
}

export const findTriageable = (db: Executor, actor: Actor, id: string) =>
  db
    .selectFrom('reports as r')
    .leftJoin('organizations as o', 'o.id', 'r.responsible_org_id')
    .where('r.id', '=', id)
    .where(triageableBy(actor, 'r'))
    .select([
      'r.id', 'r.channel', 'r.category', 'r.body', 'r.location_text', 'r.status', 'r.closure_reason', 'r.duplicate_of', 'r.received_hour',
      'r.responsible_org_id', 'o.name as responsible_org_name', 'r.concerned_org_id', 'r.consent_tier', 'r.occurred_text', 'r.triaged_at', 'r.first_reply_at', 'r.closed_at',
      'r.receipt_key',
    ])
    .select([lon('r').as('lon'), lat('r').as('lat')])
    .executeTakeFirst();

export type TriageableReport = NonNullable<Awaited<ReturnType<typeof findTriageable>>>;

/** Locks the report row for a state change and returns what the change needs. */
export const lockReport = (db: Executor, id: string) =>
  db.selectFrom('reports').select(['id', 'channel', 'status', 'concerned_org_id', 'consent_tier', 'receipt_key', 'body', 'triaged_at', 'first_reply_at']).where('id', '=', id).forUpdate().executeTakeFirst();

export const messagesWithAuthors = (db: Executor, reportId: string) =>
  db
    .selectFrom('report_messages as m')
    .leftJoin('users as u', 'u.id', 'm.staff_user_id')
    .select(['m.seq', 'm.author', 'm.body', 'm.sent_hour', 'u.display_name as staff_name'])
    .where('m.report_id', '=', reportId)
    .orderBy('m.seq')
    .execute();

export const insertStaffMessage = (db: Executor, reportId: string, userId: string, body: string, hour: string) =>
  db.insertInto('report_messages').values({ report_id: reportId, author: 'staff', staff_user_id: userId, body, sent_hour: hour }).execute();

export const markFirstReply = (db: Executor, id: string) =>
  db.updateTable('reports').set({ first_reply_at: sql`now()` }).where('id', '=', id).where('first_reply_at', 'is', null).execute();

export const forwardsOf = (db: Executor, reportId: string) =>
  db
    .selectFrom('report_forwards as f')
    .innerJoin('organizations as o', 'o.id', 'f.owner_org_id')
    .select(['f.id', 'f.owner_org_id', 'o.name as org_name', 'f.role', 'f.tlp', 'f.include_location', 'f.created_at', 'f.updated_at'])
    .where('f.report_id', '=', reportId)
    .orderBy('f.created_at')
    .execute();

export const orgNames = async (db: Executor, ids: string[]) =>
  ids.length === 0 ? new Map<string, { name: string; type: string }>() : new Map(
    (await db.selectFrom('organizations').select(['id', 'name', 'type']).where('id', 'in', ids).execute()).map((o) => [o.id, { name: o.name, type: o.type }]),
  );

export const upsertForward = (
  db: Executor,
  row: { report_id: string; owner_org_id: string; role: RecipientRole; tlp: Tlp; body: string; include_location: boolean; created_by: string },
) =>
  db
    .insertInto('report_forwards')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['report_id', 'owner_org_id']).doUpdateSet({
        role: row.role, tlp: row.tlp, body: row.body, include_location: row.include_location, created_by: row.created_by, updated_at: sql`now()`,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

export const updateReportState = (
  db: Executor,
  id: string,
  change: { status: ReportStatus; closure_reason: ClosureReason | null; duplicate_of: string | null; triaged_at?: Date; closed_at?: Date | null; first_reply_at?: Date },
) => db.updateTable('reports').set({ ...change, updated_at: sql`now()` }).where('id', '=', id).execute();

/**
 * Possible duplicates the actor may triage: same channel, and either within 200 m and 7 days
 * of the report, or with similar text (pg_trgm similarity above its threshold, 0.3).
 */
export async function duplicateCandidates(db: Executor, actor: Actor, id: string) {
  const { rows } = await sql<{ id: string; category: string; status: ReportStatus; received_hour: Date; distance_m: number | null; similarity: number; excerpt: string }>`
    select o.id, o.category, o.status, o.received_hour, left(o.body, 160) as excerpt,
      case when p.location is not null and o.location is not null
        then round(ST_Distance(p.location::geography, o.location::geography))::int end as distance_m,
      round(similarity(o.body, p.body)::numeric, 2)::float8 as similarity
    from reports p
    join reports o on o.id <> p.id and o.channel = p.channel
    where p.id = ${id} and ${triageableBy(actor, 'o')}
      and ((p.location is not null and o.location is not null
            and ST_DWithin(p.location::geography, o.location::geography, 200)
            and o.received_hour between p.received_hour - interval '7 days' and p.received_hour + interval '7 days')
        or o.body % p.body)
    order by similarity desc, distance_m asc nulls last
    limit 10`.execute(db);
  return rows;
}

/** Forwarded copies the actor may read under their TLP marking. */
function visibleForwards(db: Executor, actor: Actor) {
  return db
    .selectFrom('report_forwards as f')
    .innerJoin('reports as r', 'r.id', 'f.report_id')
    .innerJoin('organizations as o', 'o.id', 'f.owner_org_id')
    .where(visibleTo(actor, FORWARD, 'f'))
    .select([
      'f.id', 'f.report_id', 'f.owner_org_id', 'o.name as org_name', 'f.role', 'f.tlp', 'f.body', 'f.include_location', 'f.created_at', 'f.updated_at',
      'r.channel', 'r.category', 'r.status', 'r.closure_reason', 'r.received_hour',
      sql<string | null>`case when f.include_location then r.location_text end`.as('location_text'),
      sql<number | null>`case when f.include_location then ST_X(r.location) end`.as('lon'),
      sql<number | null>`case when f.include_location then ST_Y(r.location) end`.as('lat'),
    ]);
}

export const listForwards = (db: Executor, actor: Actor, filter: { status?: ReportStatus | 'open' }, limit: number, offset: number) => {
  let query = visibleForwards(db, actor);
  if (filter.status === 'open') query = query.where('r.status', '<>', 'closed');
  else if (filter.status) query = query.where('r.status', '=', filter.status);
  return query.orderBy('f.updated_at', 'desc').orderBy('f.id').limit(limit).offset(offset).execute();
};

export const findForward = (db: Executor, actor: Actor, id: string) => visibleForwards(db, actor).where('f.id', '=', id).executeTakeFirst();

export type ForwardRow = NonNullable<Awaited<ReturnType<typeof findForward>>>;

/** The actor acts for an organisation holding the responsible copy (it may record progress). */
export async function holdsResponsibleForward(db: Executor, actor: Actor, reportId: string): Promise<boolean> {
  const orgs = orgsWithRole(actor, NEED_TO_KNOW_ROLES);
  if (orgs.length === 0) return false;
  const row = await db.selectFrom('report_forwards').select('id').where('report_id', '=', reportId).where('role', '=', 'responsible').where('owner_org_id', 'in', orgs).executeTakeFirst();
  return Boolean(row);
}

/** Forward ids of a report the actor may read (for the live queue). */
export const visibleForwardIds = (db: Executor, actor: Actor, reportId: string) =>
  db.selectFrom('report_forwards as f').select('f.id').where('f.report_id', '=', reportId).where(visibleTo(actor, FORWARD, 'f')).execute();

export const isTriageable = async (db: Executor, actor: Actor, reportId: string) =>
  Boolean(await db.selectFrom('reports as r').select('r.id').where('r.id', '=', reportId).where(triageableBy(actor, 'r')).executeTakeFirst());

/**
 * Response times per responsible organisation and category over the last year, in hours.
 * Submission times are kept only to the hour, so each figure may overstate by up to an hour.
 */
export async function responseTimes(db: Executor, channel: ReportChannel) {
  const { rows } = await sql<{
    org_id: string | null; org_name: string | null; category: string; reports: number;
    to_triage_h: number | null; to_first_reply_h: number | null; to_closure_h: number | null;
  }>`
    select r.responsible_org_id as org_id, o.name as org_name, r.category, count(*)::int as reports,
      round((percentile_cont(0.5) within group (order by extract(epoch from r.triaged_at - r.received_hour) / 3600))::numeric, 1)::float8 as to_triage_h,
      round((percentile_cont(0.5) within group (order by extract(epoch from r.first_reply_at - r.received_hour) / 3600))::numeric, 1)::float8 as to_first_reply_h,
      round((percentile_cont(0.5) within group (order by extract(epoch from r.closed_at - r.received_hour) / 3600))::numeric, 1)::float8 as to_closure_h
    from reports r left join organizations o on o.id = r.responsible_org_id
    where r.channel = ${channel} and r.received_hour > now() - interval '365 days'
    group by r.responsible_org_id, o.name, r.category
    order by o.name nulls last, r.category`.execute(db);
  return rows;
}
