import { z } from 'zod';
import {
  HANDLING_CODES, INFORMATION_CREDIBILITY, INTEL_ENTITY_TYPES, INTEL_LINK_TYPES, SOURCE_KNOWLEDGE, SOURCE_RELIABILITY, TLP_LEVELS,
  type IntelEntityType,
} from '../../platform/db/schema.ts';
import { IDENTIFIER_KINDS } from '../correlation/identifier-kinds.ts';
import { Correlation } from '../correlation/schemas.ts';
import { CountryCode, ENTITY_ATTRIBUTES } from './attributes.ts';

const Instant = z.iso.datetime({ offset: true });
const Distribution = {
  sharingGroupIds: z.array(z.uuid()).max(50).default([]),
  recipientUserIds: z.array(z.uuid()).max(200).default([]),
};
const DistributionPatch = {
  sharingGroupIds: z.array(z.uuid()).max(50).optional(),
  recipientUserIds: z.array(z.uuid()).max(200).optional(),
};

/** The parts every intelligence record shares: owner, marking, distribution, times. */
const RecordFields = {
  id: z.uuid(),
  ownerOrgId: z.uuid(),
  createdBy: z.uuid(),
  tlp: z.enum(TLP_LEVELS),
  sharingGroupIds: z.array(z.uuid()),
  recipientUserIds: z.array(z.uuid()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const IdentifierInput = z
  .strictObject({
    kind: z.enum(IDENTIFIER_KINDS),
    value: z.string().trim().min(1).max(200),
    country: CountryCode.optional().describe("For phones and plates; defaults to the owner organisation's country"),
  })
  .meta({ id: 'IdentifierInput' });
export type IdentifierInput = z.infer<typeof IdentifierInput>;

// ---- entities

const EntityCommon = {
  ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
  tlp: z.enum(TLP_LEVELS),
  identifiers: z.array(IdentifierInput).max(100).default([]).describe('Further identifiers (a person\'s phones, e-mail addresses, documents…)'),
  firstSeen: Instant.nullable().default(null),
  lastSeen: Instant.nullable().default(null),
  ...Distribution,
};

const entityVariant = <T extends IntelEntityType>(type: T) =>
  z.object({ type: z.literal(type), attributes: ENTITY_ATTRIBUTES[type], ...EntityCommon });

export const CreateEntityBody = z
  .discriminatedUnion('type', [
    entityVariant('person'), entityVariant('criminal_group'), entityVariant('vehicle'), entityVariant('phone'),
    entityVariant('financial_account'), entityVariant('place'), entityVariant('shipment'), entityVariant('seizure'),
    entityVariant('document'),
  ])
  .meta({ id: 'CreateEntity' });
export type CreateEntityInput = z.infer<typeof CreateEntityBody>;

const EntityPatchCommon = {
  tlp: z.enum(TLP_LEVELS).optional(),
  identifiers: z.array(IdentifierInput).max(100).optional(),
  firstSeen: Instant.nullable().optional(),
  lastSeen: Instant.nullable().optional(),
  ...DistributionPatch,
};
const patchVariant = <T extends IntelEntityType>(type: T) =>
  z.object({ type: z.literal(type).describe('The entity\'s type; it cannot change'), attributes: ENTITY_ATTRIBUTES[type].optional(), ...EntityPatchCommon });

export const UpdateEntityBody = z
  .discriminatedUnion('type', [
    patchVariant('person'), patchVariant('criminal_group'), patchVariant('vehicle'), patchVariant('phone'),
    patchVariant('financial_account'), patchVariant('place'), patchVariant('shipment'), patchVariant('seizure'),
    patchVariant('document'),
  ])
  .meta({ id: 'UpdateEntity' });
export type UpdateEntityInput = z.infer<typeof UpdateEntityBody>;

export const EntityFilter = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Part of the label (name, plate, number…)'),
  type: z.enum(INTEL_ENTITY_TYPES).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  ownerOrgId: z.uuid().optional(),
});
export type EntityFilter = z.infer<typeof EntityFilter>;

export const ListEntitiesQuery = EntityFilter.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const Entity = z
  .object({
    ...RecordFields,
    type: z.enum(INTEL_ENTITY_TYPES),
    label: z.string(),
    attributes: z.record(z.string(), z.unknown()).describe('Type-specific; see CreateEntity'),
    identifiers: z.array(z.object({ kind: z.enum(IDENTIFIER_KINDS), value: z.string(), country: z.string().optional() })),
    firstSeen: z.iso.datetime().nullable(),
    lastSeen: z.iso.datetime().nullable(),
    copyOf: z.uuid().nullable().describe('The entity this is a shared copy of, when the reader may see it'),
  })
  .meta({ id: 'Entity', description: 'A person, group, vehicle, phone, account, place, shipment, seizure or document, distributed by its TLP 2.0 marking.' });
