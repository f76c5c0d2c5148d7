import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, requireScope } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { AppError, invalidField, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import * as q from './queries.ts';
import type { CreateUserInput, User } from './schemas.ts';

/**
 * Platform admins create any user; an organisation admin creates users only into their own
 * organisation(s). Platform-admin rights are granted only from the CLI.
 */
export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput, options: { platformAdmin?: boolean } = {}): Promise<User> {
  if (actor.kind !== 'system') {
    requireScope(actor, 'admin');
    const allowed = actor.isPlatformAdmin || (input.memberships.length > 0 && input.memberships.every((m) => hasRoleIn(actor, m.orgId, ['admin'])));
    if (!allowed || options.platformAdmin) throw new AppError('FORBIDDEN');
  }
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const known = await q.existingOrgIds(trx, input.memberships.map((m) => m.orgId));
    input.memberships.forEach((m, i) => {
      if (!known.has(m.orgId)) throw invalidField(`memberships.${i}.orgId`, 'unknown_reference', { id: m.orgId });
    });
    const { id } = await q.insertUser(trx, {
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      locale: input.locale ?? null,
      is_platform_admin: options.platformAdmin ?? false,
    });
    await q.insertMemberships(trx, id, input.memberships);
    await appendAudit(trx, actor, [
      {
        action: 'create',
        recordType: 'user',
        recordId: id,
        orgId: input.memberships[0]?.orgId ?? null,
        diff: { after: { email: input.email, displayName: input.displayName, password: 'set', memberships: input.memberships, platformAdmin: options.platformAdmin ?? false } },
      },
    ]);
    return id;
  });
  return (await loadUser(ctx, id))!;
}

/** Users see themselves; admins see users of their organisations; platform admins see all. */
export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<User> {
  if (actor.userId !== id) requireScope(actor, 'read');
  const user = await loadUser(ctx, id);
  const visible =
    user &&
    (actor.isPlatformAdmin || actor.userId === id || user.memberships.some((m) => hasRoleIn(actor, m.orgId, ['admin', 'coordinator'])));
  if (!visible) throw notFound('user');
  return user;
}

async function loadUser(ctx: AppContext, id: string): Promise<User | undefined> {
  const found = await q.findUser(ctx.db, id);
  if (!found) return undefined;
  const { user, memberships } = found;
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    isPlatformAdmin: user.is_platform_admin,
    memberships: memberships.map((m) => ({ orgId: m.org_id, role: m.role })),
  };
}
