import { z } from 'zod';
import { commonErrors } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { AcknowledgeBody, AcknowledgementTracking, Bulletin, CreateBulletinBody, ListBulletinsQuery } from './schemas.ts';
import * as service from './service.ts';

const tags = ['bulletins'];
const Params = z.object({ id: z.uuid() });

export const bulletinRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/bulletins',
    { schema: { tags, summary: "Issue a bulletin (modus operandi, route, alert) for the caller's organisation, to its task forces or named people", body: CreateBulletinBody, response: { 201: Bulletin, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await service.createBulletin(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/bulletins',
    { schema: { tags, summary: 'Bulletins the caller may read, newest first, with whether the caller acknowledged each', querystring: ListBulletinsQuery, response: { 200: z.object({ items: z.array(Bulletin), nextCursor: z.string().nullable() }), ...commonErrors } } },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return service.listBulletins(ctx, request.actor, filter, { limit, ...(cursor ? { cursor } : {}) });
    },
  );
  app.get(
    '/api/v1/bulletins/:id',
    { schema: { tags, summary: 'A bulletin (404 when missing or not visible alike)', params: Params, response: { 200: Bulletin, ...commonErrors } } },
    async (request) => service.getBulletin(ctx, request.actor, request.params.id),
  );
  app.post(
    '/api/v1/bulletins/:id/acknowledgement',
    { schema: { tags, summary: 'Acknowledge a bulletin (once; again changes nothing)', params: Params, body: AcknowledgeBody, response: { 204: z.null(), ...commonErrors } } },
    async (request, reply) => {
      await service.acknowledgeBulletin(ctx, request.actor, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/bulletins/:id/acknowledgements',
    { schema: { tags, summary: 'Who acknowledged and who has not, per organisation and person (the author and the issuing organisation\'s need-to-know staff)', params: Params, response: { 200: AcknowledgementTracking, ...commonErrors } } },
    async (request) => service.acknowledgementTracking(ctx, request.actor, request.params.id),
  );
};
