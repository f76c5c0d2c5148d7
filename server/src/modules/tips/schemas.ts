import { z } from 'zod';
import { REPORT_STATUSES } from '../../platform/db/schema.ts';
import { ReporterAttachment } from '../attachments/reporter-attachments.ts';

const Body = z.string().trim().min(1).max(20_000);

export const SubmitTipBody = z.object({
  category: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown_category'),
  body: Body.describe('What happened, where and when. Avoid anything that identifies you.'),
  location: z
    .object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
    .optional()
    .describe('An optional map pin (WGS 84). Never taken automatically from the device.'),
  locationText: z.string().trim().max(500).optional(),
  passphrase: z
    .string()
    .min(12)
    .max(200)
    .optional()
    .describe('Choose your own passphrase (at least 12 characters, not all alike), or leave it out to get one.'),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22,128}$/)
    .optional()
    .describe('A random value (at least 128 bits, base64url) the app keeps until it has the answer: sending the same tip again with it creates nothing new and returns the same receipt.'),
});
export type SubmitTipInput = z.infer<typeof SubmitTipBody>;

export const ReportCategory = z.object({ code: z.string(), name: z.string() }).meta({ id: 'ReportCategory' });

export const TipReceipt = z
  .object({
    receipt: z.string().regex(/^[0-9]{16}$/),
    passphrase: z.string(),
    message: z.string().describe('Shown with the receipt: keep both; they are the only way back to this tip.'),
  })
  .meta({ id: 'TipReceipt' });

export const AccessTipBody = z.object({
  receipt: z.string().trim().min(16).max(40),
  passphrase: z.string().min(1).max(200),
  message: Body.optional().describe('Add information or answer a question.'),
});
export type AccessTipInput = z.infer<typeof AccessTipBody>;

export const TipConversation = z
  .object({
    channel: z.enum(['tip', 'conduct']).describe('A confidential tip, or police-conduct feedback (answered by the oversight body)'),
    status: z.enum(REPORT_STATUSES),
    category: z.string(),
    receivedHour: z.iso.datetime(),
    messages: z.array(z.object({ from: z.enum(['reporter', 'staff']), body: z.string(), hour: z.iso.datetime() })),
    attachments: z.array(ReporterAttachment).describe('Images the resident attached, in the order received.'),
  })
  .meta({ id: 'TipConversation' });
export type TipConversation = z.infer<typeof TipConversation>;
