import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import { visibleEntity } from './visibility.ts';

/**
 * Merges are assertions beside the records (intel_entity_merges): nothing of the merged
 * entity, its links or identifiers changes. Readers resolve an entity merged into a survivor
 * they may see to that survivor; one whose survivor they may not see stays an entity of its own.
 */

/** `alias` (an entity) is merged into a survivor the actor may see: lists leave it out. */
export const mergedAwayFor = (actor: Actor, alias: string): Expression<SqlBool> => sql<SqlBool>`exists (
  select 1 from intel_entity_merges ma join intel_entities ma_s on ma_s.id = ma.survivor_id
  where ma.merged_id = ${sql.ref(`${alias}.id`)} and ma.unmerged_at is null and ${visibleEntity(actor, 'ma_s')})`;

/** The survivor `alias` is merged into, when the actor may see it (else null). */
export const mergedIntoFor = (actor: Actor, alias: string) => sql<string | null>`(
  select mi.survivor_id from intel_entity_merges mi join intel_entities mi_s on mi_s.id = mi.survivor_id
  where mi.merged_id = ${sql.ref(`${alias}.id`)} and mi.unmerged_at is null and ${visibleEntity(actor, 'mi_s')})`;

/** Active merges into `alias` whose merged entity the actor may see, as JSON. */
export const mergedFromFor = (actor: Actor, alias: string) => sql<{ mergeId: string; entityId: string; label: string; mergedAt: string }[]>`coalesce((
  select json_agg(json_build_object('mergeId', mf.id, 'entityId', mf_e.id, 'label', mf_e.label, 'mergedAt', mf.merged_at) order by mf.merged_at)
  from intel_entity_merges mf join intel_entities mf_e on mf_e.id = mf.merged_id
  where mf.survivor_id = ${sql.ref(`${alias}.id`)} and mf.unmerged_at is null and ${visibleEntity(actor, 'mf_e')}), '[]'::json)`;

export const activeMergeOf = (db: Executor, entityId: string) =>
  db.selectFrom('intel_entity_merges').selectAll().where('merged_id', '=', entityId).where('unmerged_at', 'is', null).executeTakeFirst();

export const findMerge = (db: Executor, id: string) => db.selectFrom('intel_entity_merges').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertMerge(db: Executor, row: { survivor_id: string; merged_id: string; reason: string; merged_by: string }): Promise<string> {
  return (await db.insertInto('intel_entity_merges').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function endMerge(db: Executor, id: string, userId: string): Promise<boolean> {
  const row = await db.updateTable('intel_entity_merges').set({ unmerged_by: userId, unmerged_at: sql<Date>`now()` }).where('id', '=', id).where('unmerged_at', 'is', null).returning('id').executeTakeFirst();
  return row !== undefined;
}

/** Locks both entities for the merge, so concurrent merges of either wait and see its result. */
export const lockEntities = (db: Executor, ids: string[]) =>
  db.selectFrom('intel_entities').select(['id', 'type', 'owner_org_id', 'created_by', 'tlp']).where('id', 'in', ids).forUpdate().execute();

export interface DuplicateCandidate {
  base_id: string;
  id: string;
  label: string;
  tlp: Tlp;
  owner_org_id: string;
  name_similarity: number;
  same_birth: boolean;
  shared: { kind: string; value: string }[];
}

/**
 * Possible duplicates of the persons `baseIds`, among persons the actor may see: similar
 * names (pg_trgm, the % operator at its default threshold of 0.3), a shared identifier, or
 * the same date of birth. Neither side is merged away; pairs an organisation of the actor
 * dismissed are left out.
 */
export async function duplicateCandidates(db: Executor, actor: Actor, baseIds: readonly string[], perBase: number): Promise<DuplicateCandidate[]> {
  if (baseIds.length === 0) return [];
  const orgIds = [...new Set(actor.memberships.map((m) => m.orgId))];
  const dismissed = orgIds.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`exists (select 1 from intel_duplicate_dismissals d
      where d.org_id in (${sql.join(orgIds)}) and d.entity_a = least(b.id, e.id) and d.entity_b = greatest(b.id, e.id))`;
  const result = await sql<DuplicateCandidate>`
    select b.id as base_id, c.* from intel_entities b
    cross join lateral (
      select e.id, e.label, e.tlp, e.owner_org_id, similarity(e.label, b.label)::float8 as name_similarity,
        coalesce(e.attributes ->> 'dateOfBirth' = b.attributes ->> 'dateOfBirth', false) as same_birth,
        coalesce((select json_agg(json_build_object('kind', i.kind, 'value', i.value) order by i.kind, i.value)
          from intel_identifiers i join intel_identifiers bi on bi.kind = i.kind and bi.value = i.value and bi.entity_id = b.id
          where i.entity_id = e.id), '[]'::json) as shared
      from intel_entities e
      where e.type = 'person' and e.id <> b.id and ${visibleEntity(actor, 'e')}
        and (e.label % b.label
             or (e.attributes ->> 'dateOfBirth' = b.attributes ->> 'dateOfBirth')
             or exists (select 1 from intel_identifiers i join intel_identifiers bi on bi.kind = i.kind and bi.value = i.value and bi.entity_id = b.id where i.entity_id = e.id))
        and not exists (select 1 from intel_entity_merges m where m.merged_id = e.id and m.unmerged_at is null)
        and not ${dismissed}
      order by similarity(e.label, b.label) desc, e.id
      limit ${perBase}
    ) c
    where b.id in (${sql.join(baseIds)}) and b.type = 'person'
      and not exists (select 1 from intel_entity_merges m where m.merged_id = b.id and m.unmerged_at is null)`.execute(db);
  return result.rows;
}

/** Recent persons of the given organisations, to look for their duplicates. */
export const recentPersonsOf = async (db: Executor, actor: Actor, orgIds: readonly string[], limit: number) =>
  orgIds.length === 0
    ? []
    : (await db.selectFrom('intel_entities as e').select('e.id').where('e.type', '=', 'person').where('e.owner_org_id', 'in', [...orgIds])
        .where(visibleEntity(actor, 'e')).orderBy('e.created_at', 'desc').limit(limit).execute()).map((r) => r.id);

export async function dismissPair(db: Executor, orgId: string, a: string, b: string, userId: string): Promise<void> {
  const [entity_a, entity_b] = a < b ? [a, b] : [b, a];
  await db.insertInto('intel_duplicate_dismissals').values({ org_id: orgId, entity_a, entity_b, dismissed_by: userId }).onConflict((oc) => oc.doNothing()).execute();
}
