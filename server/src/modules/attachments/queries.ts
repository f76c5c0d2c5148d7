import type { Executor } from '../../platform/audit/audit-log.ts';
import type { AttachmentMediaType } from '../../platform/db/schema.ts';

/** The columns that describe an attachment, without its bytes. */
const SUMMARY = ['id', 'position', 'media_type', 'byte_size', 'width', 'height', 'sha256', 'received_hour'] as const;

/** Serialises attachment writes to one report (counting, numbering, deduplicating). */
export const lockReport = (db: Executor, reportId: string) =>
  db.selectFrom('reports').select('id').where('id', '=', reportId).forUpdate().executeTakeFirstOrThrow();

export const attachmentsOf = (db: Executor, reportId: string) =>
  db.selectFrom('report_attachments').select(SUMMARY).where('report_id', '=', reportId).orderBy('position').execute();

export const findAttachmentByHash = (db: Executor, reportId: string, sha256: string) =>
  db.selectFrom('report_attachments').select(SUMMARY).where('report_id', '=', reportId).where('sha256', '=', sha256).executeTakeFirst();

export const insertAttachment = (
  db: Executor,
  row: { report_id: string; position: number; media_type: AttachmentMediaType; width: number; height: number; sha256: string; content: Uint8Array; received_hour: string },
) =>
  db
    .insertInto('report_attachments')
    .values({ ...row, byte_size: row.content.byteLength })
    .returning(SUMMARY)
    .executeTakeFirstOrThrow();

export const attachmentContent = (db: Executor, reportId: string, attachmentId: string) =>
  db
    .selectFrom('report_attachments')
    .select(['id', 'media_type', 'content'])
    .where('report_id', '=', reportId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();

export type AttachmentRow = Awaited<ReturnType<typeof attachmentsOf>>[number];
