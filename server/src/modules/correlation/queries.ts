import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { IntelEntityType, Tlp } from '../../platform/db/schema.ts';
import { visibleEntity } from '../intel/visibility.ts';
import type { IdentifierKind } from './identifier-kinds.ts';
import type { IndexValue } from './entity-identifiers.ts';

/** Makes the index hold exactly `values` for the entity. */
export async function replaceEntityIdentifiers(db: Executor, entityId: string, values: readonly IndexValue[], isNew = false): Promise<void> {
  if (!isNew) await db.deleteFrom('intel_identifiers').where('entity_id', '=', entityId).execute();
  if (values.length > 0) {
    await db.insertInto('intel_identifiers').values(values.map((v) => ({ kind: v.kind, value: v.value, entity_id: entityId }))).execute();
  }
}

/** How many entities hold the value, counted no further than `cap` (a bounded index scan). */
export async function occurrencesUpTo(db: Executor, kind: IdentifierKind, value: string, cap: number): Promise<number> {
  const row = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from intel_identifiers where kind = ${kind} and value = ${value} limit ${cap}) held`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export interface Occurrence {
  entity_id: string;
  owner_org_id: string;
  tlp: Tlp;
  visible: boolean;
  type: IntelEntityType;
  label: string;
}

/**
 * Every entity holding the value, each with whether the actor may see it. Callers show the
 * content of visible ones only; of the others only that an organisation holds a match.
 */
export const occurrencesOf = (db: Executor, actor: Actor, kind: IdentifierKind, value: string, excludeEntityId: string | null) =>
  db
    .selectFrom('intel_identifiers as i')
    .innerJoin('intel_entities as e', 'e.id', 'i.entity_id')
    .select(['i.entity_id', 'e.owner_org_id', 'e.tlp', 'e.type', 'e.label'])
    .select(sql<boolean>`${visibleEntity(actor, 'e')}`.as('visible'))
    .where('i.kind', '=', kind)
    .where('i.value', '=', value)
    .$if(excludeEntityId !== null, (q) => q.where('i.entity_id', '<>', excludeEntityId!))
    .orderBy('e.created_at', 'desc')
    .execute() as Promise<Occurrence[]>;

export const orgNames = async (db: Executor, ids: readonly string[]) =>
  new Map(ids.length === 0 ? [] : (await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', [...ids]).execute()).map((o) => [o.id, o.name]));

export interface NewHit {
  searcher_user_id: string;
  searcher_org_id: string | null;
  owner_org_id: string;
  owner_named: boolean;
  kind: IdentifierKind;
  value: string;
}

export async function insertHit(db: Executor, hit: NewHit, entityIds: readonly string[]): Promise<string> {
  const { id } = await db.insertInto('intel_hits').values(hit).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('intel_hit_entities').values(entityIds.map((entity_id) => ({ hit_id: id, entity_id }))).execute();
  return id;
}

/** A hit of the searcher's own; another user's hit and no hit at all look the same (undefined). */
export const findOwnHit = (db: Executor, searcherUserId: string, hitId: string) =>
  db.selectFrom('intel_hits').selectAll().where('id', '=', hitId).where('searcher_user_id', '=', searcherUserId).executeTakeFirst();

export const hitEntityIds = async (db: Executor, hitId: string) =>
  (await db.selectFrom('intel_hit_entities').select('entity_id').where('hit_id', '=', hitId).orderBy('entity_id').execute()).map((r) => r.entity_id);

/** Gives a copy the same index values as its original. */
export async function copyIdentifiers(db: Executor, fromEntityId: string, toEntityId: string): Promise<void> {
  await sql`insert into intel_identifiers (kind, value, entity_id)
    select kind, value, ${toEntityId}::uuid from intel_identifiers where entity_id = ${fromEntityId}::uuid`.execute(db);
}
