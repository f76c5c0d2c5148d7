import { z } from 'zod';
import type { Executor } from '../../platform/audit/audit-log.ts';
import { ATTACHMENT_MEDIA_TYPES } from '../../platform/db/schema.ts';
import * as q from './queries.ts';

/** What a resident sees of the images attached to their own report (the follow-up shows them). */
export const ReporterAttachment = z
  .object({
    mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
    byteSize: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    receivedHour: z.iso.datetime(),
  })
  .meta({ id: 'ReporterAttachment' });
export type ReporterAttachment = z.infer<typeof ReporterAttachment>;

export const toReporterAttachment = (row: q.AttachmentRow): ReporterAttachment => ({
  mediaType: row.media_type,
  byteSize: row.byte_size,
  width: row.width,
  height: row.height,
  receivedHour: row.received_hour.toISOString(),
});

/** The attachments of a report whose receipt and passphrase the caller has already checked. */
export const reporterAttachments = async (db: Executor, reportId: string) => (await q.attachmentsOf(db, reportId)).map(toReporterAttachment);
