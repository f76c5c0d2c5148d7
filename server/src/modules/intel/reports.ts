import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, replaceDistribution } from '../../platform/access/distribution.ts';
import { journal } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/page-cursor.ts';
import { visibleEntityTypes } from './entity-queries.ts';
import { grading } from './grading.ts';
import { linksOfReport } from './link-queries.ts';
import { insertLinks, linkCreatedEvent, linkIssues, toLink } from './links.ts';
import { assertCanWriteIntelFor } from './policy.ts';
import { distributionInput, iso, recordFields } from './records.ts';
import * as q from './report-queries.ts';
import type { CreateReportInput, Link, Report, ReportFilter } from './schemas.ts';
import { INTEL_LINK, INTEL_REPORT } from './visibility.ts';

const toReport = (row: q.ReportRow, facts: Link[]): Report => {
  const graded = {
    sourceReliability: row.source_reliability,
    informationCredibility: row.information_credibility,
    sourceKnowledge: row.source_knowledge,
    handlingCode: row.handling_code,
  };
  return {
    ...recordFields(row),
    title: row.title,
    body: row.body,
    ...graded,
    handlingConditions: row.handling_conditions,
    grading: grading(graded),
    obtainedAt: iso(row.obtained_at),
    entityIds: row.entity_ids,
    facts,
  };
};

/** Handling conditions go with code C and only with it; the entities must be visible to the writer. */
async function reportIssues(trx: Parameters<typeof visibleEntityTypes>[0], actor: Actor, input: CreateReportInput): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (input.handlingCode === 'C' && input.handlingConditions === null) issues.push({ path: 'handlingConditions', code: 'intel.conditions_required' });
  if (input.handlingCode === 'P' && input.handlingConditions !== null) issues.push({ path: 'handlingConditions', code: 'intel.conditions_only_with_c' });
  const visible = await visibleEntityTypes(trx, actor, input.entityIds);
  input.entityIds.forEach((id, i) => {
    if (!visible.has(id)) issues.push({ path: `entityIds.${i}`, code: 'unknown_reference', params: { id } });
  });
  issues.push(...(await linkIssues(trx, actor, input.facts, (i) => `facts.${i}.`)));
  return issues;
}

export async function createReport(ctx: AppContext, actor: Actor, input: CreateReportInput): Promise<Report> {
  requireUser(actor);
  const ownerOrgId = input.ownerOrgId ?? primaryOrgId(actor);
  if (!ownerOrgId) throw invalidField('ownerOrgId', 'not_a_member');
  assertCanWriteIntelFor(actor, ownerOrgId);
  const dist = distributionInput(input);
  return ctx.db.transaction().execute(async (trx) => {
    const issues = await reportIssues(trx, actor, input);
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
    await assertValidDistribution(trx, actor, input.tlp, dist);
    // The entities a fact links are what the report is about, too.
    const about = [...new Set([...input.entityIds, ...input.facts.flatMap((f) => [f.sourceId, f.targetId])])];
    const id = await q.insertReport(trx, {
      owner_org_id: ownerOrgId,
      created_by: actor.userId,
      tlp: input.tlp,
      title: input.title,
      body: input.body,
      source_reliability: input.sourceReliability,
      information_credibility: input.informationCredibility,
      source_knowledge: input.sourceKnowledge,
      handling_code: input.handlingCode,
      handling_conditions: input.handlingConditions,
      obtained_at: input.obtainedAt,
    }, about);
    await replaceDistribution(trx, INTEL_REPORT, id, dist, true);
    const linkIds = await insertLinks(trx, actor, input.facts, { ownerOrgId, tlp: input.tlp, reportId: id, dist });
    const row = await q.findVisibleReport(trx, actor, id);
    if (!row) throw new AppError('INTERNAL'); // its writer sees the report
    const report = toReport(row, (await linksOfReport(trx, actor, id)).map(toLink));
    const { facts, ...rest } = report;
    await journal(trx, actor, {
      audit: [
        { action: 'create', recordType: INTEL_REPORT, recordId: id, orgId: ownerOrgId, diff: { after: { ...rest, factIds: linkIds } } },
        ...facts.map((f) => ({ action: 'create', recordType: INTEL_LINK, recordId: f.id, orgId: ownerOrgId, diff: { after: { ...f } } })),
      ],
      events: [
        { type: 'intel.report.created', recordType: INTEL_REPORT, recordId: id, orgIds: [ownerOrgId], data: { tlp: report.tlp } },
        ...linkIds.map((linkId) => linkCreatedEvent(linkId, ownerOrgId, report.tlp)),
      ],
    });
    return report;
  });
}

export async function getReport(ctx: AppContext, actor: Actor, id: string): Promise<Report> {
  const row = await q.findVisibleReport(ctx.db, actor, id);
  if (!row) throw notFound(INTEL_REPORT); // the same answer whether it does not exist or may not be seen
  const facts = await linksOfReport(ctx.db, actor, id);
  await ctx.readAudit.recordReads(actor, INTEL_REPORT, [row]);
  await ctx.readAudit.recordReads(actor, INTEL_LINK, facts);
  return toReport(row, facts.map(toLink));
}

const CursorShape = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** Reports the caller may see, newest first; lists carry no facts (read one report for them). */
export async function listReports(ctx: AppContext, actor: Actor, filter: ReportFilter, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(CursorShape, page.cursor);
  const rows = await q.listVisibleReports(ctx.db, actor, filter, page.limit + 1, after);
  const items = rows.slice(0, page.limit);
  await ctx.readAudit.recordReads(actor, INTEL_REPORT, items);
  const last = items.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null;
  return { items: items.map((r) => toReport(r, [])), nextCursor };
}
