import type { Actor } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES, orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { currentHour, journal } from '../../platform/audit/audit-log.ts';
import { markingOf } from '../../platform/access/distribution.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { ReportChannel, ReportStatus } from '../../platform/db/schema.ts';
import { CONSENT } from '../conduct/policy.ts';
import { decideRoute } from '../routing/service.ts';
import { assertCanTriageReport } from './policy.ts';
import * as q from './queries.ts';
import type { ChangeStatusInput, ForwardedReport, ForwardInput, QueueItem, ResponseTimes, StaffReport } from './schemas.ts';

const REPORT = 'report';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const point = (lon: number | null, lat: number | null) => (lon === null || lat === null ? null : { lon, lat });
/** Residents' reports are read-audited like the most restricted records. */
const asRestricted = (ids: string[]) => ids.map((id) => ({ id, tlp: 'RED' as const }));

export async function listQueue(ctx: AppContext, actor: Actor, query: q.QueueFilter & { limit: number; offset: number }): Promise<QueueItem[]> {
  requireUser(actor);
  const rows = await q.listQueue(ctx.db, actor, query, query.limit, query.offset);
  // The queue shows the beginning of each resident's text: a read like any other.
  await ctx.readAudit.recordReads(actor, REPORT, asRestricted(rows.map((r) => r.id)));
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    category: r.category,
    status: r.status,
    receivedHour: r.received_hour.toISOString(),
    responsibleOrgId: r.responsible_org_id,
    responsibleOrgName: r.responsible_org_name,
    excerpt: r.excerpt,
    hasLocation: r.has_location,
    unansweredMessages: r.unanswered,
  }));
}

/** A report as the coordinators triaging it see it (404 alike when missing or not theirs). */
export async function getReport(ctx: AppContext, actor: Actor, id: string): Promise<StaffReport> {
  requireUser(actor);
  const r = await q.findTriageable(ctx.db, actor, id);
  if (!r) throw notFound(REPORT);
  const [messages, forwards, routing, duplicates] = await Promise.all([
    q.messagesWithAuthors(ctx.db, id),
    q.forwardsOf(ctx.db, id),
    decideRoute(ctx.db, id),
    q.duplicateCandidates(ctx.db, actor, id),
  ]);
  await ctx.readAudit.recordReads(actor, REPORT, asRestricted([id, ...duplicates.map((d) => d.id)]));
  return {
    id: r.id,
    channel: r.channel,
    category: r.category,
    body: r.body,
    location: point(r.lon, r.lat),
    locationText: r.location_text,
    status: r.status,
    closureReason: r.closure_reason,
    duplicateOf: r.duplicate_of,
    receivedHour: r.received_hour.toISOString(),
    responsibleOrgId: r.responsible_org_id,
    responsibleOrgName: r.responsible_org_name,
    canMessageReporter: r.receipt_key !== null,
    consentTier: r.consent_tier,
    occurredText: r.occurred_text,
    triagedAt: iso(r.triaged_at),
    firstReplyAt: iso(r.first_reply_at),
    closedAt: iso(r.closed_at),
    messages: messages.map((m) => ({ from: m.author, body: m.body, hour: m.sent_hour.toISOString(), staffName: m.staff_name })),
    forwards: forwards.map((f) => ({
      id: f.id, orgId: f.owner_org_id, orgName: f.org_name, role: f.role, tlp: f.tlp as 'AMBER' | 'AMBER+STRICT' | 'RED',
      includeLocation: f.include_location, createdAt: f.created_at.toISOString(), updatedAt: f.updated_at.toISOString(),
    })),
    routing,
    duplicates: duplicates.map((d) => ({
      id: d.id, category: d.category, status: d.status, receivedHour: d.received_hour.toISOString(), distanceM: d.distance_m, similarity: d.similarity, excerpt: d.excerpt,
    })),
  };
}

const NEXT: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ['triaged', 'in_action', 'closed'],
  triaged: ['in_action', 'closed'],
  forwarded: ['in_action', 'closed'],
  in_action: ['closed'],
  closed: ['triaged'],
};

