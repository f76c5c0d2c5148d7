import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { visibleTo } from '../../platform/access/policy.ts';

/**
 * Who may see intelligence records, as SQL conditions (docs/access-control.md). Every query of
 * entities, reports and links includes one of these, so lists, counts, searches, lookups and
 * graph traversals filter in the database. The graph module builds on `visibleLinks`.
 */

/** Record types of the distribution tables (record_sharing_groups, record_recipients). */
export const INTEL_ENTITY = 'intel_entity';
export const INTEL_REPORT = 'intel_report';
export const INTEL_LINK = 'intel_link';

/** Rows of `alias` (an intel_entities row) the actor may see: the entity's own TLP rules. */
export const visibleEntity = (actor: Actor, alias: string): Expression<SqlBool> => visibleTo(actor, INTEL_ENTITY, alias);

/** Rows of `alias` (an intel_reports row) the actor may see. */
export const visibleReport = (actor: Actor, alias: string): Expression<SqlBool> => visibleTo(actor, INTEL_REPORT, alias);

/**
 * Rows of `alias` (an intel_links row) the actor may see: the link itself AND both its ends.
 * A link to an entity the actor may not see would reveal that something is there, and what
 * kind of relation it has; so such a link does not exist for that actor, in any query.
 *
 * `alias` must have the columns id, owner_org_id, created_by, tlp, source_id and target_id.
 * The ends are checked in correlated subqueries under their own aliases (vl_source,
 * vl_target), which the caller must not use for `alias` itself.
 */
export function visibleLinks(actor: Actor, alias: string): Expression<SqlBool> {
  const end = (column: 'source_id' | 'target_id', endAlias: string) => sql<SqlBool>`exists (
    select 1 from intel_entities as ${sql.raw(endAlias)}
    where ${sql.ref(`${endAlias}.id`)} = ${sql.ref(`${alias}.${column}`)} and ${visibleEntity(actor, endAlias)})`;
  return sql<SqlBool>`(${visibleTo(actor, INTEL_LINK, alias)} and ${end('source_id', 'vl_source')} and ${end('target_id', 'vl_target')})`;
}
