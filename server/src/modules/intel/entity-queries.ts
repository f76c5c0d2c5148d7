import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { distributionColumns } from '../../platform/access/distribution.ts';
import type { IntelEntityType, Tlp } from '../../platform/db/schema.ts';
import { INTEL_ENTITY, visibleEntity } from './visibility.ts';

const columns = [
  'e.id', 'e.owner_org_id', 'e.created_by', 'e.tlp', 'e.type', 'e.label', 'e.attributes', 'e.identifiers', 'e.first_seen',
  'e.last_seen', 'e.created_at', 'e.updated_at',
] as const;
const distribution = distributionColumns(INTEL_ENTITY, 'e');
/** The original of a shared copy, only when the actor may see it (its id would reveal it). */
const copyOf = (actor: Actor) =>
  sql<string | null>`(select o.id from intel_entities o where o.id = e.copy_of and ${visibleEntity(actor, 'o')})`.as('copy_of');

export interface EntityQuery {
  q?: string;
  type?: IntelEntityType;
  tlp?: Tlp;
  ownerOrgId?: string;
}

export interface EntityCursor {
  createdAt: string;
  id: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Entities the actor may see (alias `e`), filtered; the access condition is in every query. */
export function visibleEntities(db: Executor, actor: Actor, filter: EntityQuery = {}) {
  let query = db.selectFrom('intel_entities as e').where(visibleEntity(actor, 'e'));
  if (filter.type) query = query.where('e.type', '=', filter.type);
  if (filter.tlp) query = query.where('e.tlp', '=', filter.tlp);
  if (filter.ownerOrgId) query = query.where('e.owner_org_id', '=', filter.ownerOrgId);
  if (filter.q) query = query.where('e.label', 'ilike', `%${escapeLike(filter.q)}%`);
  return query;
}

export function listVisibleEntities(db: Executor, actor: Actor, filter: EntityQuery, limit: number, after: EntityCursor | null) {
  let query = visibleEntities(db, actor, filter).select(columns).select(distribution).select(copyOf(actor));
  if (after) query = query.where(sql<boolean>`(e.created_at, e.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return query.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
}

/** One entity the actor may see, or undefined (missing and invisible alike). */
export const findVisibleEntity = (db: Executor, actor: Actor, id: string) =>
  visibleEntities(db, actor).select(columns).select(distribution).select(copyOf(actor)).where('e.id', '=', id).executeTakeFirst();

/** Several entities by id, only those the actor may see. */
export const findVisibleEntities = (db: Executor, actor: Actor, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : visibleEntities(db, actor).select(columns).select(distribution).select(copyOf(actor)).where('e.id', 'in', ids).execute();

/** The subset of `ids` the actor may see, with their types (to check references). */
export async function visibleEntityTypes(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, IntelEntityType>> {
  if (ids.length === 0) return new Map();
  const rows = await visibleEntities(db, actor).select(['e.id', 'e.type']).where('e.id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.type]));
}

export type EntityRow = NonNullable<Awaited<ReturnType<typeof findVisibleEntity>>>;

export interface NewEntity {
  owner_org_id: string;
  created_by: string;
  tlp: Tlp;
  type: IntelEntityType;
  label: string;
  attributes: object;
  identifiers: object[];
  first_seen: string | null;
  last_seen: string | null;
  copy_of?: string | null;
}

export async function insertEntity(db: Executor, row: NewEntity): Promise<string> {
  const inserted = await db
    .insertInto('intel_entities')
    .values({ ...row, attributes: JSON.stringify(row.attributes), identifiers: JSON.stringify(row.identifiers) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export interface EntityPatch {
  tlp?: Tlp;
  label?: string;
  attributes?: object;
  identifiers?: object[];
  first_seen?: string | null;
  last_seen?: string | null;
}

export async function updateEntity(db: Executor, id: string, patch: EntityPatch): Promise<void> {
  const { attributes, identifiers, ...rest } = patch;
  await db
    .updateTable('intel_entities')
    .set({
      ...rest,
      ...(attributes ? { attributes: JSON.stringify(attributes) } : {}),
      ...(identifiers ? { identifiers: JSON.stringify(identifiers) } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * An entity just written, read back for its writer whatever its marking now says (an edit may
 * mark it RED for others): writes return what they wrote.
 */
export const findWrittenEntity = (db: Executor, id: string) =>
  db.selectFrom('intel_entities as e').select(columns).select(distribution).select('e.copy_of').where('e.id', '=', id).executeTakeFirstOrThrow();