/**
 * Moves a report through its states. The coordinators triaging it may make any move (and
 * reopen a closed report); the organisation holding the responsible copy records progress:
 * in action, and closure.
 */
export async function changeStatus(ctx: AppContext, actor: Actor, id: string, input: ChangeStatusInput): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    const triager = await q.isTriageable(trx, actor, id);
    if (!triager && !(await q.holdsResponsibleForward(trx, actor, id))) throw notFound(REPORT);
    if (!triager && input.status === 'triaged') throw new AppError('FORBIDDEN');
    const report = await q.lockReport(trx, id);
    if (!report) throw notFound(REPORT);
    if (!NEXT[report.status].includes(input.status)) {
      throw new AppError('CONFLICT', {}, [{ path: 'status', code: 'triage.invalid_transition', params: { from: report.status, to: input.status } }]);
    }
    if (input.duplicateOf) {
      if (input.duplicateOf === id || !(await q.isTriageable(trx, actor, input.duplicateOf))) throw invalidField('duplicateOf', 'unknown_reference', { id: input.duplicateOf });
    }
    const now = new Date();
    await q.updateReportState(trx, id, {
      status: input.status,
      closure_reason: input.closureReason ?? null,
      duplicate_of: input.duplicateOf ?? null,
      closed_at: input.status === 'closed' ? now : null,
      ...(report.triaged_at ? {} : { triaged_at: now }),
    });
    await journal(trx, actor, {
      audit: [{ action: 'report.status', recordType: REPORT, recordId: id, orgId: null, diff: { status: { from: report.status, to: input.status }, closureReason: input.closureReason ?? null } }],
      events: [{ type: 'report.changed', recordType: REPORT, recordId: id, data: { status: input.status } }],
    });
  });
}

/**
 * Sends copies of a report, redacted by the coordinator, to one responsible organisation and
 * any number of information-only ones, under a TLP marking. Forwarding again to the same
 * organisation replaces its copy. Conduct feedback never reaches the unit concerned.
 */
export async function forwardReport(ctx: AppContext, actor: Actor, id: string, input: ForwardInput): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'write');
  await assertCanTriageReport(ctx.db, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const report = await q.lockReport(trx, id);
    if (!report) throw notFound(REPORT);
    if (report.status === 'closed') throw new AppError('CONFLICT', {}, [{ path: 'status', code: 'triage.closed' }]);
    // The resident allowed this feedback to be counted, nothing more (conduct/policy.ts).
    if (report.consent_tier && !CONSENT[report.consent_tier].investigate) throw invalidField('recipients', 'triage.statistics_only');
    const orgs = await q.orgNames(trx, input.recipients.map((r) => r.orgId));
    input.recipients.forEach((r, i) => {
      if (!orgs.has(r.orgId)) throw invalidField(`recipients.${i}.orgId`, 'unknown_reference', { id: r.orgId });
      if (r.orgId === report.concerned_org_id) throw invalidField(`recipients.${i}.orgId`, 'triage.concerned_unit');
    });
    const body = input.body ?? report.body;
    for (const r of input.recipients) {
      const copy = { report_id: id, owner_org_id: r.orgId, role: r.role, tlp: input.tlp, body, include_location: input.includeLocation, created_by: actor.userId };
      const { id: forwardId } = await q.upsertForward(trx, copy);
      // The receiving organisation's operations view learns of the copy (a copy forwarded again
      // replaces the earlier one, marking included).
      const record = { type: q.FORWARD, id: forwardId };
      await ctx.feed.remark(trx, record, markingOf(copy));
      await ctx.feed.publish(trx, { kind: 'report.forwarded', record, marking: markingOf(copy), data: { role: r.role } });
    }
    const status = report.status === 'received' || report.status === 'triaged' ? 'forwarded' : report.status;
    await q.updateReportState(trx, id, { status, closure_reason: null, duplicate_of: null, ...(report.triaged_at ? {} : { triaged_at: new Date() }) });
    const orgIds = input.recipients.map((r) => r.orgId);
    await journal(trx, actor, {
      audit: [{
        action: 'report.forward', recordType: REPORT, recordId: id, orgId: null,
        diff: { recipients: input.recipients, tlp: input.tlp, redacted: body !== report.body, includeLocation: input.includeLocation, status: { from: report.status, to: status } },
      }],
      events: [{ type: 'report.forwarded', recordType: REPORT, recordId: id, orgIds }],
    });
  });
}

