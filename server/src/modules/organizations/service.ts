import type { Actor } from '../../platform/auth/actor.ts';
import { appendAudit, changes, journal } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { OrgType, Role } from '../../platform/db/schema.ts';
import {
  assertCanCreateOrganization,
  assertCanListOrganizations,
  assertCanManageOrganization,
  assertCanSeeMembers,
  assertCanUpdateOrganization,
} from './policy.ts';
import * as q from './queries.ts';
import type { CreateOrganizationInput, Organization, UpdateOrganizationInput } from './schemas.ts';

async function assertValidGeometry(ctx: AppContext, geometry: object | null | undefined): Promise<void> {
  if (!geometry) return;
  const problem = await q.geometryProblem(ctx.db, geometry);
  if (problem) throw invalidField('jurisdiction', 'geojson.invalid_geometry', { reason: problem });
}

export async function createOrganization(ctx: AppContext, actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
  assertCanCreateOrganization(actor);
  await assertValidGeometry(ctx, input.jurisdiction);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await q.insertOrganization(trx, { ...input, jurisdiction: input.jurisdiction ?? null, triageHub: input.triageHub ?? false });
    await appendAudit(trx, actor, [
      { action: 'create', recordType: 'organization', recordId: id, orgId: id, diff: { after: { name: input.name, type: input.type, country: input.country, triageHub: input.triageHub ?? false, jurisdiction: input.jurisdiction ? 'set' : null } } },
    ]);
    return id;
  });
  return getOrganization(ctx, actor, id);
}

export async function updateOrganization(ctx: AppContext, actor: Actor, id: string, patch: UpdateOrganizationInput): Promise<Organization> {
  assertCanUpdateOrganization(actor);
  await assertValidGeometry(ctx, patch.jurisdiction);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await q.findOrganization(trx, id);
    if (!before) throw notFound('organization');
    await q.updateOrganization(trx, id, patch);
    const after = await q.findOrganization(trx, id);
    await appendAudit(trx, actor, [
      {
        action: 'update',
        recordType: 'organization',
        recordId: id,
        orgId: id,
        diff: changes(
          { name: before.name, type: before.type, country: before.country, triageHub: before.triage_hub, jurisdiction: before.jurisdiction_geojson },
          { name: after!.name, type: after!.type, country: after!.country, triageHub: after!.triage_hub, jurisdiction: after!.jurisdiction_geojson },
        ),
      },
    ]);
  });
  return getOrganization(ctx, actor, id);
}

export async function getOrganization(ctx: AppContext, actor: Actor, id: string): Promise<Organization> {
  if (actor.kind !== 'system') assertCanListOrganizations(actor);
  const row = await q.findOrganization(ctx.db, id);
  if (!row) throw notFound('organization');
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    country: row.country,
    hasJurisdiction: row.jurisdiction_geojson !== null,
    jurisdiction: row.jurisdiction_geojson ? JSON.parse(row.jurisdiction_geojson) : null,
    triageHub: row.triage_hub,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listOrganizations(ctx: AppContext, actor: Actor, filter: { type?: OrgType; country?: string }) {
  assertCanListOrganizations(actor);
  const rows = await q.listOrganizations(ctx.db, filter);
  return rows.map((r) => ({ id: r.id, name: r.name, type: r.type, country: r.country, hasJurisdiction: r.has_jurisdiction, triageHub: r.triage_hub }));
}

export async function listMembers(ctx: AppContext, actor: Actor, orgId: string) {
  assertCanSeeMembers(actor, orgId);
  const rows = await q.listMembers(ctx.db, orgId);
  return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, roles: r.roles }));
}

/** Sets a user's roles in an organisation (an empty list is refused: use removeMember). */
export async function setMemberRoles(ctx: AppContext, actor: Actor, orgId: string, userId: string, roles: Role[]): Promise<Role[]> {
  assertCanManageOrganization(actor, orgId);
  // Nobody changes their own roles (no self-promotion, no locking oneself out).
  if (actor.userId === userId) throw new AppError('FORBIDDEN');
  const unique = [...new Set(roles)].sort();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await q.findOrganization(trx, orgId))) throw notFound('organization');
    const before = await q.rolesOf(trx, orgId, userId);
    // Organisation admins manage their members; bringing in a user from outside (who did not
    // consent to it) is for platform admins. Unknown and outside users answer alike.
    if (before.length === 0 && !actor.isPlatformAdmin) throw notFound('membership');
    if (!(await q.userExists(trx, userId))) throw notFound('user');
    await q.replaceRoles(trx, orgId, userId, unique);
    await journal(trx, actor, {
      audit: [{ action: 'membership.set', recordType: 'membership', recordId: `${orgId}:${userId}`, orgId, diff: { roles: { from: before, to: unique } } }],
      events: [{ type: 'membership.changed', recordType: 'user', recordId: userId, orgIds: [orgId] }],
    });
  });
  ctx.principals.forgetUser(userId);
  return unique;
}

export async function removeMember(ctx: AppContext, actor: Actor, orgId: string, userId: string): Promise<void> {
  assertCanManageOrganization(actor, orgId);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await q.rolesOf(trx, orgId, userId);
    if (before.length === 0) throw notFound('membership');
    if (actor.userId === userId && before.includes('admin') && !actor.isPlatformAdmin) {
      throw new AppError('FORBIDDEN'); // an organisation admin cannot lock themselves out
    }
    await q.replaceRoles(trx, orgId, userId, []);
    await journal(trx, actor, {
      audit: [{ action: 'membership.remove', recordType: 'membership', recordId: `${orgId}:${userId}`, orgId, diff: { roles: { from: before, to: [] } } }],
      events: [{ type: 'membership.changed', recordType: 'user', recordId: userId, orgIds: [orgId] }],
    });
  });
  ctx.principals.forgetUser(userId);
}
