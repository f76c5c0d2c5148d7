import { z } from 'zod';
import { AccessTipBody } from '../tips/schemas.ts';
import { ReporterAttachment } from './reporter-attachments.ts';

/** The multipart form a resident sends: the tip's credentials and one image. */
export const UploadAttachmentForm = AccessTipBody.pick({ receipt: true, passphrase: true }).extend({
  file: z
    .custom<Buffer>((value) => Buffer.isBuffer(value), 'required')
    .meta({ type: 'string', format: 'binary', description: 'A JPEG, PNG or WebP image. Its type is read from its content; it is re-encoded without metadata.' }),
});
export type UploadAttachmentInput = z.infer<typeof UploadAttachmentForm>;

export const AttachmentReceipt = z
  .object({
    attachment: ReporterAttachment,
    /** False when the same image had already been received (a retried upload). */
    created: z.boolean(),
    count: z.number().int().describe("Images this report now has."),
    limit: z.number().int().describe('Most images a report may have.'),
  })
  .meta({ id: 'AttachmentReceipt' });

export const StaffAttachment = ReporterAttachment.extend({
  id: z.uuid(),
  position: z.number().int(),
  sha256: z.string().describe('SHA-256 of the stored (re-encoded) bytes.'),
}).meta({ id: 'ReportAttachment' });
