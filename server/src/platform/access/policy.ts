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

/** Where a record's distribution is found: SQL conditions on its sharing groups and recipients. */
interface DistributionSource {
  /** Some sharing group of the record has one of `orgIds` as a member. */
  sharedWithAnyOf(orgIds: readonly string[]): Expression<SqlBool>;
  /** The record names `userId` as a recipient. */
  names(userId: string): Expression<SqlBool>;
}

/** The TLP rules as SQL over a row's id, owner_org_id, created_by and tlp, and its distribution. */
function tlpCondition(actor: Actor, alias: string, distribution: DistributionSource): Expression<SqlBool> {
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
    or (${col('tlp')} = 'AMBER' and ${distribution.sharedWithAnyOf(ntkOrgs)})
    or (${col('tlp')} = 'RED' and ${distribution.names(actor.userId)})
  )`;
}

/**
 * Condition true for rows of `alias` (a table with id, owner_org_id, created_by, tlp)
 * that the actor may read. `recordType` keys the distribution tables.
 */
export function visibleTo(actor: Actor, recordType: string, alias: string): Expression<SqlBool> {
  const id = sql.ref(`${alias}.id`);
  return tlpCondition(actor, alias, {
    sharedWithAnyOf: (orgIds) => sql<SqlBool>`exists (
          select 1 from record_sharing_groups rsg
          join sharing_group_members sgm on sgm.group_id = rsg.group_id
          where rsg.record_type = ${recordType} and rsg.record_id = ${id}
            and ${inList(sql.ref('sgm.org_id'), orgIds)})`,
    names: (userId) => sql<SqlBool>`exists (
          select 1 from record_recipients rr
          where rr.record_type = ${recordType} and rr.record_id = ${id} and rr.user_id = ${userId})`,
  });
}

/**
 * The same rules for rows that carry their distribution with them, as uuid arrays
 * `sharing_group_ids` and `recipient_user_ids` (the operations feed).
 */
export function visibleByCarriedMarking(actor: Actor, alias: string): Expression<SqlBool> {
  return tlpCondition(actor, alias, {
    sharedWithAnyOf: (orgIds) => sql<SqlBool>`exists (
          select 1 from sharing_group_members sgm
          where sgm.group_id = any(${sql.ref(`${alias}.sharing_group_ids`)}) and ${inList(sql.ref('sgm.org_id'), orgIds)})`,
    names: (userId) => sql<SqlBool>`${userId}::uuid = any(${sql.ref(`${alias}.recipient_user_ids`)})`,
  });
}

/** Who a record is for: the fields the TLP rules read. */
export interface Marking {
  tlp: Tlp;
  ownerOrgId: string;
  createdBy: string | null;
  sharingGroupIds: readonly string[];
  recipientUserIds: readonly string[];
}

/**
 * What the rules need to know about an actor, resolved once (a long-lived stream) so that each
 * record is decided in memory. `groupIds` are the sharing groups one of the need-to-know
 * organisations belongs to (clearance.ts reads them).
 */
export interface Clearance {
  /** Null: anonymous, or a token without the read scope (CLEAR only). */
  userId: string | null;
  member: boolean;
  ntkOrgIds: ReadonlySet<string>;
  groupIds: ReadonlySet<string>;
}

export function clearanceOf(actor: Actor, groupIds: Iterable<string>): Clearance {
  const reads = actor.kind === 'user' && actor.userId !== null && hasScope(actor, 'read');
  return {
    userId: reads ? actor.userId : null,
    member: reads && actor.memberships.length > 0,
    ntkOrgIds: new Set(reads ? orgsWithRole(actor, NEED_TO_KNOW_ROLES) : []),
    groupIds: new Set(reads ? groupIds : []),
  };
}

/**
 * `visibleTo` in memory: true exactly when the SQL condition would be true for a record with
 * this marking (access-agreement.test.ts checks every persona against every marking).
 */
export function mayRead(clearance: Clearance, marking: Marking): boolean {
  if (marking.tlp === 'CLEAR') return true;
  if (clearance.userId === null) return false;
  if (marking.createdBy === clearance.userId) return true;
  switch (marking.tlp) {
    case 'GREEN':
      return clearance.member;
    case 'AMBER':
      return clearance.ntkOrgIds.has(marking.ownerOrgId) || marking.sharingGroupIds.some((g) => clearance.groupIds.has(g));
    case 'AMBER+STRICT':
      return clearance.ntkOrgIds.has(marking.ownerOrgId);
    case 'RED':
      return marking.recipientUserIds.includes(clearance.userId);
  }
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
