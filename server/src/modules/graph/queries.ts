import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { IntelEntityType, IntelLinkType, Tlp } from '../../platform/db/schema.ts';
import { visibleEntity, visibleLinks } from '../intel/visibility.ts';
import type { GraphFilter } from './schemas.ts';

/**
 * The SQL of graph traversal. Every query applies the intelligence visibility rules itself
 * (visibleEntity, visibleLinks), so a traversal step can only ever reach an entity the actor
 * may see, over a link the actor may see: nothing invisible is returned, counted or crossed.
 *
 * Merged duplicates (intel_entity_merges, while not un-merged) are drawn as their survivor:
 * a link of a merged entity is a link of its survivor, when the actor may see the survivor.
 */

const uuids = (ids: readonly string[]) => sql`${[...ids]}::uuid[]`;

/** The survivor a visible merged entity resolves to, when the actor may see that survivor. */
const survivorOf = (actor: Actor, endColumn: string, alias: string) => sql<string | null>`(
  select m.survivor_id from intel_entity_merges m join intel_entities ${sql.raw(alias)} on ${sql.ref(`${alias}.id`)} = m.survivor_id
  where m.merged_id = ${sql.ref(endColumn)} and m.unmerged_at is null and ${visibleEntity(actor, alias)})`;

/** The entities drawn as the nodes `nodeIds`: the nodes themselves and the visible entities merged into them. */
export async function membersOf(db: Executor, actor: Actor, nodeIds: readonly string[]): Promise<{ member: string; node: string }[]> {
  if (nodeIds.length === 0) return [];
  const merged = await db
    .selectFrom('intel_entity_merges as m')
    .innerJoin('intel_entities as me', 'me.id', 'm.merged_id')
    .select(['m.merged_id as member', 'm.survivor_id as node'])
    .where(sql<SqlBool>`m.survivor_id = any(${uuids(nodeIds)})`)
    .where('m.unmerged_at', 'is', null)
    .where(visibleEntity(actor, 'me'))
    .execute();
  return [...nodeIds.map((id) => ({ member: id, node: id })), ...merged];
}

/** What a start entity is drawn as: itself, or the visible survivor it is merged into; undefined when not visible. */
export async function resolveVisibleEntities(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('intel_entities as e')
    .select(['e.id', survivorOf(actor, 'e.id', 'sv').as('survivor')])
    .where(sql<SqlBool>`e.id = any(${uuids(ids)})`)
    .where(visibleEntity(actor, 'e'))
    .execute();
  return new Map(rows.map((r) => [r.id, r.survivor ?? r.id]));
}

export interface LinkHop {
  id: string;
  type: IntelLinkType;
  tlp: Tlp;
  owner_org_id: string;
  valid_from: Date | null;
  valid_to: Date | null;
  /** The nodes the link is drawn between (its ends, or the survivors they are merged into). */
  source: string;
  target: string;
}

export interface TouchingOptions {
  /** Entities (members of frontier nodes) whose visible links are wanted. */
  near: readonly string[];
  /** Only links with both ends among `near` (the links inside the last level of an expansion). */
  within: boolean;
  /** Entities whose links are followed whatever the entity-type filter says (start and end points). */
  always: readonly string[];
  filter: GraphFilter;
  limit: number;
}

function filterConditions(filter: GraphFilter, near: Expression<unknown>, always: Expression<unknown>): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.linkTypes) conditions.push(sql<SqlBool>`l.type = any(${sql`${filter.linkTypes}::text[]`})`);
  // Validity [valid_from, valid_to] overlapping the window; an open end is unbounded.
  if (filter.until) conditions.push(sql<SqlBool>`(l.valid_from is null or l.valid_from <= ${filter.until}::timestamptz)`);
  if (filter.since) conditions.push(sql<SqlBool>`(l.valid_to is null or l.valid_to >= ${filter.since}::timestamptz)`);
  if (filter.entityTypes) {
    const types = sql`${filter.entityTypes}::text[]`;
    const endAllowed = (end: 'source' | 'target') => sql<SqlBool>`(
      l.${sql.raw(`${end}_id`)} = any(${near}) or l.${sql.raw(`${end}_id`)} = any(${always})
      or (select ge.type from intel_entities ge where ge.id = l.${sql.raw(`${end}_id`)}) = any(${types}))`;
    conditions.push(endAllowed('source'), endAllowed('target'));
  }
  return conditions;
}

/**
 * Visible links with an end among `near` (or both, with `within`), filtered, at most `limit`.
 * The ends are returned as the nodes they are drawn as (survivors of merges).
 */
export async function linksTouching(db: Executor, actor: Actor, options: TouchingOptions): Promise<LinkHop[]> {
  if (options.near.length === 0) return [];
  const near = uuids(options.near);
  const always = uuids(options.always);
  const touches = options.within
    ? sql<SqlBool>`(l.source_id = any(${near}) and l.target_id = any(${near}))`
    : sql<SqlBool>`(l.source_id = any(${near}) or l.target_id = any(${near}))`;
  let query = db
    .selectFrom('intel_links as l')
    .select([
      'l.id', 'l.type', 'l.tlp', 'l.owner_org_id', 'l.valid_from', 'l.valid_to',
      sql<string>`coalesce(${survivorOf(actor, 'l.source_id', 'ss')}, l.source_id)`.as('source'),
      sql<string>`coalesce(${survivorOf(actor, 'l.target_id', 'ts')}, l.target_id)`.as('target'),
    ])
    .where(touches)
    .where(visibleLinks(actor, 'l'));
  for (const condition of filterConditions(options.filter, near, always)) query = query.where(condition);
  return query.limit(options.limit).execute();
}

export interface NodeRow {
  id: string;
  type: IntelEntityType;
  label: string;
  tlp: Tlp;
  owner_org_id: string;
  first_seen: Date | null;
  last_seen: Date | null;
  merged_ids: string[];
}

/** The nodes of a result, with the visible entities merged into each. */
export async function nodeRows(db: Executor, actor: Actor, ids: readonly string[]): Promise<NodeRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('intel_entities as e')
    .select([
      'e.id', 'e.type', 'e.label', 'e.tlp', 'e.owner_org_id', 'e.first_seen', 'e.last_seen',
      sql<string[]>`coalesce((select json_agg(m.merged_id order by m.merged_id) from intel_entity_merges m
        join intel_entities me on me.id = m.merged_id
        where m.survivor_id = e.id and m.unmerged_at is null and ${visibleEntity(actor, 'me')}), '[]'::json)`.as('merged_ids'),
    ])
    .where(sql<SqlBool>`e.id = any(${uuids(ids)})`)
    .where(visibleEntity(actor, 'e'))
    .execute();
}
