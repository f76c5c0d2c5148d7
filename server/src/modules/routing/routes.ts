import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { REPORT_CHANNELS } from '../../platform/db/schema.ts';
import { CreateRoutingRuleBody, RoutingRule } from './schemas.ts';
import * as service from './service.ts';

const tags = ['routing'];
const Params = z.object({ id: z.uuid() });

export const routingRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/routing-rules',
    {
      schema: {
        tags,
        summary: 'Routing rules of reports (intake coordinators and platform administrators)',
        querystring: z.object({ channel: z.enum(REPORT_CHANNELS).optional() }),
        response: { 200: z.object({ items: z.array(RoutingRule) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.listRoutingRules(ctx, request.actor, request.query.channel) }),
  );
  app.post(
    '/api/v1/routing-rules',
    { schema: { tags, summary: 'Add a routing rule', body: CreateRoutingRuleBody, response: { 201: RoutingRule, 409: ErrorBody, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await service.createRoutingRule(ctx, request.actor, request.body)),
  );
  app.delete(
    '/api/v1/routing-rules/:id',
    { schema: { tags, summary: 'Remove a routing rule', params: Params, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      await service.deleteRoutingRule(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
