import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { CreateSharingGroupBody, SetGroupMembersBody, SharingGroup } from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['sharing-groups'];
const Params = z.object({ id: z.uuid() });

export const sharingGroupRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/sharing-groups',
    { schema: { tags, summary: 'Create a sharing group (task force)', body: CreateSharingGroupBody, response: { 201: SharingGroup, 409: ErrorBody, ...errors } } },
    async (request, reply) => reply.code(201).send(await service.createSharingGroup(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/sharing-groups',
    { schema: { tags, summary: "Sharing groups of the caller's organisations", response: { 200: z.object({ items: z.array(SharingGroup) }), ...errors } } },
    async (request) => ({ items: await service.listSharingGroups(ctx, request.actor) }),
  );
  app.get(
    '/api/v1/sharing-groups/:id',
    { schema: { tags, summary: 'A sharing group', params: Params, response: { 200: SharingGroup, ...errors } } },
    async (request) => service.getSharingGroup(ctx, request.actor, request.params.id),
  );
  app.put(
    '/api/v1/sharing-groups/:id/members',
    { schema: { tags, summary: 'Replace the member organisations', params: Params, body: SetGroupMembersBody, response: { 200: SharingGroup, ...errors } } },
    async (request) => service.setSharingGroupMembers(ctx, request.actor, request.params.id, request.body.memberOrgIds),
  );
};
