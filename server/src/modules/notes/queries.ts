import { sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { visibleTo } from '../../platform/access/policy.ts';
import { distributionColumns } from '../../platform/access/distribution.ts';
import type { Tlp } from '../../platform/db/schema.ts';
import type { NoteFilter } from './schemas.ts';

export const NOTE = 'note';
const columns = ['n.id', 'n.owner_org_id', 'n.created_by', 'n.tlp', 'n.title', 'n.body', 'n.created_at', 'n.updated_at'] as const;

const distribution = distributionColumns(NOTE, 'n');

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Notes the actor may see, filtered; the access condition is part of every query. */
function visibleNotes(db: Executor, actor: Actor, filter: NoteFilter) {
  let query = db.selectFrom('notes as n').where(visibleTo(actor, NOTE, 'n'));
  if (filter.tlp) query = query.where('n.tlp', '=', filter.tlp);
  if (filter.ownerOrgId) query = query.where('n.owner_org_id', '=', filter.ownerOrgId);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('n.title', 'ilike', pattern), eb('n.body', 'ilike', pattern)]));
  }
  return query;
}

export interface Cursor {
  createdAt: string;
  id: string;
}

export const listVisibleNotes = (db: Executor, actor: Actor, filter: NoteFilter, limit: number, after: Cursor | null) => {
  let query = visibleNotes(db, actor, filter).select(columns).select(distribution);
  if (after) {
    query = query.where(sql<boolean>`(n.created_at, n.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  }
  return query.orderBy('n.created_at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
};

/** How many notes match, and how many of them are restricted (AMBER, AMBER+STRICT, RED). */
export async function countVisibleNotes(db: Executor, actor: Actor, filter: NoteFilter) {
  const row = await visibleNotes(db, actor, filter)
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      sql<number>`count(*) filter (where n.tlp in ('AMBER', 'AMBER+STRICT', 'RED'))`.as('restricted'),
    ])
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), restricted: Number(row.restricted) };
}

export const findVisibleNote = (db: Executor, actor: Actor, id: string) =>
  visibleNotes(db, actor, {}).select(columns).select(distribution).where('n.id', '=', id).executeTakeFirst();

export const insertNote = (db: Executor, row: { owner_org_id: string; created_by: string; tlp: Tlp; title: string; body: string }) =>
  db.insertInto('notes').values(row).returning(['id', 'owner_org_id', 'created_by', 'tlp', 'title', 'body', 'created_at', 'updated_at']).executeTakeFirstOrThrow();

export const updateNote = (db: Executor, id: string, patch: { tlp?: Tlp; title?: string; body?: string }) =>
  db
    .updateTable('notes')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returning(['id', 'owner_org_id', 'created_by', 'tlp', 'title', 'body', 'created_at', 'updated_at'])
    .executeTakeFirstOrThrow();

export async function deleteNote(db: Executor, id: string) {
  await db.deleteFrom('record_sharing_groups').where('record_type', '=', NOTE).where('record_id', '=', id).execute();
  await db.deleteFrom('record_recipients').where('record_type', '=', NOTE).where('record_id', '=', id).execute();
  await db.deleteFrom('notes').where('id', '=', id).execute();
}

export type NoteRow = Awaited<ReturnType<typeof insertNote>>;
