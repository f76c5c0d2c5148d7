import { z } from 'zod';
import { AddressRateLimiter } from '../../platform/anonymity/address-rate-limiter.ts';
import { anonymousRoute } from '../../platform/anonymity/anonymous-route.ts';
import { ProofHeader, proofErrors, proofOfWorkCheck } from '../../platform/anonymity/proof-of-work-route.ts';
import { ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { TipReceipt } from '../tips/schemas.ts';
import { ConductCategory, ConductStatistics, PoliceUnit, StatisticsQuery, SubmitConductBody } from './schemas.ts';
import * as service from './service.ts';

const tags = ['conduct'];

export const conductRoutes: RouteModule = (app, ctx) => {
  // The client address is used here only to count requests under a key held in memory.
  const submissions = new AddressRateLimiter(10, 3_600_000);

  app.get(
    '/api/v1/conduct/categories',
    { schema: { tags, summary: 'Kinds of police-conduct feedback (complaints, then the commendation), in the language of Accept-Language', response: { 200: z.object({ items: z.array(ConductCategory) }) } } },
    async (request) => ({ items: await service.conductCategories(ctx, request.locale) }),
  );
  app.get(
    '/api/v1/conduct/units',
    { schema: { tags, summary: 'Police units feedback can be about (police agencies with a public jurisdiction)', response: { 200: z.object({ items: z.array(PoliceUnit) }) } } },
    async () => ({ items: await service.policeUnits(ctx) }),
  );
  app.post(
    '/api/v1/conduct',
    {
      ...anonymousRoute,
      preHandler: proofOfWorkCheck(ctx),
      schema: {
        tags,
        summary:
          'Send a complaint or commendation about a police unit, anonymously. It goes to an oversight body, never to the unit concerned; answers with a receipt and passphrase, shown once, for POST /api/v1/tips/access',
        body: SubmitConductBody,
        headers: ProofHeader,
        response: { 201: TipReceipt, 400: ErrorBody, 429: ErrorBody, ...proofErrors },
      },
    },
    async (request, reply) => {
      submissions.hit('conduct.submit', request.ip);
      const credentials = await service.submitConduct(ctx, request.locale, request.body);
      return reply.code(201).send({ ...credentials, message: translate('conduct.keep_receipt', request.locale) });
    },
  );
  app.get(
    '/api/v1/conduct/statistics',
    {
      schema: {
        tags,
        summary: 'Public counts of complaints and commendations per police unit and complete month (UTC); counts of 1 to 4 are shown as "<5"',
        querystring: StatisticsQuery,
        response: { 200: ConductStatistics, 400: ErrorBody },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return service.conductStatistics(ctx, request.query);
    },
  );
};
