import { z } from 'zod';
import { ORG_TYPES, ROLES } from '../../platform/db/schema.ts';
import { MultiPolygonGeometry, PolygonalGeometry } from '../../platform/http/geojson.ts';

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'country_code');

export const CreateOrganizationBody = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(ORG_TYPES),
  country: CountryCode,
  jurisdiction: PolygonalGeometry.nullish(),
  triageHub: z.boolean().default(false).describe("Its coordinators run the intake line: they triage every resident's report except conduct feedback, and the unrouted queue"),
});
export type CreateOrganizationInput = z.input<typeof CreateOrganizationBody>;

export const UpdateOrganizationBody = CreateOrganizationBody.extend({ triageHub: z.boolean() }).partial();
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationBody>;

export const OrganizationSummary = z
  .object({ id: z.uuid(), name: z.string(), type: z.enum(ORG_TYPES), country: z.string(), hasJurisdiction: z.boolean(), triageHub: z.boolean() })
  .meta({ id: 'OrganizationSummary' });

export const Organization = OrganizationSummary.extend({
  jurisdiction: MultiPolygonGeometry.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const OrgIdParams = z.object({ id: z.uuid() });
export const MemberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const SetRolesBody = z.object({ roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length) });

export const Member = z
  .object({ userId: z.uuid(), email: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)) })
  .meta({ id: 'Member' });
