import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, NEED_TO_KNOW_ROLES, requireScope, requireUser } from '../../platform/access/policy.ts';
import type { Role } from '../../platform/db/schema.ts';
import { AppError, invalidField } from '../../platform/errors/app-error.ts';

/** Bulletins speak for the organisation: its analysts, coordinators and admins issue them. */
export const ISSUER_ROLES: readonly Role[] = ['admin', 'coordinator', 'analyst'];

export function assertCanIssueBulletin(actor: Actor, ownerOrgId: string): asserts actor is Actor & { userId: string } {
  requireUser(actor);
  requireScope(actor, 'write');
  if (hasRoleIn(actor, ownerOrgId, ISSUER_ROLES)) return;
  if (actor.memberships.some((m) => m.orgId === ownerOrgId)) throw new AppError('FORBIDDEN');
  throw invalidField('ownerOrgId', 'not_a_member');
}

/**
 * Who acknowledged is for the author and the need-to-know staff of the issuing organisation
 * (among those who may read the bulletin at all: for RED, its named recipients).
 */
export const canTrackAcknowledgements = (actor: Actor, bulletin: { owner_org_id: string; created_by: string }): boolean =>
  actor.userId === bulletin.created_by || hasRoleIn(actor, bulletin.owner_org_id, NEED_TO_KNOW_ROLES);
