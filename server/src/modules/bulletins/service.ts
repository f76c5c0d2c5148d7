import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { requireScope, requireUser, type Marking } from '../../platform/access/policy.ts';
import { assertValidDistribution, distributionOf, markingOf, replaceDistribution } from '../../platform/access/distribution.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/page-cursor.ts';
import { assertCanIssueBulletin, canTrackAcknowledgements } from './policy.ts';
import * as q from './queries.ts';
import type { AcknowledgementTracking, Bulletin, BulletinFilter, CreateBulletinInput } from './schemas.ts';

const toBulletin = (actor: Actor, row: q.BulletinRow): Bulletin => {
  const dist = distributionOf(row);
  return {
    id: row.id,
    ownerOrgId: row.owner_org_id,
    ownerOrgName: row.owner_org_name,
    createdBy: row.created_by,
    authorName: row.author_name,
    tlp: row.tlp,
    kind: row.kind,
    title: row.title,
    body: row.body,
    area: row.area_geojson ? JSON.parse(row.area_geojson) : null,
    validFrom: row.valid_from.toISOString(),
    validUntil: row.valid_until ? row.valid_until.toISOString() : null,
    status: row.status,
    sharingGroupIds: dist.sharingGroupIds,
    recipientUserIds: dist.recipientUserIds,
    createdAt: row.created_at.toISOString(),
    acknowledgedAt: row.acknowledged_at ? row.acknowledged_at.toISOString() : null,
    canTrack: canTrackAcknowledgements(actor, row),
  };
};

async function assertCoherent(ctx: AppContext, input: CreateBulletinInput): Promise<void> {
  const issues: FieldIssue[] = [];
  const from = input.validFrom ? Date.parse(input.validFrom) : Date.now();
  if (input.validUntil !== null && Date.parse(input.validUntil) <= from) issues.push({ path: 'validUntil', code: 'bulletins.until_before_from' });
  if (input.area) {
    const problem = await q.areaProblem(ctx.db, input.area);
    if (problem) issues.push({ path: 'area', code: 'geojson.invalid_geometry', params: { reason: problem } });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
}

/** Issues a bulletin for the organisation: recorded, audited and announced in the operations feed. */
export async function createBulletin(ctx: AppContext, actor: Actor, input: CreateBulletinInput): Promise<Bulletin> {
  requireUser(actor);
  const ownerOrgId = input.ownerOrgId ?? primaryOrgId(actor);
  if (!ownerOrgId) throw invalidField('ownerOrgId', 'not_a_member');
  assertCanIssueBulletin(actor, ownerOrgId);
  await assertCoherent(ctx, input);
  const dist = { sharingGroupIds: input.sharingGroupIds, recipientUserIds: input.recipientUserIds };
  return ctx.db.transaction().execute(async (trx) => {
    await assertValidDistribution(trx, actor, input.tlp, dist);
    const id = await q.insertBulletin(trx, {
      owner_org_id: ownerOrgId,
      created_by: actor.userId,
      tlp: input.tlp,
      kind: input.kind,
      title: input.title,
      body: input.body,
      area: input.area,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
    });
    await replaceDistribution(trx, q.BULLETIN, id, dist, true);
    const row = await q.findVisibleBulletin(trx, actor, id);
    if (!row) throw new AppError('INTERNAL'); // the author always reads their own bulletin
    const bulletin = toBulletin(actor, row);
    const { acknowledgedAt: _a, canTrack: _c, status: _s, ...recorded } = bulletin;
    await appendAudit(trx, actor, [{ action: 'create', recordType: q.BULLETIN, recordId: id, orgId: ownerOrgId, diff: { after: recorded } }]);
    await ctx.feed.publish(trx, { kind: 'bulletin.issued', record: { type: q.BULLETIN, id }, marking: markingOf(row, dist) });
    return bulletin;
  });
}

export async function getBulletin(ctx: AppContext, actor: Actor, id: string): Promise<Bulletin> {
  requireUser(actor);
  const row = await q.findVisibleBulletin(ctx.db, actor, id);
  if (!row) throw notFound(q.BULLETIN); // missing and not visible answer alike
  await ctx.readAudit.recordReads(actor, q.BULLETIN, [row]);
  return toBulletin(actor, row);
}

const CursorShape = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function listBulletins(ctx: AppContext, actor: Actor, filter: BulletinFilter, page: { limit: number; cursor?: string }) {
  requireUser(actor);
  const after = decodeCursor(CursorShape, page.cursor);
  const rows = await q.listVisibleBulletins(ctx.db, actor, filter, page.limit + 1, after);
  const items = rows.slice(0, page.limit);
  await ctx.readAudit.recordReads(actor, q.BULLETIN, items);
  const last = items.at(-1);
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null;
  return { items: items.map((r) => toBulletin(actor, r)), nextCursor };
}

/** The organisations a bulletin is addressed to: the owner, and for AMBER its task forces' members. */
async function addressedOrgIds(db: Executor, row: q.BulletinRow): Promise<string[]> {
  if (row.tlp === 'RED') return [];
  if (row.tlp !== 'AMBER') return [row.owner_org_id];
  return [...new Set([row.owner_org_id, ...(await q.groupMemberOrgIds(db, row.sharing_group_ids))])];
}

/**
 * Who may learn of an acknowledgement in the feed: those who may track them (the author and
 * the issuing organisation's need-to-know staff; for RED, only those of them it names).
 */
async function trackingMarking(db: Executor, row: q.BulletinRow): Promise<Marking> {
  const base = { ownerOrgId: row.owner_org_id, createdBy: row.created_by, sharingGroupIds: [] };
  if (row.tlp !== 'RED') return { ...base, tlp: 'AMBER+STRICT', recipientUserIds: [] };
  return { ...base, tlp: 'RED', recipientUserIds: await q.needToKnowAmong(db, row.owner_org_id, row.recipient_user_ids) };
}

/** The caller acknowledges a bulletin they may read, for one of their organisations (once; again is a no-op). */
export async function acknowledgeBulletin(ctx: AppContext, actor: Actor, id: string, input: { orgId?: string | undefined }): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'write');
  const myOrgs = [...new Set(actor.memberships.map((m) => m.orgId))];
  if (input.orgId !== undefined && !myOrgs.includes(input.orgId)) throw invalidField('orgId', 'not_a_member');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await q.findVisibleBulletin(trx, actor, id);
    if (!row) throw notFound(q.BULLETIN);
    const addressed = await addressedOrgIds(trx, row);
    const orgId = input.orgId ?? myOrgs.find((o) => addressed.includes(o)) ?? myOrgs[0];
    if (!orgId) throw invalidField('orgId', 'not_a_member');
    const ackId = await q.insertAcknowledgement(trx, { bulletin_id: id, user_id: actor.userId, org_id: orgId });
    if (!ackId) return;
    await appendAudit(trx, actor, [{ action: 'bulletin.acknowledge', recordType: q.BULLETIN, recordId: id, orgId, diff: { orgId } }]);
    await ctx.feed.publish(trx, {
      kind: 'bulletin.acknowledged',
      record: { type: 'bulletin_acknowledgement', id: ackId },
      marking: await trackingMarking(trx, row),
      data: { bulletinId: id, orgId },
    });
  });
}

