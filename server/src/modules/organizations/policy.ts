import type { Actor } from '../../platform/auth/actor.ts';
import { hasRoleIn, requireScope, requireUser } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';

/** Creating organisations is platform administration. */
export function assertCanCreateOrganization(actor: Actor): void {
  if (!actor.isPlatformAdmin) throw new AppError('FORBIDDEN');
  requireScope(actor, 'admin');
}

/**
 * An organisation's name, type, country and jurisdiction are changed by platform
 * administrators only: the type decides oversight powers (an oversight body's auditors read
 * the whole audit log) and the jurisdiction decides where reports are routed.
 */
export function assertCanUpdateOrganization(actor: Actor): void {
  assertCanCreateOrganization(actor);
}

/** An organisation's members are managed by its admins or a platform admin. */
export function assertCanManageOrganization(actor: Actor, orgId: string): void {
  if (actor.kind === 'system') return;
  requireUser(actor);
  requireScope(actor, 'admin');
  if (!actor.isPlatformAdmin && !hasRoleIn(actor, orgId, ['admin'])) throw new AppError('FORBIDDEN');
}

/** The member list is visible to the organisation's admins and coordinators. */
export function assertCanSeeMembers(actor: Actor, orgId: string): void {
  requireUser(actor);
  requireScope(actor, 'read');
  if (!actor.isPlatformAdmin && !hasRoleIn(actor, orgId, ['admin', 'coordinator'])) throw new AppError('FORBIDDEN');
}

/** The directory of organisations (names, types, countries) is for signed-in users. */
export function assertCanListOrganizations(actor: Actor): void {
  requireUser(actor);
}
