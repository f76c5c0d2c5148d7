import { z } from 'zod';
import { commonErrors } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import * as entities from './entities.ts';
import * as links from './links.ts';
import * as reports from './reports.ts';
import {
  CreatedEntity, CreateEntityBody, CreateLinkBody, CreateReportBody, Entity, Link, ListEntitiesQuery, ListReportsQuery, Report, UpdateEntityBody,
} from './schemas.ts';

const errors = commonErrors;
const Params = z.object({ id: z.uuid() });
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const pageOf = <Q extends { limit: number; cursor?: string | undefined }>(query: Q) => {
  const { limit, cursor, ...filter } = query;
  return { filter, page: { limit, ...(cursor ? { cursor } : {}) } };
};

export const intelRoutes: RouteModule = (app, ctx) => {
  const tags = ['intelligence'];
  app.post(
    '/api/v1/intel/entities',
    { schema: { tags, summary: 'Record an entity (person, group, vehicle, phone, account, place, shipment, seizure, document)', body: CreateEntityBody, response: { 201: CreatedEntity, ...errors } } },
    async (request, reply) => reply.code(201).send(await entities.createEntity(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/intel/entities',
    { schema: { tags, summary: 'Entities the caller may see, newest first; q searches the label', querystring: ListEntitiesQuery, response: { 200: page(Entity), ...errors } } },
    async (request) => {
      const { filter, page: p } = pageOf(request.query);
      return entities.listEntities(ctx, request.actor, filter, p);
    },
  );
  app.get(
    '/api/v1/intel/entities/:id',
    { schema: { tags, summary: 'An entity (404 when missing or not visible alike)', params: Params, response: { 200: Entity, ...errors } } },
    async (request) => entities.getEntity(ctx, request.actor, request.params.id),
  );
  app.patch(
    '/api/v1/intel/entities/:id',
    { schema: { tags, summary: 'Edit an entity (author or organisation manager); its type cannot change', params: Params, body: UpdateEntityBody, response: { 200: Entity, ...errors } } },
    async (request) => entities.updateEntity(ctx, request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/v1/intel/entities/:id/links',
    {
      schema: {
        tags,
        summary: 'Links of an entity that the caller may see (the link and its other end visible)',
        params: Params,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.object({ items: z.array(Link) }), ...errors },
      },
    },
    async (request) => ({ items: await links.linksOfEntity(ctx, request.actor, request.params.id, request.query.limit) }),
  );
  app.post(
    '/api/v1/intel/links',
    { schema: { tags, summary: 'Link two entities the caller may see', body: CreateLinkBody, response: { 201: Link, ...errors } } },
    async (request, reply) => reply.code(201).send(await links.createLink(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/intel/links/:id',
    { schema: { tags, summary: 'A link (404 when it or either end is missing or not visible)', params: Params, response: { 200: Link, ...errors } } },
    async (request) => links.getLink(ctx, request.actor, request.params.id),
  );
  app.delete(
    '/api/v1/intel/links/:id',
    { schema: { tags, summary: 'Delete a link (author or organisation manager)', params: Params, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await links.deleteLink(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/intel/reports',
    { schema: { tags, summary: 'Record a graded intelligence report with its facts (grading and handling code are mandatory)', body: CreateReportBody, response: { 201: Report, ...errors } } },
    async (request, reply) => reply.code(201).send(await reports.createReport(ctx, request.actor, request.body)),
  );
  app.get(
    '/api/v1/intel/reports',
    { schema: { tags, summary: 'Reports the caller may see, newest first (facts only when reading one)', querystring: ListReportsQuery, response: { 200: page(Report), ...errors } } },
    async (request) => {
      const { filter, page: p } = pageOf(request.query);
      return reports.listReports(ctx, request.actor, filter, p);
    },
  );
  app.get(
    '/api/v1/intel/reports/:id',
    { schema: { tags, summary: 'A report with the entities and facts the caller may see', params: Params, response: { 200: Report, ...errors } } },
    async (request) => reports.getReport(ctx, request.actor, request.params.id),
  );
};
