import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, NEED_TO_KNOW_ROLES, requireScope, requireUser } from '../../platform/access/policy.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';

/**
 * Intelligence is recorded by the need-to-know roles of the owning organisation (admin,
 * coordinator, analyst, officer): members, viewers and auditors read what is shared with
 * their organisation but do not create intelligence on its behalf.
 */
export function assertCanWriteIntelFor(actor: Actor, orgId: string): void {
  requireUser(actor);
  requireScope(actor, 'write');
  if (hasRoleIn(actor, orgId, NEED_TO_KNOW_ROLES)) return;
  if (actor.memberships.some((m) => m.orgId === orgId)) throw new AppError('FORBIDDEN');
  throw invalidField('ownerOrgId', 'not_a_member');
}
