import type { Actor } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES, orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { journal } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { displayIdentifier } from '../correlation/normalise/index.ts';
import type { IdentifierKind } from '../correlation/identifier-kinds.ts';
import { visibleEntityTypes } from './entity-queries.ts';
import * as mq from './merge-queries.ts';
import { assertCanWriteIntelFor } from './policy.ts';
import type { DuplicateSuggestion, Merge, MergeInput } from './schemas.ts';
import { INTEL_ENTITY } from './visibility.ts';

export const INTEL_MERGE = 'intel_merge';

/**
 * No automatic merging: the platform suggests possible duplicates among persons the caller
 * may see, and a person confirms. A merge joins two entities of the same type and the same
 * owner organisation, by a need-to-know member of it: it asserts they are one, without
 * changing either record, so un-merging restores exactly what was there. Records of two
 * organisations are never merged (neither may alter the other's); link them "same_as".
 */
const toMerge = (row: NonNullable<Awaited<ReturnType<typeof mq.findMerge>>>): Merge => ({
  id: row.id,
  survivorId: row.survivor_id,
  mergedId: row.merged_id,
  reason: row.reason,
  mergedBy: row.merged_by,
  mergedAt: row.merged_at.toISOString(),
  unmergedAt: row.unmerged_at ? row.unmerged_at.toISOString() : null,
});

export async function mergeEntities(ctx: AppContext, actor: Actor, input: MergeInput): Promise<Merge> {
  requireUser(actor);
  requireScope(actor, 'write');
  if (input.survivorId === input.mergedId) throw invalidField('mergedId', 'intel.merge_itself');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const visible = await visibleEntityTypes(trx, actor, [input.survivorId, input.mergedId]);
    if (!visible.has(input.survivorId)) throw invalidField('survivorId', 'unknown_reference', { id: input.survivorId });
    if (!visible.has(input.mergedId)) throw invalidField('mergedId', 'unknown_reference', { id: input.mergedId });
    const rows = await mq.lockEntities(trx, [input.survivorId, input.mergedId]);
    const survivor = rows.find((r) => r.id === input.survivorId)!;
    const merged = rows.find((r) => r.id === input.mergedId)!;
    if (survivor.type !== merged.type) throw invalidField('mergedId', 'intel.merge_other_type');
    if (survivor.owner_org_id !== merged.owner_org_id) throw invalidField('mergedId', 'intel.merge_other_owner');
    assertCanWriteIntelFor(actor, survivor.owner_org_id);
    if (await mq.activeMergeOf(trx, input.mergedId)) throw new AppError('CONFLICT', { what: 'merge' }, [{ path: 'mergedId', code: 'intel.already_merged' }]);
    if (await mq.activeMergeOf(trx, input.survivorId)) throw new AppError('CONFLICT', { what: 'merge' }, [{ path: 'survivorId', code: 'intel.already_merged' }]);
    const mergeId = await mq.insertMerge(trx, { survivor_id: input.survivorId, merged_id: input.mergedId, reason: input.reason, merged_by: actor.userId });
    await journal(trx, actor, {
      audit: [{ action: 'merge', recordType: INTEL_ENTITY, recordId: input.mergedId, orgId: survivor.owner_org_id, diff: { mergeId, survivorId: input.survivorId, reason: input.reason } }],
      events: [{ type: 'intel.entity.merged', recordType: INTEL_ENTITY, recordId: input.mergedId, orgIds: [survivor.owner_org_id], data: { tlp: merged.tlp, survivorId: input.survivorId, mergeId } }],
    });
    return mergeId;
  });
  return toMerge((await mq.findMerge(ctx.db, id))!);
}

