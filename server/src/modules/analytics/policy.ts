import type { Actor } from '../../platform/auth/actor.ts';
import { NEED_TO_KNOW_ROLES, orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';

/**
 * Analyses are for the need-to-know roles (admin, coordinator, analyst, officer) of some
 * organisation, reading with a `read`-scoped token or a session. What an analysis reads is
 * then decided per incident by `visibleTo`, inside the SQL that selects them.
 */
export function assertMayAnalyse(actor: Actor): asserts actor is Actor & { userId: string } {
  requireUser(actor);
  requireScope(actor, 'read');
  if (orgsWithRole(actor, NEED_TO_KNOW_ROLES).length === 0) throw new AppError('FORBIDDEN');
}
