import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { assertCanWriteFor, requireUser } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound, type FieldIssue } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { iccsCategoryExists } from '../incidents/queries.ts';

const RECORD = 'category_mapping';

export interface CategoryMappingItem {
  sourceCategory: string;
  iccsCode: string | null;
}

function orgOf(actor: Actor, requested: string | undefined): string {
  requireUser(actor);
  const orgId = requested ?? primaryOrgId(actor);
  if (!orgId) throw invalidField('ownerOrgId', 'not_a_member');
  return orgId;
}

/** An organisation's labels and the ICCS code each maps to (null: known, not classified); its members read them. */
export async function listMappings(ctx: AppContext, actor: Actor, orgId?: string): Promise<CategoryMappingItem[]> {
  const owner = orgOf(actor, orgId);
  if (!actor.isPlatformAdmin && !actor.memberships.some((m) => m.orgId === owner)) throw notFound('organization');
  const rows = await ctx.db.selectFrom('category_mappings').select(['source_category', 'iccs_code']).where('owner_org_id', '=', owner).orderBy('source_category').execute();
  return rows.map((r) => ({ sourceCategory: r.source_category, iccsCode: r.iccs_code }));
}

/**
 * Adds or changes mappings (the writers of the organisation). Imports apply them on their next
 * run: rows whose classification changes are then updated.
 */
export async function putMappings(ctx: AppContext, actor: Actor, input: { ownerOrgId?: string; mappings: CategoryMappingItem[] }): Promise<CategoryMappingItem[]> {
  const owner = orgOf(actor, input.ownerOrgId);
  assertCanWriteFor(actor, owner);
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const [i, m] of input.mappings.entries()) {
    if (seen.has(m.sourceCategory)) issues.push({ path: `mappings.${i}.sourceCategory`, code: 'already_exists' });
    seen.add(m.sourceCategory);
    if (m.iccsCode !== null && !(await iccsCategoryExists(ctx.db, m.iccsCode))) issues.push({ path: `mappings.${i}.iccsCode`, code: 'iccs.unknown_code', params: { code: m.iccsCode } });
  }
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', {}, issues);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('category_mappings').select(['source_category', 'iccs_code']).where('owner_org_id', '=', owner).where('source_category', 'in', [...seen]).execute();
    await trx
      .insertInto('category_mappings')
      .values(input.mappings.map((m) => ({ owner_org_id: owner, source_category: m.sourceCategory, iccs_code: m.iccsCode })))
      .onConflict((oc) => oc.columns(['owner_org_id', 'source_category']).doUpdateSet({ iccs_code: (eb) => eb.ref('excluded.iccs_code') }))
      .execute();
    await appendAudit(trx, actor, [
      { action: 'update', recordType: RECORD, recordId: null, orgId: owner, diff: { before: Object.fromEntries(before.map((b) => [b.source_category, b.iccs_code])), after: Object.fromEntries(input.mappings.map((m) => [m.sourceCategory, m.iccsCode])) } },
    ]);
  });
  return listMappings(ctx, actor, owner);
}

/** Removes mappings: later imports reject rows of those categories as unmapped. */
export async function deleteMappings(ctx: AppContext, actor: Actor, input: { ownerOrgId?: string; sourceCategories: string[] }): Promise<CategoryMappingItem[]> {
  const owner = orgOf(actor, input.ownerOrgId);
  assertCanWriteFor(actor, owner);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('category_mappings').where('owner_org_id', '=', owner).where('source_category', 'in', input.sourceCategories).returning(['source_category', 'iccs_code']).execute();
    await appendAudit(trx, actor, [{ action: 'delete', recordType: RECORD, recordId: null, orgId: owner, diff: { before: Object.fromEntries(removed.map((b) => [b.source_category, b.iccs_code])) } }]);
  });
  return listMappings(ctx, actor, owner);
}
