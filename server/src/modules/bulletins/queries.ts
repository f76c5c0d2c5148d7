import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { NEED_TO_KNOW_ROLES, visibleTo } from '../../platform/access/policy.ts';
import { distributionColumns } from '../../platform/access/distribution.ts';
import type { BulletinKind, Tlp } from '../../platform/db/schema.ts';
import type { PlaceGeometry } from '../../platform/http/geojson.ts';
import type { BulletinFilter } from './schemas.ts';

export const BULLETIN = 'bulletin';

const geometryFrom = (geojson: PlaceGeometry): RawBuilder<unknown> =>
  sql`ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geojson)}::text), 4326))`;

/** Why PostGIS finds the area invalid (a self-crossing polygon, say), or null. */
export async function areaProblem(db: Executor, geojson: PlaceGeometry): Promise<string | null> {
  const { rows } = await sql<{ reason: string }>`select ST_IsValidReason(${geometryFrom(geojson)}) as reason`.execute(db);
  const reason = rows[0]?.reason ?? 'unknown';
  return reason === 'Valid Geometry' ? null : reason;
}

export interface NewBulletin {
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  kind: BulletinKind;
  title: string;
  body: string;
  area: PlaceGeometry | null;
  valid_from: string | undefined;
  valid_until: string | null;
}

export async function insertBulletin(db: Executor, row: NewBulletin): Promise<string> {
  const { area, valid_from, ...rest } = row;
  const inserted = await db
    .insertInto('bulletins')
    .values({ ...rest, area: area ? geometryFrom(area) : null, ...(valid_from ? { valid_from } : {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Bulletins the actor may read, with what the caller's view needs, in one round trip. */
function visibleBulletins(db: Executor, actor: Actor) {
  return db
    .selectFrom('bulletins as b')
    .innerJoin('organizations as o', 'o.id', 'b.owner_org_id')
    .innerJoin('users as u', 'u.id', 'b.created_by')
    .leftJoin('bulletin_acknowledgements as mine', (join) => join.onRef('mine.bulletin_id', '=', 'b.id').on('mine.user_id', '=', actor.userId ?? sql<string>`null`))
    .where(visibleTo(actor, BULLETIN, 'b'))
    .select([
      'b.id', 'b.owner_org_id', 'b.created_by', 'b.tlp', 'b.kind', 'b.title', 'b.body', 'b.valid_from', 'b.valid_until', 'b.created_at',
      'o.name as owner_org_name', 'u.display_name as author_name', 'mine.acknowledged_at',
      sql<string | null>`ST_AsGeoJSON(b.area, 7)`.as('area_geojson'),
      sql<'scheduled' | 'active' | 'expired'>`case when b.valid_from > now() then 'scheduled' when b.valid_until <= now() then 'expired' else 'active' end`.as('status'),
    ])
    .select(distributionColumns(BULLETIN, 'b'));
}

export const findVisibleBulletin = (db: Executor, actor: Actor, id: string) => visibleBulletins(db, actor).where('b.id', '=', id).executeTakeFirst();

export type BulletinRow = NonNullable<Awaited<ReturnType<typeof findVisibleBulletin>>>;

export interface Cursor {
  createdAt: string;
  id: string;
}

export function listVisibleBulletins(db: Executor, actor: Actor, filter: BulletinFilter, limit: number, after: Cursor | null) {
  let query = visibleBulletins(db, actor);
  if (filter.status === 'current') query = query.where(sql<boolean>`(b.valid_until is null or b.valid_until > now())`);
  if (filter.status === 'expired') query = query.where(sql<boolean>`b.valid_until <= now()`);
  if (filter.kind) query = query.where('b.kind', '=', filter.kind);
  if (filter.acknowledged === 'yes') query = query.where('mine.id', 'is not', null);
  if (filter.acknowledged === 'no') query = query.where('mine.id', 'is', null);
  if (after) query = query.where(sql<boolean>`(b.created_at, b.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).execute();
}

/** Records the acknowledgement once; returns its id, or null when the person had already acknowledged. */
export async function insertAcknowledgement(db: Executor, row: { bulletin_id: string; user_id: string; org_id: string }): Promise<string | null> {
  const inserted = await db.insertInto('bulletin_acknowledgements').values(row).onConflict((oc) => oc.columns(['bulletin_id', 'user_id']).doNothing()).returning('id').executeTakeFirst();
  return inserted?.id ?? null;
}

/** The organisations an AMBER bulletin is addressed to through its task forces. */
export async function groupMemberOrgIds(db: Executor, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  return (await db.selectFrom('sharing_group_members').select('org_id').distinct().where('group_id', 'in', groupIds).execute()).map((r) => r.org_id);
}

export const acknowledgementsOf = (db: Executor, bulletinId: string) =>
  db
    .selectFrom('bulletin_acknowledgements as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.user_id', 'a.org_id', 'a.acknowledged_at', 'u.display_name'])
    .where('a.bulletin_id', '=', bulletinId)
    .orderBy('a.acknowledged_at')
    .execute();

export const orgNames = async (db: Executor, ids: readonly string[]) =>
  ids.length === 0 ? new Map<string, string>() : new Map((await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute()).map((o) => [o.id, o.name]));

/** Enabled users among `userIds` (named recipients), with one of their organisations. */
export const people = (db: Executor, userIds: readonly string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('users as u')
        .select(['u.id', 'u.display_name', sql<string | null>`(select m.org_id from memberships m where m.user_id = u.id order by m.created_at limit 1)`.as('org_id')])
        .where('u.id', 'in', userIds)
        .where('u.disabled_at', 'is', null)
        .execute();

/** The need-to-know staff of an organisation (enabled accounts). */
export const needToKnowStaff = (db: Executor, orgId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('m.org_id', '=', orgId)
    .where('m.role', 'in', NEED_TO_KNOW_ROLES)
    .where('u.disabled_at', 'is', null)
    .execute();

/** Of `userIds`, those on the need-to-know staff of `orgId`. */
export async function needToKnowAmong(db: Executor, orgId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('memberships').select('user_id').distinct().where('org_id', '=', orgId).where('role', 'in', NEED_TO_KNOW_ROLES).where('user_id', 'in', userIds).execute();
  return rows.map((r) => r.user_id);
}
