import { z } from 'zod';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { REPORT_CHANNELS } from '../../platform/db/schema.ts';
import { CreateCategoryBody, ReportCategoryAdmin, UpdateCategoryBody } from './schemas.ts';
import * as service from './service.ts';

const tags = ['routing'];

export const reportCategoryRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/report-categories',
    {
      schema: {
        tags,
        summary: 'Every report category with its ICCS code and names, active or not (intake coordinators and platform administrators)',
        querystring: z.object({ channel: z.enum(REPORT_CHANNELS).optional() }),
        response: { 200: z.object({ items: z.array(ReportCategoryAdmin) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.listCategories(ctx, request.actor, request.query.channel) }),
  );
  app.post(
    '/api/v1/report-categories',
    { schema: { tags, summary: 'Add a report category (platform administrators)', body: CreateCategoryBody, response: { 201: ReportCategoryAdmin, 409: ErrorBody, ...commonErrors } } },
    async (request, reply) => reply.code(201).send(await service.createCategory(ctx, request.actor, request.body)),
  );
  app.patch(
    '/api/v1/report-categories/:code',
    {
      schema: {
        tags,
        summary: 'Rename a category, change its ICCS code, or take it off the public forms (platform administrators)',
        params: z.object({ code: z.string().max(40) }),
        body: UpdateCategoryBody,
        response: { 200: ReportCategoryAdmin, ...commonErrors },
      },
    },
    async (request) => service.updateCategory(ctx, request.actor, request.params.code, request.body),
  );
};
