import type { Actor } from '../../platform/auth/actor.ts';
import { requireUser } from '../../platform/access/policy.ts';
import { changes, journal, type Executor } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { ReportChannel } from '../../platform/db/schema.ts';
import { assertCanReadRouting } from '../routing/policy.ts';
import * as q from './queries.ts';
import type { CreateCategoryInput, ReportCategoryAdmin, UpdateCategoryInput } from './schemas.ts';

const toCategory = (r: q.CategoryRow): ReportCategoryAdmin => ({
  code: r.code,
  channel: r.channel,
  iccsCode: r.iccs_code,
  names: { es: r.name_es, en: r.name_en, pt: r.name_pt },
  descriptions: { es: r.description_es, en: r.description_en, pt: r.description_pt },
  active: r.active,
});

/** Categories are part of the platform's configuration: platform administrators change them. */
function assertCanConfigure(actor: Actor): void {
  requireUser(actor);
  if (!actor.isPlatformAdmin) throw new AppError('FORBIDDEN');
}

async function assertKnownIccs(db: Executor, code: string | null | undefined): Promise<void> {
  if (code && !(await q.iccsSectionExists(db, code))) throw invalidField('iccsCode', 'category.iccs_unknown', { code });
}

/** Every category, active or not (those who route reports need them all). */
export async function listCategories(ctx: AppContext, actor: Actor, channel?: ReportChannel): Promise<ReportCategoryAdmin[]> {
  await assertCanReadRouting(ctx.db, actor);
  return (await q.listCategories(ctx.db, channel)).map(toCategory);
}

export async function createCategory(ctx: AppContext, actor: Actor, input: CreateCategoryInput): Promise<ReportCategoryAdmin> {
  assertCanConfigure(actor);
  return ctx.db.transaction().execute(async (trx) => {
    await assertKnownIccs(trx, input.iccsCode);
    const row = {
      code: input.code, channel: input.channel, iccs_code: input.iccsCode,
      name_es: input.names.es, name_en: input.names.en, name_pt: input.names.pt,
      description_es: input.descriptions.es ?? null, description_en: input.descriptions.en ?? null, description_pt: input.descriptions.pt ?? null,
    };
    await q.insertCategory(trx, row);
    await journal(trx, actor, { audit: [{ action: 'create', recordType: 'report_category', recordId: null, orgId: null, diff: { after: row } }] });
    return toCategory((await q.findCategory(trx, input.code))!);
  });
}

export async function updateCategory(ctx: AppContext, actor: Actor, code: string, input: UpdateCategoryInput): Promise<ReportCategoryAdmin> {
  assertCanConfigure(actor);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await q.findCategory(trx, code);
    if (!before) throw notFound('report_category');
    await assertKnownIccs(trx, input.iccsCode);
    const patch = {
      ...(input.iccsCode !== undefined ? { iccs_code: input.iccsCode } : {}),
      ...(input.names?.es ? { name_es: input.names.es } : {}),
      ...(input.names?.en ? { name_en: input.names.en } : {}),
      ...(input.names?.pt ? { name_pt: input.names.pt } : {}),
      ...(input.descriptions?.es !== undefined ? { description_es: input.descriptions.es } : {}),
      ...(input.descriptions?.en !== undefined ? { description_en: input.descriptions.en } : {}),
      ...(input.descriptions?.pt !== undefined ? { description_pt: input.descriptions.pt } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    };
    await q.updateCategory(trx, code, patch);
    const after = (await q.findCategory(trx, code))!;
    await journal(trx, actor, { audit: [{ action: 'update', recordType: 'report_category', recordId: null, orgId: null, diff: { code, ...changes(before, after) } }] });
    return toCategory(after);
  });
}
