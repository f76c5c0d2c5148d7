import { z } from 'zod';
import { ORG_TYPES } from '../../platform/db/schema.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import {
  CreateOrganizationBody,
  Member,
  MemberParams,
  Organization,
  OrganizationSummary,
  OrgIdParams,
  SetRolesBody,
  UpdateOrganizationBody,
} from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['organizations'];

export const organizationRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/organizations',
    { schema: { tags, summary: 'Create an organisation (platform admins)', body: CreateOrganizationBody, response: { 201: Organization, 409: ErrorBody, ...errors } } },
    async (request, reply) => reply.code(201).send(await service.createOrganization(ctx, request.actor, request.body)),
  );

  app.get(
    '/api/v1/organizations',
    {
      schema: {
        tags,
        summary: 'Directory of organisations on the platform',
        querystring: z.object({ type: z.enum(ORG_TYPES).optional(), country: z.string().regex(/^[A-Z]{2}$/, 'country_code').optional() }),
        response: { 200: z.object({ items: z.array(OrganizationSummary) }), ...errors },
      },
    },
    async (request) => ({ items: await service.listOrganizations(ctx, request.actor, request.query) }),
  );

  app.get(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: 'An organisation with its jurisdiction (GeoJSON)', params: OrgIdParams, response: { 200: Organization, ...errors } } },
    async (request) => service.getOrganization(ctx, request.actor, request.params.id),
  );

  app.patch(
    '/api/v1/organizations/:id',
    { schema: { tags, summary: 'Update an organisation', params: OrgIdParams, body: UpdateOrganizationBody, response: { 200: Organization, 409: ErrorBody, ...errors } } },
    async (request) => service.updateOrganization(ctx, request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/v1/organizations/:id/members',
    { schema: { tags, summary: 'Members and their roles', params: OrgIdParams, response: { 200: z.object({ items: z.array(Member) }), ...errors } } },
    async (request) => ({ items: await service.listMembers(ctx, request.actor, request.params.id) }),
  );

  app.put(
    '/api/v1/organizations/:id/members/:userId',
    {
      schema: { tags, summary: "Set a user's roles in the organisation", params: MemberParams, body: SetRolesBody, response: { 200: SetRolesBody, ...errors } },
    },
    async (request) => ({ roles: await service.setMemberRoles(ctx, request.actor, request.params.id, request.params.userId, request.body.roles) }),
  );

  app.delete(
    '/api/v1/organizations/:id/members/:userId',
    { schema: { tags, summary: 'Remove a user from the organisation', params: MemberParams, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.removeMember(ctx, request.actor, request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );
};
