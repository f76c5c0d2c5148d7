import { z } from 'zod';
import { INCIDENT_SOURCES, TLP_LEVELS } from '../../platform/db/schema.ts';

/** An ICCS code at any level: a section (2 digits), division (4), group (5) or class (6). */
export const ICCS_CODE_PATTERN = /^(0[1-9]|1[01])([0-9]{2}([0-9]{1,2})?)?$/;
export const IccsCode = z.string().regex(ICCS_CODE_PATTERN, 'iccs.invalid_code');

const Longitude = z.number().min(-180, 'geojson.longitude').max(180, 'geojson.longitude');
const Latitude = z.number().min(-90, 'geojson.latitude').max(90, 'geojson.latitude');
const Instant = z.iso.datetime({ offset: true });

export const CreateIncidentBody = z.object({
  ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
  tlp: z.enum(TLP_LEVELS),
  iccsCode: IccsCode.nullable().default(null).describe('Full ICCS code; null when not classified.'),
  sourceCategory: z.string().trim().min(1).max(200).nullable().default(null).describe("The source's own category label."),
  occurredFrom: Instant,
  occurredTo: Instant.nullable().default(null).describe('End of the occurrence window; not before occurredFrom.'),
  reportedAt: Instant.nullable().default(null),
  location: z.object({ lon: Longitude, lat: Latitude }).nullable().default(null).describe('WGS 84'),
  locationPrecisionM: z.number().min(0).max(100_000).nullable().default(null),
  addressText: z.string().trim().max(500).nullable().default(null),
  source: z.enum(INCIDENT_SOURCES).default('police_record'),
  externalId: z.string().trim().min(1).max(200).nullable().default(null),
  sharingGroupIds: z.array(z.uuid()).max(50).default([]),
  recipientUserIds: z.array(z.uuid()).max(200).default([]),
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentBody>;

export const IncidentFilter = z.object({
  iccs: IccsCode.optional().describe('ICCS prefix: 05 matches every act against property only, 0501 burglary and below.'),
  from: Instant.optional().describe('Occurrence window overlapping [from, to).'),
  to: Instant.optional(),
  bbox: z
    .string()
    .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'incidents.bbox_format')
    .optional()
    .describe('minLon,minLat,maxLon,maxLat (WGS 84)'),
});
export type IncidentFilter = z.infer<typeof IncidentFilter>;

export const ListIncidentsQuery = IncidentFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});

export const Incident = z
  .object({
    id: z.uuid(),
    ownerOrgId: z.uuid(),
    createdBy: z.uuid(),
    tlp: z.enum(TLP_LEVELS),
    iccsCode: z.string().nullable(),
    sourceCategory: z.string().nullable(),
    occurredFrom: z.iso.datetime(),
    occurredTo: z.iso.datetime().nullable(),
    reportedAt: z.iso.datetime().nullable(),
    location: z.object({ lon: z.number(), lat: z.number() }).nullable(),
    locationPrecisionM: z.number().nullable(),
    addressText: z.string().nullable(),
    adminAreaOrgId: z.uuid().nullable().describe('The smallest organisation jurisdiction covering the location.'),
    source: z.enum(INCIDENT_SOURCES),
    externalId: z.string().nullable(),
    sharingGroupIds: z.array(z.uuid()),
    recipientUserIds: z.array(z.uuid()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Incident', description: 'A crime or call for service, classified by ICCS and distributed by its TLP 2.0 marking.' });
export type Incident = z.infer<typeof Incident>;

export const IccsCategory = z
  .object({
    code: z.string(),
    level: z.number().int(),
    parent: z.string().nullable(),
    name: z.string().describe("In the caller's language; English where no official wording was found."),
    verified: z.boolean().describe('False until checked against the UNODC ICCS text.'),
  })
  .meta({ id: 'IccsCategory' });
export type IccsCategory = z.infer<typeof IccsCategory>;
