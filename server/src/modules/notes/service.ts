import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { assertCanWriteFor, canManageRecord, requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution, distributionOf, replaceDistribution, type Distribution } from '../../platform/access/distribution.ts';
import { appendAudit, changes, journal } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { decodeCursor, encodeCursor } from '../../platform/http/page-cursor.ts';
import * as q from './queries.ts';
import type { CreateNoteInput, Note, NoteFilter, UpdateNoteInput } from './schemas.ts';

const toNote = (row: q.NoteRow, dist: Distribution): Note => ({
  id: row.id,
  ownerOrgId: row.owner_org_id,
  createdBy: row.created_by,
  tlp: row.tlp,
  title: row.title,
  body: row.body,
  sharingGroupIds: dist.sharingGroupIds,
  recipientUserIds: dist.recipientUserIds,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const auditable = (row: q.NoteRow, dist: Distribution) => ({ tlp: row.tlp, title: row.title, body: row.body, ...dist });

export async function createNote(ctx: AppContext, actor: Actor, input: CreateNoteInput): Promise<Note> {
  requireUser(actor);
  const ownerOrgId = input.ownerOrgId ?? primaryOrgId(actor);
  if (!ownerOrgId) throw invalidField('ownerOrgId', 'not_a_member');
  assertCanWriteFor(actor, ownerOrgId);
  const dist = { sharingGroupIds: input.sharingGroupIds, recipientUserIds: input.recipientUserIds };
  return ctx.db.transaction().execute(async (trx) => {
    await assertValidDistribution(trx, actor, input.tlp, dist);
    const row = await q.insertNote(trx, { owner_org_id: ownerOrgId, created_by: actor.userId, tlp: input.tlp, title: input.title, body: input.body });
    await replaceDistribution(trx, q.NOTE, row.id, dist, true);
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: q.NOTE, recordId: row.id, orgId: ownerOrgId, diff: { after: auditable(row, dist) } }],
      events: [{ type: 'note.created', recordType: q.NOTE, recordId: row.id, orgIds: [ownerOrgId], data: { tlp: row.tlp } }],
    });
    return toNote(row, dist);
  });
}

export async function getNote(ctx: AppContext, actor: Actor, id: string): Promise<Note> {
  const row = await q.findVisibleNote(ctx.db, actor, id);
  if (!row) throw notFound(q.NOTE); // the same answer whether it does not exist or may not be seen
  await ctx.readAudit.recordReads(actor, q.NOTE, [row]);
  return toNote(row, distributionOf(row));
}

const CursorShape = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });


export async function listNotes(ctx: AppContext, actor: Actor, filter: NoteFilter, page: { limit: number; cursor?: string }) {
  const after = decodeCursor(CursorShape, page.cursor);
  const rows = await q.listVisibleNotes(ctx.db, actor, filter, page.limit + 1, after);
  const items = rows.slice(0, page.limit);
  await ctx.readAudit.recordReads(actor, q.NOTE, items);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor({ createdAt: last.created_at.toISOString(), id: last.id }) : null;
  return { items: items.map((r) => toNote(r, distributionOf(r))), nextCursor };
}

/**
 * A count with a text query probes the content of the notes it counts: when restricted notes
 * match, the search itself is audited (what was searched and how many restricted matched).
 */
export async function countNotes(ctx: AppContext, actor: Actor, filter: NoteFilter): Promise<number> {
  const { total, restricted } = await q.countVisibleNotes(ctx.db, actor, filter);
  if (filter.q && restricted > 0) {
    await appendAudit(ctx.db, actor, [{ action: 'search', recordType: q.NOTE, recordId: null, diff: { q: filter.q, restrictedMatches: restricted } }]);
  }
  return total;
}

export async function updateNote(ctx: AppContext, actor: Actor, id: string, patch: UpdateNoteInput): Promise<Note> {
  requireUser(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await q.findVisibleNote(trx, actor, id);
    if (!before) throw notFound(q.NOTE);
    if (!canManageRecord(actor, before)) throw new AppError('FORBIDDEN');
    const beforeDist = distributionOf(before);
    const tlp = patch.tlp ?? before.tlp;
    // A change of marking drops distribution that no longer applies unless new lists are given.
    const dist: Distribution = {
      sharingGroupIds: patch.sharingGroupIds ?? (tlp === 'AMBER' ? beforeDist.sharingGroupIds : []),
      recipientUserIds: patch.recipientUserIds ?? (tlp === 'RED' ? beforeDist.recipientUserIds : []),
    };
    await assertValidDistribution(trx, actor, tlp, dist);
    const row = await q.updateNote(trx, id, { tlp: patch.tlp, title: patch.title, body: patch.body });
    await replaceDistribution(trx, q.NOTE, id, dist);
    await journal(trx, actor, {
      audit: [{ action: 'update', recordType: q.NOTE, recordId: id, orgId: row.owner_org_id, diff: changes(auditable(before, beforeDist), auditable(row, dist)) }],
      events: [{ type: 'note.updated', recordType: q.NOTE, recordId: id, orgIds: [row.owner_org_id], data: { tlp: row.tlp } }],
    });
    return toNote(row, dist);
  });
}

export async function deleteNote(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireUser(actor);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await q.findVisibleNote(trx, actor, id);
    if (!before) throw notFound(q.NOTE);
    if (!canManageRecord(actor, before)) throw new AppError('FORBIDDEN');
    const dist = distributionOf(before);
    await q.deleteNote(trx, id);
    await journal(trx, actor, {
      audit: [{ action: 'delete', recordType: q.NOTE, recordId: id, orgId: before.owner_org_id, diff: { before: auditable(before, dist) } }],
      events: [{ type: 'note.deleted', recordType: q.NOTE, recordId: id, orgIds: [before.owner_org_id] }],
    });
  });
}
