import { z } from 'zod';
import { requireUser } from '../../platform/access/policy.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { CreateUserBody, User } from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['users'];

export const userRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Create a user, optionally with memberships', body: CreateUserBody, response: { 201: User, 409: ErrorBody, ...errors } } },
    async (request, reply) => {
      requireUser(request.actor);
      return reply.code(201).send(await service.createUser(ctx, request.actor, request.body));
    },
  );

  app.get(
    '/api/v1/users/me',
    { schema: { tags, summary: 'The calling user', response: { 200: User, ...errors } } },
    async (request) => {
      requireUser(request.actor);
      return service.getUser(ctx, request.actor, request.actor.userId);
    },
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'A user', params: z.object({ id: z.uuid() }), response: { 200: User, ...errors } } },
    async (request) => {
      requireUser(request.actor);
      return service.getUser(ctx, request.actor, request.params.id);
    },
  );
};
