import { z } from 'zod';
import { anonymousRoute } from '../../platform/anonymity/anonymous-route.ts';
import { ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { submissionLimiter } from './rate-limit.ts';
import { ListUnsafePlacesQuery, SubmitUnsafePlaceBody, UnsafePlace, UnsafePlaceCategory, UnsafePlaceReceipt, UnsafePlaceSummary } from './schemas.ts';
import * as service from './service.ts';

const tags = ['unsafe places'];
const RECENT_DAYS = 90;

/**
 * The web app's view of unsafe-place reports (Open311 serves the same under /open311/v2/).
 * Every route is anonymous-grade: no request log line, nothing cached, no cookie, so that
 * reading one's own report right after sending it cannot be tied to the sender.
 */
export const unsafePlaceRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/unsafe-places/categories',
    { ...anonymousRoute, schema: { tags, summary: 'Unsafe-place categories, named in the language of Accept-Language', response: { 200: z.object({ items: z.array(UnsafePlaceCategory) }) } } },
    async (request) => ({ items: await service.unsafePlaceCategories(ctx, request.locale) }),
  );

  app.post(
    '/api/v1/unsafe-places',
    {
      ...anonymousRoute,
      schema: { tags, summary: 'Report an unsafe place anonymously; answers with its public number', body: SubmitUnsafePlaceBody, response: { 201: UnsafePlaceReceipt, 400: ErrorBody, 429: ErrorBody } },
    },
    async (request, reply) => {
      submissionLimiter(ctx).hit('unsafe_place.submit', request.ip);
      const { number } = await service.submitUnsafePlace(ctx, request.locale, request.body);
      return reply.code(201).send({ number, message: translate('place.received', request.locale, { number }) });
    },
  );

  app.get(
    '/api/v1/unsafe-places',
    {
      ...anonymousRoute,
      schema: {
        tags,
        summary: `Unsafe-place reports of the last ${RECENT_DAYS} days, newest first, with rounded locations; public`,
        querystring: ListUnsafePlacesQuery,
        response: { 200: z.object({ items: z.array(UnsafePlace) }), 400: ErrorBody },
      },
    },
    async (request) => {
      const { category, status, limit } = request.query;
      const items = await service.findUnsafePlaces(ctx, request.actor, {
        from: new Date(Date.now() - RECENT_DAYS * 86_400_000),
        limit,
        ...(category ? { categories: [category] } : {}),
        ...(status ? { states: [status] } : {}),
      });
      return { items };
    },
  );

  app.get(
    '/api/v1/unsafe-places/summary',
    { ...anonymousRoute, schema: { tags, summary: 'Open and closed reports per category since the start; counts under 5 are withheld', response: { 200: UnsafePlaceSummary } } },
    async (request) => service.unsafePlaceSummary(ctx, request.actor),
  );

  app.get(
    '/api/v1/unsafe-places/:number',
    {
      ...anonymousRoute,
      schema: { tags, summary: 'One unsafe-place report by its public number; public', params: z.object({ number: z.string().max(20) }), response: { 200: UnsafePlace, 404: ErrorBody } },
    },
    async (request) => service.findUnsafePlace(ctx, request.actor, request.params.number),
  );
};
