import { sql } from 'kysely';
import type { Geometry } from 'geojson';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { OrgType } from '../../platform/db/schema.ts';

/** Whether anyone has started using the database: any organisation or any user. */
export const inUse = async (db: Executor) =>
  (await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()) !== undefined ||
  (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;

/** Serialises concurrent seeding (until the end of the transaction). */
export async function lockSeeding(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('alianza.demo-seed'))`.execute(trx);
}

/**
 * The union of polygons as one valid MultiPolygon (invalid inputs repaired first), computed
 * by the database from GeoJSON geometries.
 */
const unionOf = (geometries: Geometry[]) => sql<never>`(
  select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Union(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(g::text), 4326)))), 3))
  from jsonb_array_elements(${JSON.stringify(geometries)}::jsonb) as g)`;

export const insertOrganization = (db: Executor, org: { name: string; type: OrgType; country: string; area: Geometry[] | null; triageHub?: boolean }) =>
  db
    .insertInto('organizations')
    .values({ name: org.name, type: org.type, country: org.country, triage_hub: org.triageHub ?? false, ...(org.area ? { jurisdiction: unionOf(org.area) } : {}) })
    .returning('id')
    .executeTakeFirstOrThrow();

/** Whether any of these accounts exists and is enabled. */
export const anyActiveAccount = async (db: Executor, emails: readonly string[]) =>
  emails.length > 0 &&
  (await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, 'in', emails.map((e) => e.toLowerCase()))
    .where('disabled_at', 'is', null)
    .limit(1)
    .executeTakeFirst()) !== undefined;

export const insertCategoryMappings = (db: Executor, orgId: string, mappings: { sourceCategory: string; iccsCode: string | null }[]) =>
  db
    .insertInto('category_mappings')
    .values(mappings.map((m) => ({ owner_org_id: orgId, source_category: m.sourceCategory, iccs_code: m.iccsCode })))
    .execute();

/** The demo world's import run (the latest, if there were several). */
export const demoImportRun = (db: Executor, profileName: string) =>
  db.selectFrom('imports').select(['id', 'state']).where('profile_name', '=', profileName).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
