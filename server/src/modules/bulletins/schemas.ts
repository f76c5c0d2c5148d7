import { z } from 'zod';
import { BULLETIN_KINDS, TLP_LEVELS } from '../../platform/db/schema.ts';
import { PlaceGeometry } from '../../platform/http/geojson.ts';

const Instant = z.iso.datetime({ offset: true });

export const CreateBulletinBody = z.object({
  ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
  tlp: z.enum(TLP_LEVELS),
  kind: z.enum(BULLETIN_KINDS).describe('alert, modus_operandi (a new way of operating), route (a trafficking route), information'),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  area: PlaceGeometry.nullable().default(null).describe('Where it applies: a point, a route (line) or an area'),
  validFrom: Instant.optional().describe('Defaults to now'),
  validUntil: Instant.nullable().default(null).describe('After this the bulletin is expired; null: until further notice'),
  sharingGroupIds: z.array(z.uuid()).max(50).default([]).describe('AMBER only: the task forces it is for'),
  recipientUserIds: z.array(z.uuid()).max(200).default([]).describe('RED only: the people it is for'),
});
export type CreateBulletinInput = z.infer<typeof CreateBulletinBody>;

export const Bulletin = z.object({
  id: z.uuid(),
  ownerOrgId: z.uuid(),
  ownerOrgName: z.string(),
  createdBy: z.uuid(),
  authorName: z.string(),
  tlp: z.enum(TLP_LEVELS),
  kind: z.enum(BULLETIN_KINDS),
  title: z.string(),
  body: z.string(),
  area: PlaceGeometry.nullable(),
  validFrom: z.iso.datetime(),
  validUntil: z.iso.datetime().nullable(),
  status: z.enum(['scheduled', 'active', 'expired']),
  sharingGroupIds: z.array(z.uuid()),
  recipientUserIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable().describe("When the caller acknowledged it (null: not yet)"),
  canTrack: z.boolean().describe('The caller may see who acknowledged it (its author and the need-to-know staff of its organisation)'),
});
export type Bulletin = z.infer<typeof Bulletin>;

export const BulletinFilter = z.object({
  status: z.enum(['current', 'expired', 'all']).default('current').describe('current: active or scheduled'),
  kind: z.enum(BULLETIN_KINDS).optional(),
  acknowledged: z.enum(['yes', 'no']).optional().describe('Only those the caller has (not) acknowledged'),
});
export type BulletinFilter = z.infer<typeof BulletinFilter>;

export const ListBulletinsQuery = BulletinFilter.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const AcknowledgeBody = z.object({
  orgId: z.uuid().optional().describe('The organisation acknowledging; defaults to the first of the caller\'s organisations the bulletin is addressed to'),
});

const Acknowledgement = z.object({ userId: z.uuid(), displayName: z.string(), at: z.iso.datetime() });

export const AcknowledgementTracking = z.object({
  bulletinId: z.uuid(),
  addressedTo: z.enum(['organisations', 'people', 'everyone']).describe('organisations: the owner and its task forces (AMBER, AMBER+STRICT); people: named recipients (RED); everyone: GREEN and CLEAR'),
  organisations: z.array(
    z.object({ orgId: z.uuid(), name: z.string(), addressed: z.boolean(), acknowledged: z.boolean(), acknowledgements: z.array(Acknowledgement) }),
  ),
  pending: z.array(z.object({ userId: z.uuid(), displayName: z.string(), orgId: z.uuid().nullable() })).describe(
    'People who have not acknowledged: the named recipients (RED), else the need-to-know staff of the owner organisation',
  ),
  acknowledgedBy: z.number().int(),
});
export type AcknowledgementTracking = z.infer<typeof AcknowledgementTracking>;
