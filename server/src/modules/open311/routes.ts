import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { anonymousRoute } from '../../platform/anonymity/anonymous-route.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { toAppError } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { submissionLimiter } from '../unsafe-places/rate-limit.ts';
import { open311ErrorList } from './errors.ts';
import { Open311Created, Open311Discovery, Open311Errors, Open311Request, Open311Service, Open311ServiceDefinition, PostRequestBody, RequestsQuery } from './schemas.ts';
import * as service from './service.ts';
import { xmlDocument, type XmlValue } from './xml.ts';

export const OPEN311_PREFIX = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];
const tags = ['open311'];
const ITEM_NAMES = { services: 'service', service_requests: 'request', endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value', errors: 'error' };

/** JSON drops the root list element (the spec's "Spark convention"); XML keeps it. */
function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200): FastifyReply {
  reply.code(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value, ITEM_NAMES));
  return reply.type('application/json; charset=utf-8').send(value);
}

const formatOf = (url: string): Format => (url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json');

/** Response documentation: the JSON routes declare their schema, the XML routes the same fields as text/xml. */
function responses(format: Format, ok: z.ZodType, okStatus = 200) {
  const body = format === 'json' ? ok : z.string().describe('The same fields as XML');
  const errors = format === 'json' ? Open311Errors : z.string().describe('<errors><error><code/><description/></error></errors>');
  return { produces: [format === 'json' ? 'application/json' : 'text/xml'], response: { [okStatus]: body, 400: errors, 404: errors } };
}

/** Parses application/x-www-form-urlencoded bodies (the spec's POST encoding). */
const parseForm = (body: string): Record<string, string> => Object.fromEntries(new URLSearchParams(body));

/**
 * Open311 GeoReport v2 over the unsafe-place reports: discovery, services, service
 * definitions, and requests (POST and GET), each as .json and .xml. Anonymous like tips:
 * no request log line, no cookie, nothing cached, no address or agent kept; CORS-open,
 * since the data is public and no credentials are ever read.
 */
export const open311Routes: RouteModule = (app, ctx) => {
  void app.register(
    async (plugin) => {
      const scope = plugin.withTypeProvider<ZodTypeProvider>();
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(body as string)));
      // "An empty parameter must be treated exactly like an absent one."
      scope.addHook('preValidation', async (request) => {
        for (const part of [request.body, request.query]) {
          if (part && typeof part === 'object' && !Array.isArray(part)) for (const [key, value] of Object.entries(part)) if (value === '') delete (part as Record<string, unknown>)[key];
        }
      });
      scope.addHook('onSend', async (_request, reply) => {
        reply.header('access-control-allow-origin', '*');
      });
      scope.setErrorHandler((err, request, reply) => {
        const error = toAppError(err, ctx.config.bodyLimitBytes, request.headers['content-type']);
        if (error.status >= 500) request.log.error({ err }, 'request failed');
        if (error.extra.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.extra.retryAfterSeconds));
        return send(reply, formatOf(request.url), 'errors', open311ErrorList(error, request.locale, request.id), error.status);
      });
      const routeNotFound = (request: FastifyRequest, reply: FastifyReply) => {
        const error = new AppError('ROUTE_NOT_FOUND', { method: request.method, url: request.url.split('?')[0]!.slice(0, 200) });
        return send(reply, formatOf(request.url), 'errors', open311ErrorList(error, request.locale, request.id), 404);
      };
      scope.setNotFoundHandler(routeNotFound);
      // GET would otherwise reach the web application's catch-all route, which answers in the API's error shape.
      scope.get('/*', { ...anonymousRoute, schema: { hide: true } }, routeNotFound);

      for (const format of FORMATS) {
        scope.get(
          `/discovery.${format}`,
          { ...anonymousRoute, schema: { tags, summary: `Service discovery (${format})`, ...responses(format, Open311Discovery) } },
          async (request, reply) =>
            send(reply, format, 'discovery', await service.discovery(ctx, request.locale, `${request.protocol}://${request.host}${OPEN311_PREFIX}`)),
        );
        scope.get(
          `/services.${format}`,
          { ...anonymousRoute, schema: { tags, summary: `Service list: the unsafe-place categories (${format})`, querystring: z.object({ jurisdiction_id: z.string().optional() }), ...responses(format, z.array(Open311Service)) } },
          async (request, reply) => send(reply, format, 'services', await service.services(ctx, request.locale)),
        );
        scope.get(
          `/services/:service_code.${format}`,
          {
            ...anonymousRoute,
            schema: { tags, summary: `Service definition (${format}); its one informational attribute is the privacy notice`, params: z.object({ service_code: z.string() }), ...responses(format, Open311ServiceDefinition) },
          },
          async (request, reply) => send(reply, format, 'service_definition', await service.serviceDefinition(ctx, request.locale, request.params.service_code)),
        );
        scope.get(
          `/requests.${format}`,
          {
            ...anonymousRoute,
            schema: { tags, summary: `Service requests, newest first: the last ${service.WINDOW_DAYS} days and at most ${service.MAX_REQUESTS} by default (${format})`, querystring: RequestsQuery, ...responses(format, z.array(Open311Request)) },
          },
          async (request, reply) => send(reply, format, 'service_requests', await service.findRequests(ctx, request.actor, request.query)),
        );
        scope.post(
          `/requests.${format}`,
          {
            ...anonymousRoute,
            schema: {
              tags,
              summary: `Report an unsafe place (${format}); no API key needed; personal fields are accepted and discarded`,
              consumes: ['application/x-www-form-urlencoded', 'application/json'],
              body: PostRequestBody,
              ...responses(format, Open311Created, 201),
            },
          },
          async (request, reply) => {
            submissionLimiter(ctx).hit('unsafe_place.submit', request.ip);
            return send(reply, format, 'service_requests', await service.createRequest(ctx, request.locale, request.body), 201);
          },
        );
        scope.get(
          `/requests/:service_request_id.${format}`,
          { ...anonymousRoute, schema: { tags, summary: `One service request (${format})`, params: z.object({ service_request_id: z.string() }), ...responses(format, z.array(Open311Request)) } },
          async (request, reply) => send(reply, format, 'service_requests', await service.findRequest(ctx, request.actor, request.params.service_request_id)),
        );
      }
    },
    { prefix: OPEN311_PREFIX },
  );
};
