import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { distributionColumns } from '../../platform/access/distribution.ts';
import type { HandlingCode, InformationCredibility, SourceKnowledge, SourceReliability, Tlp } from '../../platform/db/schema.ts';
import { INTEL_REPORT, visibleEntity, visibleReport } from './visibility.ts';

const columns = [
  'ir.id', 'ir.owner_org_id', 'ir.created_by', 'ir.tlp', 'ir.title', 'ir.body', 'ir.source_reliability', 'ir.information_credibility',
  'ir.source_knowledge', 'ir.handling_code', 'ir.handling_conditions', 'ir.obtained_at', 'ir.created_at', 'ir.updated_at',
] as const;
const distribution = distributionColumns(INTEL_REPORT, 'ir');

export interface ReportQuery {
  q?: string;
  entityId?: string;
  ownerOrgId?: string;
}
export interface ReportCursor {
  createdAt: string;
  id: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reports the actor may see (alias `ir`: distributionColumns uses `r` inside), with the ids of the entities they are about that the actor may see too. */
function visibleReports(db: Executor, actor: Actor, filter: ReportQuery = {}) {
  let query = db.selectFrom('intel_reports as ir').where(visibleReport(actor, 'ir'));
  if (filter.ownerOrgId) query = query.where('ir.owner_org_id', '=', filter.ownerOrgId);
  if (filter.entityId) {
    const entityId = filter.entityId;
    query = query.where((eb) => eb.exists(eb.selectFrom('intel_report_entities as re').select('re.entity_id').whereRef('re.report_id', '=', 'ir.id').where('re.entity_id', '=', entityId)));
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('ir.title', 'ilike', pattern), eb('ir.body', 'ilike', pattern)]));
  }
  return query
    .select(columns)
    .select(distribution)
    .select(
      sql<string[]>`coalesce((select json_agg(re.entity_id order by re.entity_id) from intel_report_entities re
        join intel_entities re_e on re_e.id = re.entity_id
        where re.report_id = ir.id and ${visibleEntity(actor, 're_e')}), '[]'::json)`.as('entity_ids'),
    );
}

export function listVisibleReports(db: Executor, actor: Actor, filter: ReportQuery, limit: number, after: ReportCursor | null) {
  let query = visibleReports(db, actor, filter);
  if (after) query = query.where(sql<boolean>`(ir.created_at, ir.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('ir.created_at', 'desc').orderBy('ir.id', 'desc').limit(limit).execute();
}

export const findVisibleReport = (db: Executor, actor: Actor, id: string) => visibleReports(db, actor).where('ir.id', '=', id).executeTakeFirst();

/** True when the actor may see the report (to cite it as provenance). */
export async function reportIsVisible(db: Executor, actor: Actor, id: string): Promise<boolean> {
  return (await db.selectFrom('intel_reports as ir').select('ir.id').where('ir.id', '=', id).where(visibleReport(actor, 'ir')).executeTakeFirst()) !== undefined;
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findVisibleReport>>>;

export interface NewReport {
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  title: string;
  body: string;
  source_reliability: SourceReliability;
  information_credibility: InformationCredibility;
  source_knowledge: SourceKnowledge;
  handling_code: HandlingCode;
  handling_conditions: string | null;
  obtained_at: string | null;
}

export async function insertReport(db: Executor, row: NewReport, entityIds: readonly string[]): Promise<string> {
  const { id } = await db.insertInto('intel_reports').values(row).returning('id').executeTakeFirstOrThrow();
  const unique = [...new Set(entityIds)];
  if (unique.length > 0) await db.insertInto('intel_report_entities').values(unique.map((entity_id) => ({ report_id: id, entity_id }))).execute();
  return id;
}
