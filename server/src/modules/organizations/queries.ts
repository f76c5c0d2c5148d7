import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { Db } from '../../platform/db/engine.ts';
import type { OrgType, Role } from '../../platform/db/schema.ts';

const geometryFrom = (geojson: object): RawBuilder<string> =>
  sql<string>`ST_Multi(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geojson)}::text), 4326)))`;

const summaryColumns = ['id', 'name', 'type', 'country'] as const;

export async function geometryProblem(db: Db, geojson: object): Promise<string | null> {
  const { rows } = await sql<{ reason: string }>`select ST_IsValidReason(${geometryFrom(geojson)}) as reason`.execute(db);
  const reason = rows[0]?.reason ?? 'unknown';
  return reason === 'Valid Geometry' ? null : reason;
}

export async function insertOrganization(db: Executor, input: { name: string; type: OrgType; country: string; jurisdiction: object | null; triageHub: boolean }) {
  return db
    .insertInto('organizations')
    .values({
      name: input.name,
      type: input.type,
      country: input.country,
      triage_hub: input.triageHub,
      ...(input.jurisdiction ? { jurisdiction: geometryFrom(input.jurisdiction) as never } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateOrganization(
  db: Executor,
  id: string,
  patch: { name?: string; type?: OrgType; country?: string; jurisdiction?: object | null; triageHub?: boolean },
) {
  await db
    .updateTable('organizations')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.country !== undefined ? { country: patch.country } : {}),
      ...(patch.triageHub !== undefined ? { triage_hub: patch.triageHub } : {}),
      ...(patch.jurisdiction !== undefined
        ? { jurisdiction: (patch.jurisdiction ? geometryFrom(patch.jurisdiction) : null) as never }
        : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export const findOrganization = (db: Executor, id: string) =>
  db
    .selectFrom('organizations')
    .select([...summaryColumns, 'triage_hub', 'created_at', 'updated_at'])
    .select(sql<string | null>`ST_AsGeoJSON(jurisdiction, 7)`.as('jurisdiction_geojson'))
    .where('id', '=', id)
    .executeTakeFirst();

export const listOrganizations = (db: Db, filter: { type?: OrgType; country?: string }) => {
  let query = db
    .selectFrom('organizations')
    .select([...summaryColumns, 'triage_hub'])
    .select(sql<boolean>`jurisdiction is not null`.as('has_jurisdiction'))
    .orderBy('name');
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.country) query = query.where('country', '=', filter.country);
  return query.execute();
};

export const listMembers = (db: Db, orgId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.email', 'u.display_name', sql<Role[]>`array_agg(m.role::text order by m.role)`.as('roles')])
    .where('m.org_id', '=', orgId)
    .groupBy(['u.id', 'u.email', 'u.display_name'])
    .orderBy('u.display_name')
    .execute();

export const rolesOf = async (db: Executor, orgId: string, userId: string): Promise<Role[]> =>
  (await db.selectFrom('memberships').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).orderBy('role').execute()).map(
    (r) => r.role,
  );

export async function replaceRoles(db: Executor, orgId: string, userId: string, roles: Role[]) {
  await db.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db.insertInto('memberships').values(roles.map((role) => ({ org_id: orgId, user_id: userId, role }))).execute();
  }
}

export const userExists = async (db: Executor, userId: string) =>
  (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
