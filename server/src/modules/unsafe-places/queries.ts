import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';

export const activeCategories = (db: Executor) =>
  db
    .selectFrom('report_categories')
    .select(['code', 'name_es', 'name_en', 'name_pt', 'description_es', 'description_en', 'description_pt'])
    .where('channel', '=', 'unsafe_place')
    .where('active', '=', true)
    .orderBy('code')
    .execute();
export type CategoryRow = Awaited<ReturnType<typeof activeCategories>>[number];

export const insertUnsafePlace = (
  db: Executor,
  row: { receipt_key: string | null; category: string; body: string; location: { lon: number; lat: number } | null; location_text: string | null; hour: string },
) =>
  db
    .insertInto('reports')
    .values({
      channel: 'unsafe_place',
      public_id: sql<string>`nextval('unsafe_place_numbers')` as never,
      receipt_key: row.receipt_key,
      category: row.category,
      body: row.body,
      location_text: row.location_text,
      received_hour: row.hour,
      // Not the default now(): that would keep the exact moment of submission.
      updated_at: row.hour,
      ...(row.location ? { location: sql`ST_SetSRID(ST_MakePoint(${row.location.lon}, ${row.location.lat}), 4326)` as never } : {}),
    })
    .onConflict((oc) => oc.column('receipt_key').doNothing())
    .returning(['id', sql<string>`public_id::text`.as('public_id')])
    .executeTakeFirst();

export const publicIdByReceiptKey = (db: Executor, receiptKey: string) =>
  db.selectFrom('reports').select(sql<string>`public_id::text`.as('public_id')).where('receipt_key', '=', receiptKey).where('channel', '=', 'unsafe_place').executeTakeFirst();

export interface PlaceFilter {
  numbers?: string[];
  categories?: string[];
  from?: Date;
  to?: Date;
  states?: ('open' | 'closed')[];
  limit: number;
}

/**
 * Unsafe-place reports for public outputs, newest first. Only this channel is ever read here:
 * tips and conduct feedback cannot appear whatever the filter. The responsible organisation
 * is named only if it already is public (it has a jurisdiction, see docs/access-control.md).
 */
export function publicPlaces(db: Executor, filter: PlaceFilter) {
  let query = db
    .selectFrom('reports as r')
    .innerJoin('report_categories as c', 'c.code', 'r.category')
    .leftJoin('organizations as o', (join) => join.onRef('o.id', '=', 'r.responsible_org_id').on(sql<SqlBool>`o.jurisdiction is not null`))
    .leftJoin('reports as d', (join) => join.onRef('d.id', '=', 'r.duplicate_of').on('d.channel', '=', 'unsafe_place'))
    .select([
      sql<string>`r.public_id::text`.as('public_id'),
      'r.category',
      'c.name_es',
      'c.name_en',
      'c.name_pt',
      'r.status',
      'r.closure_reason',
      'r.received_hour',
      sql<Date>`greatest(date_trunc('hour', r.updated_at), r.received_hour)`.as('updated_hour'),
      sql<number | null>`ST_X(r.location)`.as('lon'),
      sql<number | null>`ST_Y(r.location)`.as('lat'),
      'r.body',
      'r.location_text',
      'o.name as agency',
      sql<string | null>`d.public_id::text`.as('duplicate_of'),
    ])
    .where('r.channel', '=', 'unsafe_place');
  if (filter.numbers) query = query.where('r.public_id', 'in', filter.numbers);
  if (filter.categories) query = query.where('r.category', 'in', filter.categories);
  if (filter.from) query = query.where('r.received_hour', '>=', filter.from);
  if (filter.to) query = query.where('r.received_hour', '<=', filter.to);
  if (filter.states?.length === 1) query = query.where('r.status', filter.states[0] === 'closed' ? '=' : '<>', 'closed');
  return query.orderBy('r.received_hour', 'desc').orderBy('r.public_id', 'desc').limit(filter.limit).execute();
}
export type PlaceRow = Awaited<ReturnType<typeof publicPlaces>>[number];

/** Reports per category and open/closed, over the whole history (published with small counts withheld). */
export const countsByCategory = (db: Executor) =>
  db
    .selectFrom('reports')
    .select(['category', sql<boolean>`status <> 'closed'`.as('open'), sql<number>`count(*)::int`.as('count')])
    .where('channel', '=', 'unsafe_place')
    .groupBy(['category', sql`status <> 'closed'`])
    .execute();
