import { z } from 'zod';
import { commonErrors } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { CreateIncidentBody, IccsCategory, Incident, ListIncidentsQuery } from './schemas.ts';
import * as service from './service.ts';

const errors = commonErrors;
const tags = ['incidents'];
const Params = z.object({ id: z.uuid() });

export const incidentRoutes: RouteModule = (app, ctx) => {
  app.post(
    '/api/v1/incidents',
    { schema: { tags, summary: 'Record an incident with a TLP marking and its distribution', body: CreateIncidentBody, response: { 201: Incident, ...errors } } },
    async (request, reply) => reply.code(201).send(await service.createIncident(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/incidents',
    {
      schema: {
        tags,
        summary: 'Incidents the caller may see, latest occurrence first; filters by ICCS prefix, time window and bounding box',
        querystring: ListIncidentsQuery,
        response: { 200: z.object({ items: z.array(Incident), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return service.listIncidents(ctx, request.actor, filter, { limit, ...(cursor ? { cursor } : {}) });
    },
  );
  app.get(
    '/api/v1/incidents/:id',
    { schema: { tags, summary: 'An incident (404 when missing or not visible alike)', params: Params, response: { 200: Incident, ...errors } } },
    async (request) => service.getIncident(ctx, request.actor, request.params.id),
  );
  app.get(
    '/api/v1/iccs',
    {
      schema: {
        tags,
        summary: 'ICCS sections and divisions, named in the caller\'s language, with their verification status',
        response: { 200: z.object({ items: z.array(IccsCategory) }), ...errors },
      },
    },
    async (request) => ({ items: await service.iccsCategories(ctx, request.locale) }),
  );
};
