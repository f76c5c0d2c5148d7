import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { anonymousActor, type Actor } from '../auth/actor.ts';
import { authenticate, CSRF_HEADER, type Authentication } from '../auth/authenticate.ts';
import { pendingMigrations } from '../db/migrate.ts';
import { AppError } from '../errors/app-error.ts';
import { closeAllEventStreams } from './event-stream.ts';
import { negotiateLocale, type Locale } from '../i18n/locale.ts';
import type { AppContext, RouteModule, ZodApp } from './context.ts';
import { sendError, toAppError } from './error-reply.ts';
import { registerWebApp } from './static-web.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    session: Authentication['session'];
    credential: Authentication['credential'];
  }
  interface FastifyContextConfig {
    /** false for the few cookie-authenticated writes that cannot carry a CSRF token (login). */
    csrf?: boolean;
  }
}

export const API_VERSION = '1.0.0';

export async function buildApp(ctx: AppContext, modules: RouteModule[]): Promise<ZodApp> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustedProxies.length > 0 ? ctx.config.trustedProxies : false,
    frameworkErrors: (err, request, reply) => {
      const locale = negotiateLocale(request.headers['accept-language'], ctx.config.defaultLocale);
      return sendError(reply, request, new AppError('MALFORMED_REQUEST', { reason: err.code ?? 'URL' }), locale);
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; anything else is answered with 415.
  app.removeContentTypeParser(['text/plain']);

  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('locale', ctx.config.defaultLocale);
  app.decorateRequest('session', null);
  app.decorateRequest('credential', null);

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Alianza API',
        version: API_VERSION,
        description: 'Collaborative crime prevention. Errors share one shape; messages follow Accept-Language (es, en, pt).',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'alianza_session', description: `Writes also need the ${CSRF_HEADER} header.` },
          token: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/tokens or `alianza admin create-token`.' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: true } });

  app.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale(request.headers['accept-language'], ctx.config.defaultLocale);
    request.actor = anonymousActor(request.id, request.locale);
    if (!request.url.startsWith('/api/v1/')) return;
    const auth = await authenticate(ctx.db, ctx.principals, request, request.locale, request.routeOptions.config.csrf !== false);
    request.actor = auth.actor;
    request.session = auth.session;
    request.credential = auth.credential;
  });

  // On shutdown, responses still in flight close their keep-alive connection, so that
  // closing the server waits for those requests only, not for idle clients to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    closeAllEventStreams();
  });

  app.addHook('onSend', async (request, reply) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    // API answers are private and fresh unless a route chose its own caching (e.g. map tiles).
    if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    // Lets the web app notice that its session ended (expired or revoked) even on endpoints
    // that also answer anonymous callers, instead of silently showing public data.
    // Not on answers that shared caches may keep (public map data): they are the same for all.
    const shared = String(reply.getHeader('cache-control') ?? '').startsWith('public');
    if (request.url.startsWith('/api/v1/') && !shared) reply.header('x-alianza-session', request.actor?.kind === 'user' ? 'active' : 'none');
  });

  app.setErrorHandler((err, request, reply) => {
    const error = toAppError(err, ctx.config.bodyLimitBytes, request.headers['content-type']);
    if (error.status >= 500) request.log.error({ err }, 'request failed');
    return sendError(reply, request, error, request.locale ?? ctx.config.defaultLocale);
  });

  const web = await registerWebApp(app, { distDir: ctx.config.webDistDir, tileUrl: ctx.config.map.tileUrl });
  app.setNotFoundHandler(
    (request, reply) =>
      web?.fallback(request, reply) ??
      sendError(reply, request, new AppError('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0]! }), request.locale),
  );

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      const pending = await pendingMigrations(ctx.db);
      if (pending > 0) return reply.code(503).send({ status: 'migrating', pending });
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const register of modules) register(app, ctx);
  return app;
}
