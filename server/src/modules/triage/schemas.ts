import { z } from 'zod';
import { CLOSURE_REASONS, CONSENT_TIERS, REPORT_CHANNELS, REPORT_STATUSES } from '../../platform/db/schema.ts';
import { RoutingDecision } from '../routing/schemas.ts';

const Hour = z.iso.datetime();
const Point = z.object({ lon: z.number(), lat: z.number() });
const Text = z.string().trim().min(1).max(20_000);

export const QueueQuery = z.object({
  status: z.enum([...REPORT_STATUSES, 'open']).default('open').describe('open: every state but closed'),
  channel: z.enum(REPORT_CHANNELS).optional(),
  category: z.string().max(40).optional(),
  unassigned: z.stringbool().optional().describe("Only the coordinators' queue: reports no routing rule matched"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const QueueItem = z
  .object({
    id: z.uuid(),
    channel: z.enum(REPORT_CHANNELS),
    category: z.string(),
    status: z.enum(REPORT_STATUSES),
    receivedHour: Hour,
    responsibleOrgId: z.uuid().nullable(),
    responsibleOrgName: z.string().nullable(),
    excerpt: z.string(),
    hasLocation: z.boolean(),
    unansweredMessages: z.number().int().describe("Reporter's messages since the last staff reply"),
  })
  .meta({ id: 'QueueItem' });
export type QueueItem = z.infer<typeof QueueItem>;

export const Forward = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    orgName: z.string(),
    role: z.enum(['responsible', 'informed']),
    tlp: z.enum(['AMBER', 'AMBER+STRICT', 'RED']),
    includeLocation: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ReportForwardSummary' });

export const StaffReport = z
  .object({
    id: z.uuid(),
    channel: z.enum(REPORT_CHANNELS),
    category: z.string(),
    body: z.string(),
    location: Point.nullable(),
    locationText: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    closureReason: z.enum(CLOSURE_REASONS).nullable(),
    duplicateOf: z.uuid().nullable(),
    receivedHour: Hour,
    responsibleOrgId: z.uuid().nullable(),
    responsibleOrgName: z.string().nullable(),
    canMessageReporter: z.boolean().describe('Tips and conduct feedback have a receipt; unsafe-place reports do not'),
    consentTier: z.enum(CONSENT_TIERS).nullable().describe('Conduct feedback: what the resident allowed (docs/conduct-feedback.md)'),
    occurredText: z.string().nullable().describe('Conduct feedback: when and where, in the resident\'s words'),
    triagedAt: z.iso.datetime().nullable(),
    firstReplyAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    messages: z.array(z.object({ from: z.enum(['reporter', 'staff']), body: z.string(), hour: Hour, staffName: z.string().nullable() })),
    forwards: z.array(Forward),
    routing: RoutingDecision.describe('What the routing rules suggest now'),
    duplicates: z.array(
      z.object({ id: z.uuid(), category: z.string(), status: z.enum(REPORT_STATUSES), receivedHour: Hour, distanceM: z.number().nullable(), similarity: z.number(), excerpt: z.string() }),
    ),
  })
  .meta({ id: 'StaffReport' });
export type StaffReport = z.infer<typeof StaffReport>;

export const ChangeStatusBody = z
  .object({
    status: z.enum(['triaged', 'in_action', 'closed']),
    closureReason: z.enum(CLOSURE_REASONS).optional(),
    duplicateOf: z.uuid().optional(),
  })
  .refine((b) => b.status !== 'closed' || b.closureReason, { path: ['closureReason'], message: 'triage.closure_reason_required' })
  .refine((b) => (b.closureReason === 'duplicate') === Boolean(b.duplicateOf), { path: ['duplicateOf'], message: 'triage.duplicate_of_required' })
  .refine((b) => b.status === 'closed' || !b.closureReason, { path: ['closureReason'], message: 'triage.closure_reason_only_when_closed' });
export type ChangeStatusInput = z.infer<typeof ChangeStatusBody>;

export const ForwardBody = z.object({
  recipients: z
    .array(z.object({ orgId: z.uuid(), role: z.enum(['responsible', 'informed']) }))
    .min(1)
    .max(20)
    .refine((r) => r.filter((x) => x.role === 'responsible').length <= 1, 'triage.one_responsible')
    .refine((r) => new Set(r.map((x) => x.orgId)).size === r.length, 'triage.recipient_twice'),
  tlp: z.enum(['AMBER', 'AMBER+STRICT']).default('AMBER').describe('TLP 2.0 marking of the forwarded copies (default AMBER)'),
  body: Text.optional().describe('The text as redacted by the coordinator; the original when left out'),
  includeLocation: z.boolean().default(true).describe('Withhold the map pin and place description when they could identify the reporter'),
});
export type ForwardInput = z.infer<typeof ForwardBody>;

export const StaffMessageBody = z.object({ body: Text.describe('A question or reply; the reporter reads it with the receipt') });

export const ForwardsQuery = z.object({
  status: z.enum([...REPORT_STATUSES, 'open']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const ForwardedReport = z
  .object({
    id: z.uuid(),
    reportId: z.uuid(),
    orgId: z.uuid(),
    orgName: z.string(),
    role: z.enum(['responsible', 'informed']),
    tlp: z.enum(['AMBER', 'AMBER+STRICT', 'RED']),
    channel: z.enum(REPORT_CHANNELS),
    category: z.string(),
    body: z.string(),
    location: Point.nullable(),
    locationText: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    closureReason: z.enum(CLOSURE_REASONS).nullable(),
    receivedHour: Hour,
    canUpdateStatus: z.boolean(),
    forwardedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ForwardedReport' });
export type ForwardedReport = z.infer<typeof ForwardedReport>;

export const ResponseTimes = z
  .object({
    channel: z.enum(REPORT_CHANNELS),
    windowDays: z.number().int(),
    minimumCount: z.number().int().describe('Groups with fewer reports are not shown'),
    items: z.array(
      z.object({
        orgName: z.string().nullable().describe("NULL: the coordinators' queue"),
        category: z.string(),
        reports: z.number().int(),
        medianHoursToTriage: z.number().nullable(),
        medianHoursToFirstReply: z.number().nullable(),
        medianHoursToClosure: z.number().nullable(),
      }),
    ),
    suppressedGroups: z.number().int(),
  })
  .meta({ id: 'ResponseTimes' });
export type ResponseTimes = z.infer<typeof ResponseTimes>;