export type Entity = z.infer<typeof Entity>;

export const CreatedEntity = Entity.extend({
  correlations: z.array(Correlation).describe('For each identifier of the new entity: visible matches and hits in partners\' records'),
}).meta({ id: 'CreatedEntity' });
export type CreatedEntity = z.infer<typeof CreatedEntity>;

// ---- links

const LinkFields = {
  type: z.enum(INTEL_LINK_TYPES),
  sourceId: z.uuid(),
  targetId: z.uuid(),
  validFrom: Instant.nullable().default(null),
  validTo: Instant.nullable().default(null),
  description: z.string().trim().max(2000).default(''),
};

export const CreateLinkBody = z
  .object({
    ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
    tlp: z.enum(TLP_LEVELS),
    ...LinkFields,
    reportId: z.uuid().nullable().default(null).describe('The report that states it (provenance)'),
    ...Distribution,
  })
  .meta({ id: 'CreateLink' });
export type CreateLinkInput = z.infer<typeof CreateLinkBody>;

export const Link = z
  .object({
    ...RecordFields,
    type: z.enum(INTEL_LINK_TYPES),
    sourceId: z.uuid(),
    targetId: z.uuid(),
    validFrom: z.iso.datetime().nullable(),
    validTo: z.iso.datetime().nullable(),
    reportId: z.uuid().nullable().describe('Provenance, when the reader may see that report'),
    description: z.string(),
  })
  .meta({ id: 'Link', description: 'A typed, directed relationship between two entities; visible only with both its ends.' });
export type Link = z.infer<typeof Link>;

// ---- reports

const gradingError = { error: 'intel.grading_required' };
export const ReportFact = z.object({ ...LinkFields }).meta({ id: 'ReportFact', description: 'A link the report states; it takes the report\'s marking and distribution.' });

export const CreateReportBody = z
  .object({
    ownerOrgId: z.uuid().optional().describe("Defaults to the caller's first organisation."),
    tlp: z.enum(TLP_LEVELS),
    title: z.string().trim().min(1).max(300),
    body: z.string().max(100_000).default(''),
    sourceReliability: z.enum(SOURCE_RELIABILITY, gradingError).describe('Admiralty: A completely reliable … E unreliable, F cannot be judged'),
    informationCredibility: z.literal([...INFORMATION_CREDIBILITY], gradingError).describe('Admiralty: 1 confirmed … 5 improbable, 6 cannot be judged'),
    sourceKnowledge: z.enum(SOURCE_KNOWLEDGE).default('unknown').describe('Whether the source knew it directly (for the 3x5x2 assessment A)'),
    handlingCode: z.enum(HANDLING_CODES, { error: 'intel.handling_required' }).describe('P: sharing permitted; C: permitted with conditions'),
    handlingConditions: z.string().trim().min(1).max(2000).nullable().default(null).describe('Required with handling code C'),
    obtainedAt: Instant.nullable().default(null),
    entityIds: z.array(z.uuid()).max(200).default([]).describe('Entities the report is about'),
    facts: z.array(ReportFact).max(200).default([]),
    ...Distribution,
  })
  .meta({ id: 'CreateReport' });
export type CreateReportInput = z.infer<typeof CreateReportBody>;

export const ReportFilter = z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Searches title and text'),
  entityId: z.uuid().optional().describe('Reports about this entity'),
  ownerOrgId: z.uuid().optional(),
});
export type ReportFilter = z.infer<typeof ReportFilter>;
export const ListReportsQuery = ReportFilter.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const Report = z
  .object({
    ...RecordFields,
    title: z.string(),
    body: z.string(),
    sourceReliability: z.enum(SOURCE_RELIABILITY),
    informationCredibility: z.number().int(),
    sourceKnowledge: z.enum(SOURCE_KNOWLEDGE),
    handlingCode: z.enum(HANDLING_CODES),
    handlingConditions: z.string().nullable(),
    grading: z.object({
      admiralty: z.string().describe('e.g. B2'),
      uk3x5x2: z.string().describe('source evaluation / intelligence assessment / handling code, e.g. 1/C/P'),
    }),
    obtainedAt: z.iso.datetime().nullable(),
    entityIds: z.array(z.uuid()).describe('Entities it is about that the reader may see'),
    facts: z.array(Link).describe('Links it states that the reader may see'),
  })
  .meta({ id: 'IntelReport', description: 'An intelligence report, graded on the Admiralty scale, with a handling code.' });
export type Report = z.infer<typeof Report>;
