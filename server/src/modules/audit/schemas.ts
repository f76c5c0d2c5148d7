import { z } from 'zod';

export const AuditSearchQuery = z.object({
  actorUserId: z.uuid().optional(),
  actorOrgId: z.uuid().optional(),
  action: z.string().max(100).optional(),
  recordType: z.string().max(100).optional(),
  recordId: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  afterSeq: z.coerce.number().int().min(0).optional().describe('Keyset paging: entries with a smaller sequence number than this.'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditSearch = z.infer<typeof AuditSearchQuery>;

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    actorUserId: z.uuid().nullable(),
    actorOrgId: z.uuid().nullable(),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string().nullable(),
    requestId: z.string().nullable(),
    diff: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

export const VerifyResult = z
  .object({
    ok: z.boolean(),
    links: z.number().int(),
    pending: z.number().int(),
    headHash: z.string(),
    problems: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  })
  .meta({ id: 'AuditVerifyResult' });
