import { z } from 'zod';
import { requireUser } from '../../platform/access/policy.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { CreatedToken, CreateTokenBody, TokenInfo } from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['tokens'];

export const tokenRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/tokens',
    { schema: { tags, summary: 'Create an API token for the calling user (shown once)', body: CreateTokenBody, response: { 201: CreatedToken, ...errors } } },
    async (request, reply) => {
      requireUser(request.actor);
      return reply.code(201).send(await service.createToken(ctx, request.actor, request.actor.userId, request.body));
    },
  );

  app.get(
    '/api/v1/tokens',
    { schema: { tags, summary: "The calling user's API tokens (never their secrets)", response: { 200: z.object({ items: z.array(TokenInfo) }), ...errors } } },
    async (request) => ({ items: await service.listTokens(ctx, request.actor) }),
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.revokeToken(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
