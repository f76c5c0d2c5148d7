import { appendAudit, currentHour, journal } from '../../platform/audit/audit-log.ts';
import { reporterActor, type Actor } from '../../platform/auth/actor.ts';
import { AppError, notFound } from '../../platform/errors/app-error.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { openTip } from '../tips/service.ts';
import { assertCanTriageReport } from '../triage/policy.ts';
import { reencodeImage } from './images.ts';
import * as q from './queries.ts';
import { toReporterAttachment, type ReporterAttachment } from './reporter-attachments.ts';
import type { UploadAttachmentInput } from './schemas.ts';

export const ATTACHMENT = 'report_attachment';

/**
 * Attaches an image to the tip its receipt and passphrase open. Only the re-encoded image is
 * kept (no metadata, no file name, no claimed type, the hour only). Re-encoding is
 * deterministic, so the same image sent again (a retry after a dropped connection) returns
 * the attachment it already made instead of adding a copy.
 */
export async function attachToTip(
  ctx: AppContext,
  locale: Locale,
  input: UploadAttachmentInput,
): Promise<{ attachment: ReporterAttachment; created: boolean; count: number; limit: number }> {
  const actor = reporterActor(locale);
  const tip = await openTip(ctx, input);
  const limit = ctx.config.attachments.perReport;
  const image = await reencodeImage(input.file);
  return ctx.db.transaction().execute(async (trx) => {
    await q.lockReport(trx, tip.id);
    const existing = await q.attachmentsOf(trx, tip.id);
    const same = existing.find((a) => a.sha256 === image.sha256);
    if (same) return { attachment: toReporterAttachment(same), created: false, count: existing.length, limit };
    if (existing.length >= limit) throw new AppError('TOO_MANY_ATTACHMENTS', { limit });
    const row = await q.insertAttachment(trx, {
      report_id: tip.id,
      position: (existing.at(-1)?.position ?? 0) + 1,
      media_type: image.mediaType,
      width: image.width,
      height: image.height,
      sha256: image.sha256,
      content: image.bytes,
      received_hour: currentHour(),
    });
    await journal(trx, actor, {
      audit: [{ action: 'report.attachment', recordType: 'report', recordId: tip.id, orgId: null, diff: { attachmentId: row.id, mediaType: row.media_type, byteSize: row.byte_size } }],
      events: [{ type: 'report.attachment', recordType: 'report', recordId: tip.id }],
    });
    return { attachment: toReporterAttachment(row), created: true, count: existing.length + 1, limit };
  });
}

/** The images attached to a report, for those who may triage it; the listing is audited. */
export async function listReportAttachments(ctx: AppContext, actor: Actor, reportId: string) {
  await assertCanTriageReport(ctx.db, actor, reportId);
  const rows = await q.attachmentsOf(ctx.db, reportId);
  await appendAudit(ctx.db, actor, [{ action: 'report.attachments.list', recordType: 'report', recordId: reportId, diff: { count: rows.length } }]);
  return rows.map((row) => ({ ...toReporterAttachment(row), id: row.id, position: row.position, sha256: row.sha256 }));
}

/** One attachment's bytes, for those who may triage its report; every download is audited before it is sent. */
export async function readReportAttachment(ctx: AppContext, actor: Actor, reportId: string, attachmentId: string) {
  await assertCanTriageReport(ctx.db, actor, reportId);
  const row = await q.attachmentContent(ctx.db, reportId, attachmentId);
  if (!row) throw notFound(ATTACHMENT);
  await appendAudit(ctx.db, actor, [{ action: 'read', recordType: ATTACHMENT, recordId: row.id, diff: { reportId } }]);
  return { id: row.id, mediaType: row.media_type, bytes: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength) };
}
