import { z } from 'zod';
import { CONTACT_REQUEST_STATUSES, INTEL_ENTITY_TYPES, TLP_LEVELS } from '../../platform/db/schema.ts';
import { CountryCode } from '../intel/attributes.ts';
import { IDENTIFIER_KINDS } from './identifier-kinds.ts';

export const LookupQuery = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  value: z.string().trim().min(1).max(200),
  country: CountryCode.optional().describe("Region of national phone numbers and country of plates; defaults to the caller's organisation's"),
});
export type LookupQuery = z.infer<typeof LookupQuery>;

const Organisation = z.object({ id: z.uuid(), name: z.string() });

export const Correlation = z
  .object({
    kind: z.enum(IDENTIFIER_KINDS),
    value: z.string().describe('Normalised: E.164 phones, CC:PLATE plates, electronic-form IBANs…'),
    display: z.string(),
    tooCommon: z.boolean().describe('Held by more entities than the configured threshold: neither matched nor hit'),
    matches: z
      .array(z.object({ entityId: z.uuid(), type: z.enum(INTEL_ENTITY_TYPES), label: z.string(), tlp: z.enum(TLP_LEVELS), ownerOrgId: z.uuid() }))
      .describe('Records holding the value that the caller may see'),
    hits: z
      .array(z.object({ hitId: z.uuid(), organisation: Organisation.nullable().describe('Named for AMBER records; null: "a partner organisation"') }))
      .describe('Organisations holding the value in records the caller may not see: existence only'),
  })
  .meta({ id: 'Correlation', description: 'Hit/no-hit answer for one identifier.' });
export type Correlation = z.infer<typeof Correlation>;

export const CreateContactRequestBody = z.object({
  hitId: z.uuid(),
  message: z.string().trim().min(1).max(2000).describe('Why the caller asks, for the owner to judge'),
});
export type CreateContactRequestInput = z.infer<typeof CreateContactRequestBody>;

export const AcceptContactRequestBody = z
  .discriminatedUnion('shareVia', [
    z.object({
      shareVia: z.literal('sharing_group'),
      sharingGroupId: z.uuid().describe('A group of the owner that includes the requesting organisation'),
      response: z.string().trim().max(2000).default(''),
    }),
    z.object({ shareVia: z.literal('copy'), response: z.string().trim().max(2000).default('') }),
  ])
  .meta({ id: 'AcceptContactRequest', description: 'sharing_group: the records are shared, as AMBER, with that group; copy: a TLP:RED copy is made for the requester alone.' });
export type AcceptContactRequestInput = z.infer<typeof AcceptContactRequestBody>;

export const DeclineContactRequestBody = z.object({ response: z.string().trim().max(2000).default('') });

export const ContactRequestFilter = z.object({
  box: z.enum(['inbox', 'outbox']).default('outbox').describe('inbox: requests to organisations the caller coordinates; outbox: the caller\'s own'),
  status: z.enum(CONTACT_REQUEST_STATUSES).optional(),
});

export const ContactRequest = z
  .object({
    id: z.uuid(),
    status: z.enum(CONTACT_REQUEST_STATUSES),
    kind: z.enum(IDENTIFIER_KINDS),
    display: z.string().describe('The identifier asked about'),
    message: z.string(),
    response: z.string(),
    organisation: Organisation.nullable().describe('The owner, when it is named to the requester'),
    requester: z.object({ userId: z.uuid(), name: z.string(), orgId: z.uuid().nullable(), orgName: z.string().nullable() }),
    entities: z
      .array(z.object({ id: z.uuid(), type: z.enum(INTEL_ENTITY_TYPES), label: z.string(), tlp: z.enum(TLP_LEVELS) }))
      .describe('The records concerned, for the owner (empty for the requester until shared)'),
    sharedVia: z.enum(['sharing_group', 'copy']).nullable(),
    sharingGroupId: z.uuid().nullable(),
    sharedEntityIds: z.array(z.uuid()).describe('What the requester may now read: the records, or their copies'),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ContactRequest' });
export type ContactRequest = z.infer<typeof ContactRequest>;
