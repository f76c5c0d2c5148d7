import { AddressRateLimiter } from '../../platform/anonymity/address-rate-limiter.ts';
import { anonymousRoute } from '../../platform/anonymity/anonymous-route.ts';
import { ProofHeader, proofErrors, proofOfWorkCheck } from '../../platform/anonymity/proof-of-work-route.ts';
import { ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { translate } from '../../platform/i18n/messages.ts';
import { z } from 'zod';
import { AccessTipBody, ReportCategory, SubmitTipBody, TipConversation, TipReceipt } from './schemas.ts';
import * as service from './service.ts';

const tags = ['tips'];
const HOUR_MS = 3_600_000;
const errors = { 400: ErrorBody, 401: ErrorBody, 429: ErrorBody };

export const tipRoutes: RouteModule = (app, ctx) => {
  // The client address is used here only to count requests under a key held in memory.
  const submissions = new AddressRateLimiter(ctx.config.tipLimits.submissionsPerHour, HOUR_MS);
  const accesses = new AddressRateLimiter(ctx.config.tipLimits.accessesPerHour, HOUR_MS);

  app.get(
    '/api/v1/tips/categories',
    { schema: { tags, summary: 'Tip categories, named in the language of Accept-Language', response: { 200: z.object({ items: z.array(ReportCategory) }) } } },
    async (request) => ({ items: await service.tipCategories(ctx, request.locale) }),
  );

  app.post(
    '/api/v1/tips',
    {
      ...anonymousRoute,
      preHandler: proofOfWorkCheck(ctx),
      schema: {
        tags,
        summary: 'Send a confidential tip anonymously; answers with a receipt and passphrase, shown once',
        body: SubmitTipBody,
        headers: ProofHeader,
        response: { 201: TipReceipt, ...errors, ...proofErrors },
      },
    },
    async (request, reply) => {
      submissions.hit('tip.submit', request.ip);
      const credentials = await service.submitTip(ctx, request.locale, request.body);
      return reply.code(201).send({ ...credentials, message: translate('tip.keep_receipt', request.locale) });
    },
  );

  app.post(
    '/api/v1/tips/access',
    {
      ...anonymousRoute,
      schema: { tags, summary: "Read a tip's (or police-conduct feedback's) status and replies with its receipt and passphrase; optionally add a message", body: AccessTipBody, response: { 200: TipConversation, ...errors } },
    },
    async (request) => {
      accesses.hit('tip.access', request.ip);
      return service.accessTip(ctx, request.locale, request.body);
    },
  );
};
