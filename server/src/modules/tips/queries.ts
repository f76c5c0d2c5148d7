import { sql } from 'kysely';
import type { Executor } from '../../platform/audit/audit-log.ts';
import type { ReportChannel } from '../../platform/db/schema.ts';

export const activeTipCategory = (db: Executor, code: string) =>
  db.selectFrom('report_categories').select('code').where('code', '=', code).where('channel', '=', 'tip').where('active', '=', true).executeTakeFirst();

export const activeCategories = (db: Executor, channel: 'tip' | 'unsafe_place' | 'conduct') =>
  db.selectFrom('report_categories').select(['code', 'name_es', 'name_en', 'name_pt']).where('channel', '=', channel).where('active', '=', true).orderBy('code').execute();

export const insertTip = (
  db: Executor,
  row: { receipt_key: string; passphrase_hash: string; category: string; body: string; location: { lon: number; lat: number } | null; location_text: string | null; received_hour: string },
) =>
  db
    .insertInto('reports')
    .values({
      receipt_key: row.receipt_key,
      passphrase_hash: row.passphrase_hash,
      category: row.category,
      body: row.body,
      location_text: row.location_text,
      received_hour: row.received_hour,
      // Not the default now(): that would keep the exact moment of submission.
      updated_at: row.received_hour,
      ...(row.location ? { location: sql`ST_SetSRID(ST_MakePoint(${row.location.lon}, ${row.location.lat}), 4326)` as never } : {}),
    })
    .onConflict((oc) => oc.column('receipt_key').doNothing())
    .returning('id')
    .executeTakeFirst();

/** A report of one of `channels` followed up with a receipt (tips, police-conduct feedback). */
export const findReportByReceiptKey = (db: Executor, receiptKey: string, channels: readonly ReportChannel[]) =>
  db
    .selectFrom('reports')
    .select(['id', 'channel', 'passphrase_hash', 'status', 'category', 'received_hour'])
    .where('receipt_key', '=', receiptKey)
    .where('channel', 'in', channels)
    .executeTakeFirst();

export const insertReporterMessage = (db: Executor, tipId: string, body: string, hour: string) =>
  db.insertInto('report_messages').values({ report_id: tipId, author: 'reporter', staff_user_id: null, body, sent_hour: hour }).execute();

export const messagesOf = (db: Executor, tipId: string) =>
  db.selectFrom('report_messages').select(['author', 'body', 'sent_hour']).where('report_id', '=', tipId).orderBy('seq').execute();
