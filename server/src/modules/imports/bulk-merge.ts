import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { IncidentSource } from '../../platform/db/schema.ts';
import type { IncidentImportRow } from './column-mapping.ts';

/** An organisation's jurisdiction as candidate administrative area: its id and bounding box. */
export interface AreaCandidate {
  id: string;
  bbox: [number, number, number, number];
}

/**
 * Every jurisdiction, smallest first (the order of the administrative-area rule), with its
 * bounding box, read once per import: areas are not recomputed for every row.
 */
export async function areaCandidates(db: Executor): Promise<AreaCandidate[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', sql<number>`ST_XMin(jurisdiction)`.as('w'), sql<number>`ST_YMin(jurisdiction)`.as('s'), sql<number>`ST_XMax(jurisdiction)`.as('e'), sql<number>`ST_YMax(jurisdiction)`.as('n')])
    .where('jurisdiction', 'is not', null)
    .orderBy(sql`ST_Area(jurisdiction::geography)`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, bbox: [Number(r.w), Number(r.s), Number(r.e), Number(r.n)] }));
}

/** The candidates whose box meets the rows' box, in rule order. */
export function candidatesFor(rows: IncidentImportRow[], all: AreaCandidate[]): AreaCandidate[] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { location: p } of rows) {
    if (!p) continue;
    if (p.lon < w) w = p.lon;
    if (p.lon > e) e = p.lon;
    if (p.lat < s) s = p.lat;
    if (p.lat > n) n = p.lat;
  }
  return w > e ? [] : all.filter((c) => c.bbox[0] <= e && c.bbox[2] >= w && c.bbox[1] <= n && c.bbox[3] >= s);
}

/**
 * The administrative area of point `g`: the first candidate (smallest) that covers it. Each
 * candidate is its own ST_Covers call with a constant polygon, so PostGIS prepares each polygon
 * once per statement instead of once per row.
 */
function adminAreaCase(candidates: AreaCandidate[]): RawBuilder<string | null> {
  if (candidates.length === 0) return sql`null::uuid`;
  const whens = candidates.map((c) => sql`when ST_Covers((select jurisdiction from organizations where id = ${c.id}::uuid), b.g) then ${c.id}::uuid`);
  return sql`case when b.g is null then null::uuid ${sql.join(whens, sql` `)} else null::uuid end`;
}

const compact = (r: IncidentImportRow) => ({
  e: r.external_id,
  t: r.tlp,
  c: r.iccs_code,
  sc: r.source_category,
  f: r.occurred_from.toISOString(),
  u: r.occurred_to?.toISOString() ?? null,
  rp: r.reported_at?.toISOString() ?? null,
  x: r.location?.lon ?? null,
  y: r.location?.lat ?? null,
  pr: r.location_precision_m,
  ad: r.address_text,
});

export interface MergeTarget {
  orgId: string;
  userId: string;
  source: IncidentSource;
  sharingGroupIds: string[];
  recipientUserIds: string[];
}

/**
 * Merges a batch in one statement: the rows travel as one JSON parameter, new ones are
 * inserted, existing ones (same owner, source and external id) updated only when a field
 * changed, with the administrative area computed for the whole batch. Must run inside a
 * transaction (it sets alianza.admin_area_preset for that transaction only).
 */
export async function mergeBatch(db: Executor, target: MergeTarget, rows: IncidentImportRow[], candidates: AreaCandidate[]) {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  await sql`select set_config('alianza.admin_area_preset', 'on', true)`.execute(db);
  const distribute = [
    target.sharingGroupIds.length > 0
      ? sql`, groups as (insert into record_sharing_groups (record_type, record_id, group_id)
          select 'incident', w.id, g from w cross join unnest(${target.sharingGroupIds}::uuid[]) as g on conflict do nothing)`
      : sql``,
    target.recipientUserIds.length > 0
      ? sql`, people as (insert into record_recipients (record_type, record_id, user_id)
          select 'incident', w.id, u from w cross join unnest(${target.recipientUserIds}::uuid[]) as u on conflict do nothing)`
      : sql``,
  ];
  const { rows: [counts] } = await sql<{ inserted: number; updated: number }>`
    with b as materialized (
      select r.*, case when r.x is null then null else ST_SetSRID(ST_MakePoint(r.x, r.y), 4326) end as g
        from json_to_recordset(${JSON.stringify(rows.map(compact))}::json)
          as r(e text, t tlp, c text, sc text, f timestamptz, u timestamptz, rp timestamptz, x float8, y float8, pr real, ad text)
    ), w as (
      insert into incidents (owner_org_id, created_by, source, external_id, tlp, iccs_code, source_category, occurred_from,
          occurred_to, reported_at, location, location_precision_m, address_text, admin_area_org_id)
      select ${target.orgId}::uuid, ${target.userId}::uuid, ${target.source}, b.e, b.t, b.c, b.sc, b.f, b.u, b.rp, b.g, b.pr, b.ad,
          ${adminAreaCase(candidates)}
        from b
      on conflict (owner_org_id, source, external_id) do update set
        tlp = excluded.tlp, iccs_code = excluded.iccs_code, source_category = excluded.source_category,
        occurred_from = excluded.occurred_from, occurred_to = excluded.occurred_to, reported_at = excluded.reported_at,
        location = excluded.location, location_precision_m = excluded.location_precision_m, address_text = excluded.address_text,
        -- as the trigger: recomputed only when the location moves
        admin_area_org_id = case when incidents.location is distinct from excluded.location
          then excluded.admin_area_org_id else incidents.admin_area_org_id end,
        updated_at = now()
      where (incidents.tlp, incidents.iccs_code, incidents.source_category, incidents.occurred_from, incidents.occurred_to,
             incidents.reported_at, incidents.location, incidents.location_precision_m, incidents.address_text)
        is distinct from (excluded.tlp, excluded.iccs_code, excluded.source_category, excluded.occurred_from, excluded.occurred_to,
             excluded.reported_at, excluded.location, excluded.location_precision_m, excluded.address_text)
      -- xmax is 0 on a freshly inserted row version and set on one written by the update branch
      returning id, (xmax = 0) as inserted
    )${distribute[0]}${distribute[1]}
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from w`.execute(db);
  return { inserted: Number(counts!.inserted), updated: Number(counts!.updated) };
}
