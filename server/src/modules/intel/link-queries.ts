import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { distributionColumns } from '../../platform/access/distribution.ts';
import type { IntelLinkType, Tlp } from '../../platform/db/schema.ts';
import { INTEL_LINK, visibleLinks, visibleReport } from './visibility.ts';
import { sql } from 'kysely';

const columns = [
  'l.id', 'l.owner_org_id', 'l.created_by', 'l.tlp', 'l.type', 'l.source_id', 'l.target_id', 'l.valid_from', 'l.valid_to',
  'l.description', 'l.created_at', 'l.updated_at',
] as const;
const distribution = distributionColumns(INTEL_LINK, 'l');

/**
 * Links the actor may see (alias `l`): the link and both ends visible. The provenance report
 * is given only when the actor may see it too, else null (its id would reveal it exists).
 */
export function visibleLinkRows(db: Executor, actor: Actor) {
  return db
    .selectFrom('intel_links as l')
    .where(visibleLinks(actor, 'l'))
    .select(columns)
    .select(distribution)
    .select(sql<string | null>`(select ir.id from intel_reports ir where ir.id = l.report_id and ${visibleReport(actor, 'ir')})`.as('report_id'));
}

export const findVisibleLink = (db: Executor, actor: Actor, id: string) => visibleLinkRows(db, actor).where('l.id', '=', id).executeTakeFirst();

/** Visible links with the entity at either end, newest first. */
export const linksOfEntity = (db: Executor, actor: Actor, entityId: string, limit: number) =>
  visibleLinkRows(db, actor)
    .where((eb) => eb.or([eb('l.source_id', '=', entityId), eb('l.target_id', '=', entityId)]))
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();

/** Visible links stated by a report. */
export const linksOfReport = (db: Executor, actor: Actor, reportId: string) =>
  visibleLinkRows(db, actor).where('l.report_id', '=', reportId).orderBy('l.created_at').orderBy('l.id').execute();

export type LinkRow = NonNullable<Awaited<ReturnType<typeof findVisibleLink>>>;

export interface NewLink {
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  type: IntelLinkType;
  source_id: string;
  target_id: string;
  valid_from: string | null;
  valid_to: string | null;
  report_id: string | null;
  description: string;
}

export async function insertLink(db: Executor, row: NewLink): Promise<string> {
  return (await db.insertInto('intel_links').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteLink(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('record_sharing_groups').where('record_type', '=', INTEL_LINK).where('record_id', '=', id).execute();
  await db.deleteFrom('record_recipients').where('record_type', '=', INTEL_LINK).where('record_id', '=', id).execute();
  await db.deleteFrom('intel_links').where('id', '=', id).execute();
}
