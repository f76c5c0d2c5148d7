import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { ConsentTier } from '../../platform/db/schema.ts';

/**
 * Police units residents can name: police agencies with a jurisdiction, the same
 * organisations the public map already shows (an organisation without one is not listed).
 */
const publicPoliceUnits = (db: Executor) =>
  db.selectFrom('organizations').select(['id', 'name', 'country']).where('type', '=', 'police_agency').where(sql<boolean>`jurisdiction is not null`);

export const policeUnits = (db: Executor) => publicPoliceUnits(db).orderBy('name').execute();

export const policeUnit = (db: Executor, id: string) => publicPoliceUnits(db).where('id', '=', id).executeTakeFirst();

export const activeConductCategory = (db: Executor, code: string) =>
  db.selectFrom('report_categories').select('code').where('code', '=', code).where('channel', '=', 'conduct').where('active', '=', true).executeTakeFirst();

export const insertConduct = (
  db: Executor,
  row: {
    receipt_key: string;
    passphrase_hash: string;
    category: string;
    concerned_org_id: string;
    consent_tier: ConsentTier;
    body: string;
    location_text: string | null;
    occurred_text: string | null;
    received_hour: string;
  },
) => db.insertInto('reports').values({ ...row, channel: 'conduct' }).onConflict((oc) => oc.column('receipt_key').doNothing()).returning('id').executeTakeFirst();

/**
 * Complaints and commendations per publicly listed police unit and month (UTC), received in
 * [from, to), of the given consent tiers; duplicates of another report are not counted again.
 */
export async function monthlyCounts(db: Executor, range: { from: string; to: string; unitId?: string | undefined }, tiers: readonly ConsentTier[]) {
  if (tiers.length === 0) return [];
  const { rows } = await sql<{ unit_id: string; unit_name: string; month: string; complaints: number; commendations: number }>`
    select o.id as unit_id, o.name as unit_name,
      to_char(r.received_hour at time zone 'UTC', 'YYYY-MM') as month,
      (count(*) filter (where r.category <> 'commendation'))::int as complaints,
      (count(*) filter (where r.category = 'commendation'))::int as commendations
    from reports r
    join organizations o on o.id = r.concerned_org_id and o.type = 'police_agency' and o.jurisdiction is not null
    where r.channel = 'conduct'
      and r.consent_tier in (${sql.join(tiers)})
      and r.received_hour >= ${range.from}::timestamptz and r.received_hour < ${range.to}::timestamptz
      and r.closure_reason is distinct from 'duplicate'
      ${range.unitId ? sql`and o.id = ${range.unitId}` : sql``}
    group by o.id, o.name, 3
    order by 3, o.name, o.id`.execute(db);
  return rows;
}
