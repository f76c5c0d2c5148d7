import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { canManageRecord, requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, replaceDistribution, type Distribution } from '../../platform/access/distribution.ts';
import { journal, type Executor } from '../../platform/audit/audit-log.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { visibleEntityTypes } from './entity-queries.ts';
import { linkFits } from './link-rules.ts';
import * as q from './link-queries.ts';
import { assertCanWriteIntelFor } from './policy.ts';
import { distributionInput, iso, recordFields } from './records.ts';
import { reportIsVisible } from './report-queries.ts';
import type { CreateLinkInput, Link } from './schemas.ts';
import { INTEL_LINK } from './visibility.ts';

export const toLink = (row: q.LinkRow): Link => ({
  ...recordFields(row),
  type: row.type,
  sourceId: row.source_id,
  targetId: row.target_id,
  validFrom: iso(row.valid_from),
  validTo: iso(row.valid_to),
  reportId: row.report_id,
  description: row.description,
});

type LinkFacts = Pick<CreateLinkInput, 'type' | 'sourceId' | 'targetId' | 'validFrom' | 'validTo' | 'description'>;

/**
 * The problems of links to be written, all reported together: ends the actor cannot see are
 * "unknown" exactly like ends that do not exist, and the relation must fit their types.
 */
export async function linkIssues(db: Executor, actor: Actor, links: readonly LinkFacts[], pathOf: (i: number) => string): Promise<FieldIssue[]> {
  const types = await visibleEntityTypes(db, actor, links.flatMap((l) => [l.sourceId, l.targetId]));
  const issues: FieldIssue[] = [];
  links.forEach((link, i) => {
    const path = pathOf(i);
    const source = types.get(link.sourceId);
    const target = types.get(link.targetId);
    if (!source) issues.push({ path: `${path}sourceId`, code: 'unknown_reference', params: { id: link.sourceId } });
    if (!target) issues.push({ path: `${path}targetId`, code: 'unknown_reference', params: { id: link.targetId } });
    if (link.sourceId === link.targetId) issues.push({ path: `${path}targetId`, code: 'intel.link_to_itself' });
    else if (source && target && !linkFits(link.type, source, target)) {
      issues.push({ path: `${path}type`, code: 'intel.link_type_mismatch', params: { type: link.type, source, target } });
    }
    if (link.validFrom !== null && link.validTo !== null && Date.parse(link.validTo) < Date.parse(link.validFrom)) {
      issues.push({ path: `${path}validTo`, code: 'intel.valid_to_before_from' });
    }
  });
  return issues;
}

/** Writes checked links with their marking and distribution; returns their ids. */
export async function insertLinks(
  db: Executor,
  actor: Actor & { userId: string },
  links: readonly LinkFacts[],
  common: { ownerOrgId: string; tlp: Tlp; reportId: string | null; dist: Distribution },
): Promise<string[]> {
  const ids: string[] = [];
  for (const link of links) {
    const id = await q.insertLink(db, {
      owner_org_id: common.ownerOrgId,
      created_by: actor.userId,
      tlp: common.tlp,
      type: link.type,
      source_id: link.sourceId,
      target_id: link.targetId,
      valid_from: link.validFrom,
      valid_to: link.validTo,
      report_id: common.reportId,
      description: link.description,
    });
    await replaceDistribution(db, INTEL_LINK, id, common.dist, true);
    ids.push(id);
  }
  return ids;
}

export const linkCreatedEvent = (id: string, ownerOrgId: string, tlp: Tlp) =>
  ({ type: 'intel.link.created', recordType: INTEL_LINK, recordId: id, orgIds: [ownerOrgId], data: { tlp } });

export async function createLink(ctx: AppContext, actor: Actor, input: CreateLinkInput): Promise<Link> {
  requireUser(actor);
  const ownerOrgId = input.ownerOrgId ?? primaryOrgId(actor);
  if (!ownerOrgId) throw invalidField('ownerOrgId', 'not_a_member');
  assertCanWriteIntelFor(actor, ownerOrgId);
  const dist = distributionInput(input);
  return ctx.db.transaction().execute(async (trx) => {
    const issues = await linkIssues(trx, actor, [input], () => '');
    if (input.reportId !== null && !(await reportIsVisible(trx, actor, input.reportId))) {
      issues.push({ path: 'reportId', code: 'unknown_reference', params: { id: input.reportId } });
    }
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
    await assertValidDistribution(trx, actor, input.tlp, dist);
    const [id] = await insertLinks(trx, actor, [input], { ownerOrgId, tlp: input.tlp, reportId: input.reportId, dist });
    const row = await q.findVisibleLink(trx, actor, id!);
    if (!row) throw new AppError('INTERNAL'); // its writer sees the link and both ends
    const link = toLink(row);
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: INTEL_LINK, recordId: id!, orgId: ownerOrgId, diff: { after: { ...link } } }],
      events: [linkCreatedEvent(id!, ownerOrgId, link.tlp)],
    });
    return link;
  });
}

export async function getLink(ctx: AppContext, actor: Actor, id: string): Promise<Link> {
  const row = await q.findVisibleLink(ctx.db, actor, id);
  if (!row) throw notFound(INTEL_LINK);
  await ctx.readAudit.recordReads(actor, INTEL_LINK, [row]);
  return toLink(row);
}

export async function linksOfEntity(ctx: AppContext, actor: Actor, entityId: string, limit: number): Promise<Link[]> {
  const ends = await visibleEntityTypes(ctx.db, actor, [entityId]);
  if (!ends.has(entityId)) throw notFound('intel_entity');
  const rows = await q.linksOfEntity(ctx.db, actor, entityId, limit);
  await ctx.readAudit.recordReads(actor, INTEL_LINK, rows);
  return rows.map(toLink);
}

export async function deleteLink(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireUser(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await q.findVisibleLink(trx, actor, id);
    if (!row) throw notFound(INTEL_LINK);
    if (!canManageRecord(actor, row)) throw new AppError('FORBIDDEN');
    await q.deleteLink(trx, id);
    await journal(trx, actor, {
      audit: [{ action: 'delete', recordType: INTEL_LINK, recordId: id, orgId: row.owner_org_id, diff: { before: { ...toLink(row) } } }],
      events: [{ type: 'intel.link.deleted', recordType: INTEL_LINK, recordId: id, orgIds: [row.owner_org_id], data: { tlp: row.tlp } }],
    });
  });
}
