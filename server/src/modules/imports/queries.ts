import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';

/** The organisation's category mapping: its labels to ICCS codes (null: known, not classified). */
export async function categoryMappings(db: Executor, ownerOrgId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('category_mappings').select(['source_category', 'iccs_code']).where('owner_org_id', '=', ownerOrgId).execute();
  return new Map(rows.map((r) => [r.source_category, r.iccs_code]));
}

/**
 * How many of each list of WGS 84 points the organisation's jurisdiction covers; nulls when it
 * has no jurisdiction.
 */
export async function jurisdictionCover(db: Executor, orgId: string, straight: { lon: number; lat: number }[], swapped: { lon: number; lat: number }[]) {
  const count = (points: { lon: number; lat: number }[]) => sql<number>`(select count(*)::int from json_to_recordset(${JSON.stringify(points)}::json) as p(lon float8, lat float8)
      where ST_Covers(o.jurisdiction, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)))`;
  const row = await db
    .selectFrom('organizations as o')
    .select([sql<boolean>`o.jurisdiction is not null`.as('has'), count(straight).as('straight'), count(swapped).as('swapped')])
    .where('o.id', '=', orgId)
    .executeTakeFirst();
  return row?.has ? { straight: Number(row.straight), swapped: Number(row.swapped) } : { straight: null, swapped: null };
}

/**
 * Of the batch's incidents, those announced in the operations feed under another marking than
 * they now have (an import that re-marks incidents recorded earlier through the API).
 */
export async function remarkedIncidentIds(db: Executor, target: { orgId: string; source: string }, externalIds: string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const rows = await db
    .selectFrom('incidents as i')
    .select('i.id')
    .where('i.owner_org_id', '=', target.orgId)
    .where('i.source', '=', target.source as never)
    .where(sql<boolean>`i.external_id = any(${externalIds}::text[])`)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('operations_feed as f').select('f.id').where('f.record_type', '=', 'incident').whereRef('f.record_id', '=', 'i.id').whereRef('f.tlp', '<>', 'i.tlp')))
    .execute();
  return rows.map((r) => r.id);
}