/** Ends a merge; the same people who may merge those entities may un-merge them. */
export async function unmerge(ctx: AppContext, actor: Actor, mergeId: string): Promise<Merge> {
  requireUser(actor);
  requireScope(actor, 'write');
  await ctx.db.transaction().execute(async (trx) => {
    const merge = await mq.findMerge(trx, mergeId);
    const visible = merge ? await visibleEntityTypes(trx, actor, [merge.survivor_id, merge.merged_id]) : new Map();
    if (!merge || visible.size < 2) throw notFound(INTEL_MERGE);
    const [entity] = await mq.lockEntities(trx, [merge.merged_id]);
    assertCanWriteIntelFor(actor, entity!.owner_org_id);
    if (!(await mq.endMerge(trx, mergeId, actor.userId))) throw new AppError('CONFLICT', { what: 'merge' }, [{ path: 'mergeId', code: 'intel.already_unmerged' }]);
    await journal(trx, actor, {
      audit: [{ action: 'unmerge', recordType: INTEL_ENTITY, recordId: merge.merged_id, orgId: entity!.owner_org_id, diff: { mergeId, survivorId: merge.survivor_id } }],
      events: [{ type: 'intel.entity.unmerged', recordType: INTEL_ENTITY, recordId: merge.merged_id, orgIds: [entity!.owner_org_id], data: { tlp: entity!.tlp, survivorId: merge.survivor_id, mergeId } }],
    });
  });
  return toMerge((await mq.findMerge(ctx.db, mergeId))!);
}

const toSuggestions = (rows: mq.DuplicateCandidate[]): DuplicateSuggestion[] =>
  rows
    .map((r) => {
      const reasons: DuplicateSuggestion['reasons'] = [];
      if (r.name_similarity >= 0.3) reasons.push('similar_name');
      if (r.shared.length > 0) reasons.push('shared_identifier');
      if (r.same_birth) reasons.push('same_date_of_birth');
      return {
        entityId: r.base_id,
        candidate: { id: r.id, label: r.label, tlp: r.tlp, ownerOrgId: r.owner_org_id },
        score: Math.round((r.name_similarity + (r.shared.length > 0 ? 0.7 : 0) + (r.same_birth ? 0.5 : 0)) * 100) / 100,
        nameSimilarity: Math.round(r.name_similarity * 100) / 100,
        reasons,
        sharedIdentifiers: r.shared.map((s) => ({ kind: s.kind as IdentifierKind, display: displayIdentifier(s.kind as IdentifierKind, s.value) })),
      };
    })
    .sort((a, b) => b.score - a.score);

/** Possible duplicates of one person the caller may see (404 otherwise). */
export async function duplicatesOf(ctx: AppContext, actor: Actor, entityId: string): Promise<DuplicateSuggestion[]> {
  if (!(await visibleEntityTypes(ctx.db, actor, [entityId])).has(entityId)) throw notFound(INTEL_ENTITY);
  const rows = await mq.duplicateCandidates(ctx.db, actor, [entityId], 20);
  await ctx.readAudit.recordReads(actor, INTEL_ENTITY, rows);
  return toSuggestions(rows);
}

/** Possible duplicates of the recent persons of the caller's organisations. */
export async function duplicateQueue(ctx: AppContext, actor: Actor): Promise<DuplicateSuggestion[]> {
  requireUser(actor);
  const bases = await mq.recentPersonsOf(ctx.db, actor, orgsWithRole(actor, NEED_TO_KNOW_ROLES), 100);
  const rows = await mq.duplicateCandidates(ctx.db, actor, bases, 3);
  // Each pair once: A–B and B–A are the same suggestion.
  const seen = new Set<string>();
  const pairs = rows.filter((r) => {
    const key = [r.base_id, r.id].sort().join();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  await ctx.readAudit.recordReads(actor, INTEL_ENTITY, pairs);
  return toSuggestions(pairs).slice(0, 100);
}

/** Records that an organisation of the caller judged two persons not to be duplicates. */
export async function dismissDuplicate(ctx: AppContext, actor: Actor, a: string, b: string): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'write');
  const orgId = orgsWithRole(actor, NEED_TO_KNOW_ROLES)[0];
  if (!orgId) throw new AppError('FORBIDDEN');
  const visible = await visibleEntityTypes(ctx.db, actor, [a, b]);
  if (!visible.has(a) || !visible.has(b)) throw notFound(INTEL_ENTITY);
  await ctx.db.transaction().execute(async (trx) => {
    await mq.dismissPair(trx, orgId, a, b, actor.userId);
    await journal(trx, actor, { audit: [{ action: 'dismiss_duplicate', recordType: INTEL_ENTITY, recordId: a, orgId, diff: { other: b } }] });
  });
}
