import type { Actor } from '../../platform/auth/actor.ts';
import { MANAGER_ROLES, orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { hubOrgIds } from './queries.ts';

/** Routing rules are managed by platform administrators and the intake line's coordinators. */
export async function assertCanManageRouting(db: Executor, actor: Actor): Promise<void> {
  requireUser(actor);
  if (actor.isPlatformAdmin) return;
  if ((await hubOrgIds(db, orgsWithRole(actor, MANAGER_ROLES))).length === 0) throw new AppError('FORBIDDEN');
}

/** Reading the rules needs the same standing: they reveal who handles what. */
export async function assertCanReadRouting(db: Executor, actor: Actor): Promise<void> {
  requireUser(actor);
  requireScope(actor, 'read');
  await assertCanManageRouting(db, actor);
}