/** Who acknowledged and who has not, per organisation and person, for the issuing side. */
export async function acknowledgementTracking(ctx: AppContext, actor: Actor, id: string): Promise<AcknowledgementTracking> {
  requireUser(actor);
  const row = await q.findVisibleBulletin(ctx.db, actor, id);
  if (!row) throw notFound(q.BULLETIN);
  if (!canTrackAcknowledgements(actor, row)) throw new AppError('FORBIDDEN');
  const [acks, addressed] = await Promise.all([q.acknowledgementsOf(ctx.db, id), addressedOrgIds(ctx.db, row)]);
  const orgIds = [...new Set([...addressed, ...acks.map((a) => a.org_id)])];
  const names = await q.orgNames(ctx.db, orgIds);
  const acknowledged = new Set(acks.map((a) => a.user_id));
  const expected = row.tlp === 'RED'
    ? (await q.people(ctx.db, row.recipient_user_ids)).map((p) => ({ userId: p.id, displayName: p.display_name, orgId: p.org_id }))
    : (await q.needToKnowStaff(ctx.db, row.owner_org_id)).map((p) => ({ userId: p.id, displayName: p.display_name, orgId: row.owner_org_id }));
  await ctx.readAudit.recordReads(actor, q.BULLETIN, [row]);
  return {
    bulletinId: id,
    addressedTo: row.tlp === 'RED' ? 'people' : row.tlp === 'AMBER' || row.tlp === 'AMBER+STRICT' ? 'organisations' : 'everyone',
    organisations: orgIds.map((orgId) => {
      const mine = acks.filter((a) => a.org_id === orgId);
      return {
        orgId,
        name: names.get(orgId) ?? '',
        addressed: addressed.includes(orgId),
        acknowledged: mine.length > 0,
        acknowledgements: mine.map((a) => ({ userId: a.user_id, displayName: a.display_name, at: a.acknowledged_at.toISOString() })),
      };
    }),
    pending: expected.filter((p) => !acknowledged.has(p.userId) && p.userId !== row.created_by),
    acknowledgedBy: acks.length,
  };
}
