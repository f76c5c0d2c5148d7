import { z } from 'zod';
import { TLP_LEVELS } from '../../platform/db/schema.ts';

/** A position in the feed as the SSE id carries it (Last-Event-ID, lastEventId). */
export const FeedPosition = z.string().regex(/^\d{1,15}$/, 'operations.position_format');

export const FeedEvent = z.object({
  position: z.number().int().describe('Commit order; the SSE event id'),
  kind: z.string().describe('What happened: incident.created, incidents.imported, report.forwarded, bulletin.issued, bulletin.acknowledged, intel.hit.found, intel.hit.received, intel.contact_request.received, intel.contact_request.decided, … (clients show kinds they do not know generically)'),
  recordType: z.string().describe('Read the record through its own API (audited)'),
  recordId: z.uuid(),
  ownerOrgId: z.uuid(),
  tlp: z.enum(TLP_LEVELS),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).describe('Identifiers, counts and states only; never content'),
  at: z.iso.datetime(),
});
export type FeedEvent = z.infer<typeof FeedEvent>;

export const FeedPage = z.object({
  items: z.array(FeedEvent),
  head: z.number().int().describe('The feed position this page was read at: open the stream with lastEventId=head to miss nothing'),
});
export type FeedPage = z.infer<typeof FeedPage>;

export const FeedQuery = z.object({
  before: FeedPosition.optional().describe('Only events before this position (the next page)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const StreamQuery = z.object({
  lastEventId: FeedPosition.optional().describe('For clients that cannot send the Last-Event-ID header; the header wins when both are present'),
});
