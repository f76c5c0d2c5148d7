import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError } from '../errors/app-error.ts';
import { hasScope, type Actor, type Scope } from '../auth/actor.ts';
import type { Role, Tlp } from '../db/schema.ts';

/**
 * The visibility rules of TLP 2.0 as applied on Alianza (docs/access-control.md).
 * They are SQL conditions so that lists, counts, searches and exports filter in the
 * database and can never return, count or hint at a record the actor may not see.
 */

/** Roles that have a need to know within their organisation (TLP 2.0 AMBER wording). */
export const NEED_TO_KNOW_ROLES: readonly Role[] = ['admin', 'coordinator', 'analyst', 'officer'];
/** Roles that may create and edit shareable records on behalf of their organisation. */
export const WRITER_ROLES: readonly Role[] = ['admin', 'coordinator', 'analyst', 'officer', 'member'];
/** Roles that may manage any record of their organisation, not only their own. */
export const MANAGER_ROLES: readonly Role[] = ['admin', 'coordinator'];

/** Markings whose reads are audited. */
export const RESTRICTED_TLP: readonly Tlp[] = ['AMBER', 'AMBER+STRICT', 'RED'];

export function orgsWithRole(actor: Actor, roles: readonly Role[]): string[] {
  return [...new Set(actor.memberships.filter((m) => roles.includes(m.role)).map((m) => m.orgId))];
}

export function hasRoleIn(actor: Actor, orgId: string, roles: readonly Role[]): boolean {
  return actor.memberships.some((m) => m.orgId === orgId && roles.includes(m.role));
}

const inList = (column: Expression<unknown>, values: readonly string[]) =>
  values.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`${column} in (${sql.join(values)})`;

/**
 * Condition true for rows of `alias` (a table with id, owner_org_id, created_by, tlp)
 * that the actor may read. `recordType` keys the distribution tables.
 */
export function visibleTo(actor: Actor, recordType: string, alias: string): Expression<SqlBool> {
  const col = (name: string) => sql.ref(`${alias}.${name}`);
  if (actor.kind !== 'user' || actor.userId === null || !hasScope(actor, 'read')) {
    return sql<SqlBool>`${col('tlp')} = 'CLEAR'`;
  }
  const member = actor.memberships.length > 0;
  const ntkOrgs = orgsWithRole(actor, NEED_TO_KNOW_ROLES);
  return sql<SqlBool>`(
    ${col('tlp')} = 'CLEAR'
    or (${col('tlp')} = 'GREEN' and ${member ? sql`true` : sql`false`})
    or ${col('created_by')} = ${actor.userId}
    or (${col('tlp')} in ('AMBER', 'AMBER+STRICT') and ${inList(col('owner_org_id'), ntkOrgs)})
    or (${col('tlp')} = 'AMBER' and exists (
          select 1 from record_sharing_groups rsg
          join sharing_group_members sgm on sgm.group_id = rsg.group_id
          where rsg.record_type = ${recordType} and rsg.record_id = ${col('id')}
            and ${inList(sql.ref('sgm.org_id'), ntkOrgs)}))
    or (${col('tlp')} = 'RED' and exists (
          select 1 from record_recipients rr
          where rr.record_type = ${recordType} and rr.record_id = ${col('id')} and rr.user_id = ${actor.userId}))
  )`;
}

export function requireUser(actor: Actor): asserts actor is Actor & { userId: string } {
  if (actor.kind !== 'user' || actor.userId === null) throw new AppError('UNAUTHENTICATED');
}

export function requireScope(actor: Actor, scope: Scope): void {
  if (!hasScope(actor, scope)) throw new AppError('FORBIDDEN');
}

/** The actor may write records owned by `orgId`. */
export function assertCanWriteFor(actor: Actor, orgId: string): void {
  requireUser(actor);
  requireScope(actor, 'write');
  if (hasRoleIn(actor, orgId, WRITER_ROLES)) return;
  if (actor.memberships.some((m) => m.orgId === orgId)) throw new AppError('FORBIDDEN'); // a member, but read-only
  throw new AppError('VALIDATION_FAILED', {}, [{ path: 'ownerOrgId', code: 'not_a_member' }]);
}

/** Edit and delete: the author, or a manager of the owning organisation. */
export function canManageRecord(actor: Actor, record: { owner_org_id: string; created_by: string }): boolean {
  if (actor.kind !== 'user' || !hasScope(actor, 'write')) return false;
  return record.created_by === actor.userId || hasRoleIn(actor, record.owner_org_id, MANAGER_ROLES);
}
