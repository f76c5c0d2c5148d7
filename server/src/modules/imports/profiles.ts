import type { Actor } from '../../platform/auth/actor.ts';
import { primaryOrgId } from '../../platform/auth/actor.ts';
import { assertCanWriteFor, requireUser } from '../../platform/access/policy.ts';
import { assertValidDistribution } from '../../platform/access/distribution.ts';
import { appendAudit, changes } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { findCrs } from './crs/crs.ts';
import type { ImportProfile } from './profile.ts';
import * as q from './profile-queries.ts';
import { ImportSettings, type ImportProfileView, type ProfileInput } from './schemas.ts';

const RECORD = 'import_profile';

const toView = (row: q.ProfileRow): ImportProfileView => ({
  id: row.id,
  ownerOrgId: row.owner_org_id,
  name: row.name,
  settings: ImportSettings.parse(row.settings),
  source: row.source,
  tlp: row.tlp,
  sharingGroupIds: row.sharing_group_ids,
  recipientUserIds: row.recipient_user_ids,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The reading part of a profile, as the import takes it. */
export const importProfileOf = (view: Pick<ImportProfileView, 'settings'>): ImportProfile => ({ ...view.settings });

/** Members of the owner organisation read its profiles. */
function assertMember(actor: Actor, orgId: string): void {
  requireUser(actor);
  if (!actor.isPlatformAdmin && !actor.memberships.some((m) => m.orgId === orgId)) throw notFound(RECORD);
}

function ownerOf(actor: Actor, requested: string | undefined): string {
  const orgId = requested ?? primaryOrgId(actor);
  if (!orgId) throw invalidField('ownerOrgId', 'not_a_member');
  return orgId;
}

async function assertUsable(ctx: AppContext, actor: Actor, input: ProfileInput): Promise<void> {
  if (!findCrs(input.settings.crs)) throw invalidField('settings.crs', 'imports.unknown_crs', { crs: input.settings.crs });
  await assertValidDistribution(ctx.db, actor, input.tlp, { sharingGroupIds: input.sharingGroupIds, recipientUserIds: input.recipientUserIds });
}

const nameTaken = (err: unknown) => (err as { code?: string }).code === '23505';
const conflict = () => new AppError('CONFLICT', { what: 'name' }, [{ path: 'name', code: 'already_exists' }]);

export async function listProfiles(ctx: AppContext, actor: Actor, orgId?: string): Promise<ImportProfileView[]> {
  requireUser(actor);
  const orgIds = orgId ? [orgId] : [...new Set(actor.memberships.map((m) => m.orgId))];
  if (orgId) assertMember(actor, orgId);
  return (await q.listProfiles(ctx.db, orgIds)).map(toView);
}

export async function getProfile(ctx: AppContext, actor: Actor, id: string): Promise<ImportProfileView> {
  const row = await q.findProfile(ctx.db, id);
  if (!row) throw notFound(RECORD);
  assertMember(actor, row.owner_org_id);
  return toView(row);
}

/** A profile by name in one of the actor's organisations (the CLI's --profile). */
export async function findProfileByName(ctx: AppContext, actor: Actor, name: string, orgId?: string): Promise<ImportProfileView | null> {
  const all = await listProfiles(ctx, actor, orgId);
  return all.find((p) => p.name === name) ?? null;
}

export async function createProfile(ctx: AppContext, actor: Actor, input: ProfileInput): Promise<ImportProfileView> {
  const ownerOrgId = ownerOf(actor, input.ownerOrgId);
  assertCanWriteFor(actor, ownerOrgId);
  await assertUsable(ctx, actor, input);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await q.insertProfile(trx, ownerOrgId, actor.userId!, input);
      const view = toView(row);
      await appendAudit(trx, actor, [{ action: 'create', recordType: RECORD, recordId: row.id, orgId: ownerOrgId, diff: { after: { ...view } } }]);
      return view;
    });
  } catch (err) {
    throw nameTaken(err) ? conflict() : err;
  }
}

export async function updateProfile(ctx: AppContext, actor: Actor, id: string, input: ProfileInput): Promise<ImportProfileView> {
  const before = await getProfile(ctx, actor, id);
  assertCanWriteFor(actor, before.ownerOrgId);
  if (input.ownerOrgId && input.ownerOrgId !== before.ownerOrgId) throw invalidField('ownerOrgId', 'imports.owner_fixed');
  await assertUsable(ctx, actor, input);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await q.updateProfile(trx, id, input);
      if (!row) throw notFound(RECORD);
      const after = toView(row);
      await appendAudit(trx, actor, [{ action: 'update', recordType: RECORD, recordId: id, orgId: before.ownerOrgId, diff: changes({ ...before }, { ...after }) }]);
      return after;
    });
  } catch (err) {
    throw nameTaken(err) ? conflict() : err;
  }
}

export async function deleteProfile(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const before = await getProfile(ctx, actor, id);
  assertCanWriteFor(actor, before.ownerOrgId);
  await ctx.db.transaction().execute(async (trx) => {
    await q.deleteProfile(trx, id);
    await appendAudit(trx, actor, [{ action: 'delete', recordType: RECORD, recordId: id, orgId: before.ownerOrgId, diff: { before: { ...before } } }]);
  });
}
