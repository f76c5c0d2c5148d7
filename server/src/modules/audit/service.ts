import type { Actor } from '../../platform/auth/actor.ts';
import { orgsWithRole, requireScope, requireUser } from '../../platform/access/policy.ts';
import { appendAudit } from '../../platform/audit/audit-log.ts';
import { verifyAuditChain } from '../../platform/audit/verify.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import * as q from './queries.ts';
import type { AuditSearch } from './schemas.ts';

/**
 * Auditors of an oversight body search the whole log; auditors of any other organisation
 * search what their own organisation's people did. Searching is itself audited.
 */
async function auditScope(ctx: AppContext, actor: Actor): Promise<string[] | null> {
  requireUser(actor);
  requireScope(actor, 'audit');
  const auditorOrgs = orgsWithRole(actor, ['auditor']);
  if (auditorOrgs.length === 0) throw new AppError('FORBIDDEN');
  const types = await q.orgTypesOf(ctx.db, auditorOrgs);
  return types.some((o) => o.type === 'oversight_body') ? null : auditorOrgs;
}

export async function searchAuditLog(ctx: AppContext, actor: Actor, search: AuditSearch) {
  const scope = await auditScope(ctx, actor);
  const rows = await q.searchAudit(ctx.db, search, scope);
  await appendAudit(ctx.db, actor, [{ action: 'audit.search', recordType: 'audit_log', recordId: null, diff: { filter: { ...search } } }]);
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actorUserId: r.actor_user_id,
    actorOrgId: r.actor_org_id,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    requestId: r.request_id,
    diff: r.diff ?? null,
  }));
}

export async function verifyChain(ctx: AppContext, actor: Actor) {
  const scope = await auditScope(ctx, actor);
  if (scope !== null) throw new AppError('FORBIDDEN');
  return verifyAuditChain(ctx.db);
}
