import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, distributionOf, markingOf, replaceDistribution } from '../../platform/access/distribution.ts';
import { journal } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/page-cursor.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { assertCanRecordIncident } from './policy.ts';
import * as q from './queries.ts';
import type { CreateIncidentInput, IccsCategory, Incident, IncidentFilter } from './schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const toIncident = (row: q.IncidentRow): Incident => {
  const dist = distributionOf(row);
  return {
    id: row.id,
    ownerOrgId: row.owner_org_id,
    createdBy: row.created_by,
    tlp: row.tlp,
    iccsCode: row.iccs_code,
    sourceCategory: row.source_category,
    occurredFrom: row.occurred_from.toISOString(),
    occurredTo: iso(row.occurred_to),
    reportedAt: iso(row.reported_at),
    location: row.lon !== null && row.lat !== null ? { lon: Number(row.lon), lat: Number(row.lat) } : null,
    locationPrecisionM: row.location_precision_m === null ? null : Number(row.location_precision_m),
    addressText: row.address_text,
    adminAreaOrgId: row.admin_area_org_id,
    source: row.source,
    externalId: row.external_id,
    sharingGroupIds: dist.sharingGroupIds,
    recipientUserIds: dist.recipientUserIds,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

/** Checks that need more than one field or the database, all reported together. */
async function assertCoherent(ctx: AppContext, input: CreateIncidentInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.occurredTo !== null && Date.parse(input.occurredTo) < Date.parse(input.occurredFrom)) {
    issues.push({ path: 'occurredTo', code: 'incidents.to_before_from' });
  }
  if (input.iccsCode !== null && !(await q.iccsCategoryExists(ctx.db, input.iccsCode))) {
    issues.push({ path: 'iccsCode', code: 'iccs.unknown_code', params: { code: input.iccsCode } });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
}

export async function createIncident(ctx: AppContext, actor: Actor, input: CreateIncidentInput): Promise<Incident> {
  requireUser(actor);
  const ownerOrgId = input.ownerOrgId ?? primaryOrgId(actor);
  if (!ownerOrgId) throw invalidField('ownerOrgId', 'not_a_member');
  assertCanRecordIncident(actor, ownerOrgId);
  await assertCoherent(ctx, input);
  const dist = { sharingGroupIds: input.sharingGroupIds, recipientUserIds: input.recipientUserIds };
  return ctx.db.transaction().execute(async (trx) => {
    await assertValidDistribution(trx, actor, input.tlp, dist);
    const id = await q.insertIncident(trx, {
      owner_org_id: ownerOrgId,
      created_by: actor.userId,
      tlp: input.tlp,
      iccs_code: input.iccsCode,
      source_category: input.sourceCategory,
      occurred_from: input.occurredFrom,
      occurred_to: input.occurredTo,
      reported_at: input.reportedAt,
      location: input.location,
      location_precision_m: input.locationPrecisionM,
      address_text: input.addressText,
      source: input.source,
      external_id: input.externalId,
    });
    await replaceDistribution(trx, q.INCIDENT, id, dist, true);
    const row = await q.findVisibleIncident(trx, actor, id);
    if (!row) throw new AppError('INTERNAL'); // the creator always sees their own record
    const incident = toIncident(row);
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: q.INCIDENT, recordId: id, orgId: ownerOrgId, diff: { after: { ...incident } } }],
      events: [{ type: 'incident.created', recordType: q.INCIDENT, recordId: id, orgIds: [ownerOrgId], data: { tlp: incident.tlp } }],
    });
    await ctx.feed.publish(trx, { kind: 'incident.created', record: { type: q.INCIDENT, id }, marking: markingOf(row, dist) });
    return incident;
  });
}

export async function getIncident(ctx: AppContext, actor: Actor, id: string): Promise<Incident> {
  const row = await q.findVisibleIncident(ctx.db, actor, id);
  if (!row) throw notFound(q.INCIDENT); // the same answer whether it does not exist or may not be seen
  await ctx.readAudit.recordReads(actor, q.INCIDENT, [row]);
  return toIncident(row);
}

function parseFilter(filter: IncidentFilter): q.IncidentQuery {
  const parsed: q.IncidentQuery = {};
  if (filter.iccs) parsed.iccsPrefix = filter.iccs;
  if (filter.from) parsed.from = filter.from;
  if (filter.to) parsed.to = filter.to;
  if (filter.from && filter.to && Date.parse(filter.to) < Date.parse(filter.from)) throw invalidField('to', 'incidents.to_before_from');
  if (filter.bbox) {
    const [minLon, minLat, maxLon, maxLat] = filter.bbox.split(',').map(Number) as [number, number, number, number];
    const inRange = [minLon, maxLon].every((v) => v >= -180 && v <= 180) && [minLat, maxLat].every((v) => v >= -90 && v <= 90);
    if (!inRange || minLon > maxLon || minLat > maxLat) throw invalidField('bbox', 'incidents.bbox_format');
    parsed.bbox = [minLon, minLat, maxLon, maxLat];
  }
  return parsed;
}

const CursorShape = z.object({ occurredFrom: z.iso.datetime(), id: z.uuid() });


export async function listIncidents(ctx: AppContext, actor: Actor, filter: IncidentFilter, page: { limit: number; cursor?: string }) {
  const query = parseFilter(filter);
  const after = decodeCursor(CursorShape, page.cursor);
  const rows = await q.listVisibleIncidents(ctx.db, actor, query, page.limit + 1, after);
  const items = rows.slice(0, page.limit);
  await ctx.readAudit.recordReads(actor, q.INCIDENT, items);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor({ occurredFrom: last.occurred_from.toISOString(), id: last.id }) : null;
  return { items: items.map(toIncident), nextCursor };
}

/** The shipped ICCS sections and divisions, named in the caller's language (English where none). */
export async function iccsCategories(ctx: AppContext, locale: Locale): Promise<IccsCategory[]> {
  const rows = await q.allIccsCategories(ctx.db);
  return rows.map((r) => ({
    code: r.code,
    level: r.level,
    parent: r.parent,
    name: (locale === 'es' ? r.name_es : locale === 'pt' ? r.name_pt : null) ?? r.name_en,
    verified: r.verified,
  }));
}