/** A question or reply to the reporter, who reads it with the receipt. */
export async function messageReporter(ctx: AppContext, actor: Actor, id: string, body: string): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'write');
  await assertCanTriageReport(ctx.db, actor, id);
  await ctx.db.transaction().execute(async (trx) => {
    const report = await q.lockReport(trx, id);
    if (!report) throw notFound(REPORT);
    if (!report.receipt_key) throw invalidField('body', 'triage.no_receipt');
    await q.insertStaffMessage(trx, id, actor.userId, body, currentHour());
    await q.markFirstReply(trx, id);
    await journal(trx, actor, {
      audit: [{ action: 'report.message', recordType: REPORT, recordId: id, orgId: null, diff: { from: 'staff' } }],
      events: [{ type: 'report.message', recordType: REPORT, recordId: id }],
    });
  });
}

async function toForwarded(ctx: AppContext, actor: Actor, rows: q.ForwardRow[]): Promise<ForwardedReport[]> {
  await ctx.readAudit.recordReads(actor, q.FORWARD, rows);
  // Progress is recorded by the need-to-know members of the organisation holding the responsible copy.
  const ntkOrgs = new Set(orgsWithRole(actor, NEED_TO_KNOW_ROLES));
  return rows.map((r) => ({
    id: r.id,
    reportId: r.report_id,
    orgId: r.owner_org_id,
    orgName: r.org_name,
    role: r.role,
    tlp: r.tlp as 'AMBER' | 'AMBER+STRICT' | 'RED',
    channel: r.channel,
    category: r.category,
    body: r.body,
    location: point(r.lon, r.lat),
    locationText: r.location_text,
    status: r.status,
    closureReason: r.closure_reason,
    receivedHour: r.received_hour.toISOString(),
    canUpdateStatus: r.role === 'responsible' && ntkOrgs.has(r.owner_org_id) && r.status !== 'closed',
    forwardedAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

export async function listForwards(ctx: AppContext, actor: Actor, query: { status: ReportStatus | 'open'; limit: number; offset: number }): Promise<ForwardedReport[]> {
  requireUser(actor);
  return toForwarded(ctx, actor, await q.listForwards(ctx.db, actor, query, query.limit, query.offset));
}

export async function getForward(ctx: AppContext, actor: Actor, id: string): Promise<ForwardedReport> {
  requireUser(actor);
  const row = await q.findForward(ctx.db, actor, id);
  if (!row) throw notFound(q.FORWARD);
  return (await toForwarded(ctx, actor, [row]))[0]!;
}

/** Public aggregate: median response times, groups under `minimumCount` reports withheld. */
export async function responseTimes(ctx: AppContext, channel: ReportChannel, minimumCount = 5): Promise<ResponseTimes> {
  const rows = await q.responseTimes(ctx.db, channel);
  const shown = rows.filter((r) => r.reports >= minimumCount);
  return {
    channel,
    windowDays: 365,
    minimumCount,
    items: shown.map((r) => ({
      orgName: r.org_name,
      category: r.category,
      reports: r.reports,
      medianHoursToTriage: r.to_triage_h,
      medianHoursToFirstReply: r.to_first_reply_h,
      medianHoursToClosure: r.to_closure_h,
    })),
    suppressedGroups: rows.length - shown.length,
  };
}

/** Whether a report event concerns something the actor may see in their queues. */
export async function eventConcerns(ctx: AppContext, actor: Actor, reportId: string): Promise<boolean> {
  return (await q.isTriageable(ctx.db, actor, reportId)) || (await q.visibleForwardIds(ctx.db, actor, reportId)).length > 0;
}
