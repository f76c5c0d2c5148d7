import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { IncidentImportRow } from './column-mapping.ts';

/** The organisation's category mapping: its labels to ICCS codes (null: known, not classified). */
export async function categoryMappings(db: Executor, ownerOrgId: string): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('category_mappings').select(['source_category', 'iccs_code']).where('owner_org_id', '=', ownerOrgId).execute();
  return new Map(rows.map((r) => [r.source_category, r.iccs_code]));
}

/**
 * Inserts new incidents and updates those whose imported fields changed, keyed by
 * (owner, 'import', external id); an unchanged row is not written at all, so a re-run is a no-op.
 * Returns the external ids inserted and updated; the rest of `rows` were unchanged.
 */
export async function upsertImportedIncidents(db: Executor, owner: { orgId: string; userId: string }, rows: IncidentImportRow[]) {
  if (rows.length === 0) return { inserted: [] as string[], updated: [] as string[], updatedIds: [] as string[] };
  const written = await db
    .insertInto('incidents')
    .values(
      rows.map((r) => ({
        ...r,
        location: r.location ? sql<unknown>`ST_SetSRID(ST_MakePoint(${r.location.lon}, ${r.location.lat}), 4326)` : null,
        owner_org_id: owner.orgId,
        created_by: owner.userId,
        source: 'import' as const,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['owner_org_id', 'source', 'external_id'])
        .doUpdateSet({
          tlp: (eb) => eb.ref('excluded.tlp'),
          iccs_code: (eb) => eb.ref('excluded.iccs_code'),
          source_category: (eb) => eb.ref('excluded.source_category'),
          occurred_from: (eb) => eb.ref('excluded.occurred_from'),
          occurred_to: (eb) => eb.ref('excluded.occurred_to'),
          reported_at: (eb) => eb.ref('excluded.reported_at'),
          location: sql<unknown>`excluded.location`,
          location_precision_m: (eb) => eb.ref('excluded.location_precision_m'),
          address_text: (eb) => eb.ref('excluded.address_text'),
          updated_at: sql<Date>`now()`,
        })
        .where(sql<boolean>`(incidents.tlp, incidents.iccs_code, incidents.source_category, incidents.occurred_from, incidents.occurred_to,
            incidents.reported_at, incidents.location, incidents.location_precision_m, incidents.address_text)
          is distinct from (excluded.tlp, excluded.iccs_code, excluded.source_category, excluded.occurred_from, excluded.occurred_to,
            excluded.reported_at, excluded.location, excluded.location_precision_m, excluded.address_text)`),
    )
    // xmax is 0 on a freshly inserted row version and set on one written by the update branch.
    .returning(['id', 'external_id', sql<boolean>`(xmax = 0)`.as('inserted')])
    .execute();
  return {
    inserted: written.filter((w) => w.inserted).map((w) => w.external_id!),
    updated: written.filter((w) => !w.inserted).map((w) => w.external_id!),
    /** Incident ids of the updated rows (an import may change their marking). */
    updatedIds: written.filter((w) => !w.inserted).map((w) => w.id),
  };
}
