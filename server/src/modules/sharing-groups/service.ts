import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, MANAGER_ROLES, requireScope, requireUser } from '../../platform/access/policy.ts';
import { journal } from '../../platform/audit/audit-log.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import * as q from './queries.ts';
import type { CreateSharingGroupInput, SharingGroup } from './schemas.ts';

function assertCanManageGroupOf(actor: Actor, ownerOrgId: string): void {
  if (actor.kind === 'system') return;
  requireUser(actor);
  requireScope(actor, 'write');
  if (!hasRoleIn(actor, ownerOrgId, MANAGER_ROLES)) throw new AppError('FORBIDDEN');
}

async function assertOrgsExist(db: Executor, ids: string[], field: string): Promise<void> {
  const known = await q.existingOrgIds(db, ids);
  ids.forEach((id, i) => {
    if (!known.has(id)) throw invalidField(`${field}.${i}`, 'unknown_reference', { id });
  });
}

export async function createSharingGroup(ctx: AppContext, actor: Actor, input: CreateSharingGroupInput): Promise<SharingGroup> {
  assertCanManageGroupOf(actor, input.ownerOrgId);
  const members = [...new Set([input.ownerOrgId, ...input.memberOrgIds])];
  const id = await ctx.db.transaction().execute(async (trx) => {
    await assertOrgsExist(trx, input.memberOrgIds, 'memberOrgIds');
    const { id } = await q.insertGroup(trx, { name: input.name, description: input.description, owner_org_id: input.ownerOrgId });
    await q.replaceMembers(trx, id, members);
    // Open streams of the member organisations start receiving what is shared with the group.
    await journal(trx, actor, {
      audit: [{ action: 'create', recordType: 'sharing_group', recordId: id, orgId: input.ownerOrgId, diff: { after: { name: input.name, members } } }],
      events: [{ type: 'sharing_group.created', recordType: 'sharing_group', recordId: id, orgIds: members }],
    });
    return id;
  });
  return loadGroup(ctx.db, id);
}

export async function setSharingGroupMembers(ctx: AppContext, actor: Actor, groupId: string, memberOrgIds: string[]): Promise<SharingGroup> {
  await ctx.db.transaction().execute(async (trx) => {
    const group = await q.findGroup(trx, groupId);
    if (!group || !(await canSeeGroup(trx, actor, groupId))) throw notFound('sharing_group');
    assertCanManageGroupOf(actor, group.owner_org_id);
    await assertOrgsExist(trx, memberOrgIds, 'memberOrgIds');
    const before = (await q.groupMembers(trx, [groupId])).map((m) => m.org_id).sort();
    const after = [...new Set([group.owner_org_id, ...memberOrgIds])].sort();
    await q.replaceMembers(trx, groupId, after);
    await journal(trx, actor, {
      audit: [{ action: 'update', recordType: 'sharing_group', recordId: groupId, orgId: group.owner_org_id, diff: { members: { from: before, to: after } } }],
      events: [{ type: 'sharing_group.changed', recordType: 'sharing_group', recordId: groupId, orgIds: [...new Set([...before, ...after])] }],
    });
  });
  return loadGroup(ctx.db, groupId);
}

/** Members of a group see it; the group's existence is not revealed to others. */
async function canSeeGroup(db: Executor, actor: Actor, groupId: string): Promise<boolean> {
  const orgs = new Set(actor.memberships.map((m) => m.orgId));
  return (await q.groupMembers(db, [groupId])).some((m) => orgs.has(m.org_id));
}

export async function getSharingGroup(ctx: AppContext, actor: Actor, id: string): Promise<SharingGroup> {
  requireUser(actor);
  if (!(await q.findGroup(ctx.db, id)) || !(await canSeeGroup(ctx.db, actor, id))) throw notFound('sharing_group');
  return loadGroup(ctx.db, id);
}

export async function listSharingGroups(ctx: AppContext, actor: Actor): Promise<SharingGroup[]> {
  requireUser(actor);
  const groups = await q.listGroups(ctx.db, [...new Set(actor.memberships.map((m) => m.orgId))]);
  const members = await q.groupMembers(ctx.db, groups.map((g) => g.id));
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    ownerOrgId: g.owner_org_id,
    members: members.filter((m) => m.group_id === g.id).map((m) => ({ orgId: m.org_id, name: m.name, country: m.country })),
  }));
}

async function loadGroup(db: Executor, id: string): Promise<SharingGroup> {
  const group = await q.findGroup(db, id);
  if (!group) throw notFound('sharing_group');
  const members = await q.groupMembers(db, [id]);
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    ownerOrgId: group.owner_org_id,
    members: members.map((m) => ({ orgId: m.org_id, name: m.name, country: m.country })),
  };
}
