import type { Db } from '../../platform/db/engine.ts';
import type { AuditSearch } from './schemas.ts';

export const orgTypesOf = async (db: Db, orgIds: string[]) =>
  orgIds.length === 0 ? [] : db.selectFrom('organizations').select(['id', 'type']).where('id', 'in', orgIds).execute();

/** Newest first; `scopeOrgIds` null means every organisation. */
export function searchAudit(db: Db, search: AuditSearch, scopeOrgIds: string[] | null) {
  let query = db.selectFrom('audit_log').selectAll();
  if (scopeOrgIds !== null) query = query.where('actor_org_id', 'in', scopeOrgIds);
  if (search.actorUserId) query = query.where('actor_user_id', '=', search.actorUserId);
  if (search.actorOrgId) query = query.where('actor_org_id', '=', search.actorOrgId);
  if (search.action) query = query.where('action', '=', search.action);
  if (search.recordType) query = query.where('record_type', '=', search.recordType);
  if (search.recordId) query = query.where('record_id', '=', search.recordId);
  if (search.from) query = query.where('at', '>=', new Date(search.from));
  if (search.to) query = query.where('at', '<', new Date(search.to));
  if (search.afterSeq !== undefined) query = query.where('seq', '<', search.afterSeq);
  return query.orderBy('seq', 'desc').limit(search.limit).execute();
}
