import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { RecipientRole, ReportChannel } from '../../platform/db/schema.ts';

export interface MatchedRule {
  id: string;
  org_id: string;
  role: RecipientRole;
}

/**
 * Rules matching a report, best first: higher priority, then a rule for the report's own
 * category over one for any category, then a jurisdiction over "anywhere", then the smaller
 * jurisdiction (the more local organisation where areas overlap), then the older rule.
 */
export async function matchingRules(db: Executor, reportId: string, excludeOrgIds: string[]): Promise<MatchedRule[]> {
  const { rows } = await sql<MatchedRule>`
    select r.id, r.org_id, r.role
    from reports p
    join routing_rules r on r.channel = p.channel and (r.category is null or r.category = p.category)
    join organizations o on o.id = r.org_id
    where p.id = ${reportId}
      and (r.scope = 'anywhere' or (p.location is not null and o.jurisdiction is not null and ST_Covers(o.jurisdiction, p.location)))
      ${excludeOrgIds.length > 0 ? sql`and r.org_id not in (${sql.join(excludeOrgIds)})` : sql``}
    order by r.priority desc, (r.category is not null) desc, (r.scope = 'jurisdiction') desc,
      ST_Area(o.jurisdiction::geography) asc nulls last, r.created_at, r.id`.execute(db);
  return rows;
}

export const setRoute = (db: Executor, reportId: string, orgId: string | null, ruleId: string | null) =>
  db.updateTable('reports').set({ responsible_org_id: orgId, routing_rule_id: ruleId }).where('id', '=', reportId).execute();

export const reportForRouting = (db: Executor, reportId: string) =>
  db.selectFrom('reports').select(['id', 'channel', 'concerned_org_id']).where('id', '=', reportId).executeTakeFirst();

const ruleColumns = [
  'r.id', 'r.channel', 'r.category', 'r.org_id', 'o.name as org_name', 'r.role', 'r.scope', 'r.priority', 'r.created_at',
] as const;

export const listRules = (db: Executor, channel?: ReportChannel) => {
  let query = db.selectFrom('routing_rules as r').innerJoin('organizations as o', 'o.id', 'r.org_id').select(ruleColumns);
  if (channel) query = query.where('r.channel', '=', channel);
  return query.orderBy('r.channel').orderBy('r.category').orderBy('r.priority', 'desc').orderBy('o.name').execute();
};

export const findRule = (db: Executor, id: string) =>
  db.selectFrom('routing_rules as r').innerJoin('organizations as o', 'o.id', 'r.org_id').select(ruleColumns).where('r.id', '=', id).executeTakeFirst();

export const insertRule = (
  db: Executor,
  row: { channel: ReportChannel; category: string | null; org_id: string; role: RecipientRole; scope: 'jurisdiction' | 'anywhere'; priority: number; created_by: string },
) => db.insertInto('routing_rules').values(row).returning('id').executeTakeFirstOrThrow();

export const deleteRule = (db: Executor, id: string) => db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();

export const orgForRule = (db: Executor, id: string) =>
  db.selectFrom('organizations').select(['id', 'type', sql<boolean>`jurisdiction is not null`.as('has_jurisdiction')]).where('id', '=', id).executeTakeFirst();

export const categoryOfChannel = (db: Executor, code: string, channel: ReportChannel) =>
  db.selectFrom('report_categories').select('code').where('code', '=', code).where('channel', '=', channel).executeTakeFirst();

/** Organisations among `orgIds` that run the intake line. */
export const hubOrgIds = async (db: Executor, orgIds: string[]): Promise<string[]> =>
  orgIds.length === 0
    ? []
    : (await db.selectFrom('organizations').select('id').where('id', 'in', orgIds).where('triage_hub', '=', true).execute()).map((r) => r.id);
