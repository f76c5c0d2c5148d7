import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { visibleTo } from '../../platform/access/policy.ts';
import type { IncidentSource, Tlp } from '../../platform/db/schema.ts';

const INCIDENT = 'incident';

/** The selection as the database sees it: validated values only; the area as GeoJSON text. */
export interface SelectionFilter {
  iccs: readonly string[];
  from?: string | undefined;
  to?: string | undefined;
  sources: readonly IncidentSource[];
  /** Study area: a lon/lat box, or a (multi)polygon as GeoJSON text (WGS 84). */
  area: { bbox: [number, number, number, number] } | { geojson: string } | null;
  /** Only incidents with a location (every spatial statistic). */
  located: boolean;
  timeZone: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const areaGeometry = (geojson: string) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326)`;

/**
 * The condition selecting incidents: the actor's access condition first, then the filters.
 * Every query of this module that reads incidents uses it, so nothing the actor may not see is
 * ever counted, located or aggregated.
 */
export function selectionWhere(actor: Actor, f: SelectionFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`${visibleTo(actor, INCIDENT, 'i')}`];
  if (f.located) parts.push(sql`i.location is not null`);
  if (f.iccs.length > 0) parts.push(sql`(${sql.join(f.iccs.map((prefix) => sql`i.iccs_code like ${`${escapeLike(prefix)}%`}`), sql` or `)})`);
  if (f.from) parts.push(sql`i.occurred_from >= ${f.from}::timestamptz`);
  if (f.to) parts.push(sql`i.occurred_from < ${f.to}::timestamptz`);
  if (f.sources.length > 0) parts.push(sql`i.source in (${sql.join(f.sources)})`);
  if (f.area && 'bbox' in f.area) {
    const [minLon, minLat, maxLon, maxLat] = f.area.bbox;
    parts.push(sql`ST_Covers(ST_MakeEnvelope(${minLon}::float8, ${minLat}::float8, ${maxLon}::float8, ${maxLat}::float8, 4326), i.location)`);
  } else if (f.area) {
    parts.push(sql`ST_Covers(${areaGeometry(f.area.geojson)}, i.location)`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Civil day (days since 1970-01-01) of the occurrence start in the selection's time zone. */
const localDay = (timeZone: string) => sql<number>`((i.occurred_from at time zone ${timeZone})::date - date '1970-01-01')`;

export interface SelectionSummary {
  n: number;
  first_day: number | null;
  last_day: number | null;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  /** Distinct ICCS prefixes of the given length (trends), or 0. */
  categories: number;
  areas: number;
}

/** Size, time span and extent of the selection: what the limits are checked against before any point is read. */
export async function summarise(db: Executor, actor: Actor, f: SelectionFilter, categoryDigits: number): Promise<SelectionSummary> {
  const category = categoryDigits > 0 ? sql`count(distinct coalesce(left(i.iccs_code, ${categoryDigits}::int), ''))::int` : sql`0`;
  const { rows } = await sql<SelectionSummary>`
    select count(*)::int as n, min(${localDay(f.timeZone)})::int as first_day, max(${localDay(f.timeZone)})::int as last_day,
      min(ST_X(i.location)) as min_lon, min(ST_Y(i.location)) as min_lat, max(ST_X(i.location)) as max_lon, max(ST_Y(i.location)) as max_lat,
      ${category} as categories, count(distinct coalesce(i.admin_area_org_id::text, ''))::int as areas
    from incidents i
    where ${selectionWhere(actor, f)}`.execute(db);
  const row = rows[0]!;
  return {
    ...row,
    min_lon: numberOrNull(row.min_lon),
    min_lat: numberOrNull(row.min_lat),
    max_lon: numberOrNull(row.max_lon),
    max_lat: numberOrNull(row.max_lat),
  };
}

const numberOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export interface PointRow {
  lon: number | null;
  lat: number | null;
  day: number;
  tlp: Tlp;
  category: string | null;
  area: string | null;
}

/** The selected incidents themselves: location, civil day, marking, and the trend keys when asked. */
export async function selectPoints(db: Executor, actor: Actor, f: SelectionFilter, categoryDigits: number): Promise<PointRow[]> {
  const category = categoryDigits > 0 ? sql`left(i.iccs_code, ${categoryDigits}::int)` : sql`null::text`;
  const { rows } = await sql<PointRow>`
    select ST_X(i.location) as lon, ST_Y(i.location) as lat, ${localDay(f.timeZone)}::int as day, i.tlp,
      ${category} as category, i.admin_area_org_id::text as area
    from incidents i
    where ${selectionWhere(actor, f)}`.execute(db);
  return rows;
}

/** An organisation's jurisdiction as GeoJSON with its box, or undefined when it has none. */
export async function jurisdictionOf(db: Executor, orgId: string) {
  const { rows } = await sql<{ geojson: string; min_lon: number; min_lat: number; max_lon: number; max_lat: number }>`
    select ST_AsGeoJSON(o.jurisdiction) as geojson, ST_XMin(o.jurisdiction) as min_lon, ST_YMin(o.jurisdiction) as min_lat,
      ST_XMax(o.jurisdiction) as max_lon, ST_YMax(o.jurisdiction) as max_lat
    from organizations o where o.id = ${orgId}::uuid and o.jurisdiction is not null`.execute(db);
  return rows[0];
}

/** Validity of polygons given as GeoJSON text (PostGIS ST_IsValid), by position. */
export async function invalidGeometries(db: Executor, geojsons: readonly string[]): Promise<{ index: number; reason: string }[]> {
  const { rows } = await sql<{ index: number; reason: string }>`
    select (u.ord - 1)::int as index, ST_IsValidReason(g.geom) as reason
    from unnest(${geojsons}::text[]) with ordinality as u(text, ord)
    cross join lateral (select ST_SetSRID(ST_GeomFromGeoJSON(u.text), 4326) as geom) g
    where not ST_IsValid(g.geom)
    order by u.ord`.execute(db);
  return rows;
}

export interface OrganisationUnit {
  id: string;
  name: string;
  geojson: string;
}

/** Organisations with a jurisdiction among the given ones, in the given order. */
export async function jurisdictionUnits(db: Executor, orgIds: readonly string[]): Promise<OrganisationUnit[]> {
  const { rows } = await sql<OrganisationUnit>`
    select o.id, o.name, ST_AsGeoJSON(o.jurisdiction) as geojson
    from unnest(${orgIds}::uuid[]) with ordinality as u(id, ord)
    join organizations o on o.id = u.id and o.jurisdiction is not null
    order by u.ord`.execute(db);
  return rows;
}

/** Names of organisations (administrative areas of trends). */
export async function organisationNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Polygon units as an SQL relation (ord from 0), from their GeoJSON text. */
const unitsRelation = (geojsons: readonly string[]) =>
  sql`(select (u.ord - 1)::int as ord, ST_SetSRID(ST_GeomFromGeoJSON(u.text), 4326) as geom from unnest(${geojsons}::text[]) with ordinality as u(text, ord))`;

export interface PolygonFacts {
  counts: number[];
  centroids: { lon: number; lat: number }[];
}

/** Selected incidents per polygon (an incident in two overlapping polygons counts in both) and each polygon's centroid. */
export async function polygonCounts(db: Executor, actor: Actor, f: SelectionFilter, geojsons: readonly string[]): Promise<PolygonFacts> {
  const { rows } = await sql<{ ord: number; n: number; lon: number; lat: number }>`
    with units as materialized ${unitsRelation(geojsons)}
    select u.ord, ST_X(ST_Centroid(u.geom)) as lon, ST_Y(ST_Centroid(u.geom)) as lat,
      (select count(*)::int from incidents i where ST_Covers(u.geom, i.location) and ${selectionWhere(actor, f)}) as n
    from units u order by u.ord`.execute(db);
  return { counts: rows.map((r) => r.n), centroids: rows.map((r) => ({ lon: Number(r.lon), lat: Number(r.lat) })) };
}

/**
 * Contiguity of polygons computed by PostGIS, as symmetric neighbour lists. Queen: the polygons
 * intersect (share a boundary point, or overlap, as digitised neighbours often slightly do);
 * rook: their boundaries share a segment (DE-9IM boundary/boundary of dimension 1) or their
 * interiors overlap.
 */
export async function polygonContiguity(db: Executor, geojsons: readonly string[], contiguity: 'queen' | 'rook'): Promise<number[][]> {
  const touching =
    contiguity === 'queen'
      ? sql`ST_Intersects(a.geom, b.geom)`
      : sql`(ST_Relate(a.geom, b.geom, '****1****') or ST_Relate(a.geom, b.geom, 'T********'))`;
  const { rows } = await sql<{ a: number; b: number }>`
    with units as materialized ${unitsRelation(geojsons)}
    select a.ord as a, b.ord as b from units a join units b on a.ord < b.ord and a.geom && b.geom and ${touching}`.execute(db);
  const lists: number[][] = geojsons.map(() => []);
  for (const { a, b } of rows) {
    lists[a]!.push(b);
    lists[b]!.push(a);
  }
  for (const list of lists) list.sort((x, y) => x - y);
  return lists;
}
