import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { visibleTo } from '../../platform/access/policy.ts';
import { distributionColumns } from '../../platform/access/distribution.ts';
import type { IncidentSource, Tlp } from '../../platform/db/schema.ts';

export const INCIDENT = 'incident';

const columns = [
  'i.id', 'i.owner_org_id', 'i.created_by', 'i.tlp', 'i.iccs_code', 'i.source_category', 'i.occurred_from', 'i.occurred_to',
  'i.reported_at', 'i.location_precision_m', 'i.address_text', 'i.admin_area_org_id', 'i.source', 'i.external_id',
  'i.created_at', 'i.updated_at',
] as const;
const coordinates = [sql<number | null>`ST_X(i.location)`.as('lon'), sql<number | null>`ST_Y(i.location)`.as('lat')];
const distribution = distributionColumns(INCIDENT, 'i');

/** The filter as the database sees it: validated, parsed values only. */
export interface IncidentQuery {
  iccsPrefix?: string;
  from?: string;
  to?: string;
  bbox?: [number, number, number, number];
}

export interface Cursor {
  occurredFrom: string;
  id: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Incidents the actor may see, filtered; the access condition is part of every query. */
function visibleIncidents(db: Executor, actor: Actor, filter: IncidentQuery) {
  let query = db.selectFrom('incidents as i').where(visibleTo(actor, INCIDENT, 'i'));
  if (filter.iccsPrefix) query = query.where('i.iccs_code', 'like', `${escapeLike(filter.iccsPrefix)}%`);
  // An occurrence window [occurred_from, occurred_to] overlaps the requested [from, to).
  if (filter.from) query = query.where(sql<boolean>`coalesce(i.occurred_to, i.occurred_from) >= ${filter.from}::timestamptz`);
  if (filter.to) query = query.where(sql<boolean>`i.occurred_from < ${filter.to}::timestamptz`);
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox;
    query = query.where(sql<boolean>`i.location && ST_MakeEnvelope(${minLon}, ${minLat}, ${maxLon}, ${maxLat}, 4326)`);
  }
  return query;
}

export function listVisibleIncidents(db: Executor, actor: Actor, filter: IncidentQuery, limit: number, after: Cursor | null) {
  let query = visibleIncidents(db, actor, filter).select(columns).select(coordinates).select(distribution);
  if (after) {
    query = query.where(sql<boolean>`(i.occurred_from, i.id) < (${after.occurredFrom}::timestamptz, ${after.id}::uuid)`);
  }
  return query.orderBy('i.occurred_from', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

export const findVisibleIncident = (db: Executor, actor: Actor, id: string) =>
  visibleIncidents(db, actor, {}).select(columns).select(coordinates).select(distribution).where('i.id', '=', id).executeTakeFirst();

export type IncidentRow = NonNullable<Awaited<ReturnType<typeof findVisibleIncident>>>;

export interface NewIncident {
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  iccs_code: string | null;
  source_category: string | null;
  occurred_from: string;
  occurred_to: string | null;
  reported_at: string | null;
  location: { lon: number; lat: number } | null;
  location_precision_m: number | null;
  address_text: string | null;
  source: IncidentSource;
  external_id: string | null;
}

export const pointSql = (p: { lon: number; lat: number } | null) => (p ? sql<unknown>`ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)` : null);

export async function insertIncident(db: Executor, row: NewIncident): Promise<string> {
  const { location, ...rest } = row;
  const inserted = await db
    .insertInto('incidents')
    .values({ ...rest, location: pointSql(location) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** True when the code or its level-2 (or level-1) prefix is a shipped ICCS category. */
export async function iccsCategoryExists(db: Executor, code: string): Promise<boolean> {
  const row = await db.selectFrom('iccs_categories').select('code').where('code', '=', code.slice(0, code.length >= 4 ? 4 : 2)).executeTakeFirst();
  return row !== undefined;
}

export const allIccsCategories = (db: Executor) =>
  db.selectFrom('iccs_categories').select(['code', 'level', 'parent', 'name_es', 'name_en', 'name_pt', 'verified']).orderBy('code').execute();
