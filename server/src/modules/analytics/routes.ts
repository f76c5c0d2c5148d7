import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { openEventStream } from '../../platform/http/event-stream.ts';
import { AnalysisResult } from './results.ts';
import { CreateRunBody, Run, RunParams } from './schemas.ts';
import * as service from './service.ts';

const tags = ['analytics'];
const errors = { ...commonErrors, 409: ErrorBody };

const CONTENT_TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', geojson: 'application/geo+json; charset=utf-8' } as const;

function sendOutput(reply: FastifyReply, output: ReturnType<typeof service.runOutput>, format: service.ResultFormat) {
  if (format !== 'json') {
    const day = output.run.createdAt.toISOString().slice(0, 10);
    reply.header('content-disposition', `attachment; filename="alianza-${output.run.statistic}-${day}-${output.run.id.slice(0, 8)}.${format}"`);
  }
  return reply.type(CONTENT_TYPES[format]).send(Buffer.from(output.body.buffer, output.body.byteOffset, output.body.byteLength));
}

export const analyticsRoutes: RouteModule = (app, ctx) => {
  app.addHook('onClose', async () => service.closeAnalytics(ctx));

  app.post(
    '/api/v1/analytics/runs',
    {
      schema: {
        tags,
        summary: 'Start a statistic over the incidents the caller may see: grid or H3 counts, KDE, Gi*, local Moran, Knox, trends',
        description:
          'Answers 202 with the run once every check has passed (bad input, an empty selection or a request over the limits are 400 before any work). ' +
          'The computation runs in a worker thread: follow it at `links.stream` (Server-Sent Events) or poll `links.self`; DELETE cancels it.',
        body: CreateRunBody,
        response: { 202: Run, ...errors, 429: ErrorBody },
      },
    },
    async (request, reply) => reply.code(202).send(await service.startRun(ctx, request.actor, request.body, request.locale)),
  );
  app.get(
    '/api/v1/analytics/runs/:id',
    { schema: { tags, summary: "A run's status, progress and links (the caller's own runs only)", params: RunParams, response: { 200: Run, ...errors } } },
    async (request) => service.getRun(ctx, request.actor, request.params.id, request.locale),
  );
  app.delete(
    '/api/v1/analytics/runs/:id',
    { schema: { tags, summary: 'Cancel a run: its worker thread stops at once', params: RunParams, response: { 200: Run, ...errors } } },
    async (request) => service.cancelRun(ctx, request.actor, request.params.id, request.locale),
  );
  app.get(
    '/api/v1/analytics/runs/:id/stream',
    {
      schema: {
        tags,
        summary: 'Server-Sent Events: `progress` with the run on every change, then `done`; closing the stream of a run in progress cancels it',
        params: RunParams,
        response: { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      let stop = () => {};
      // Checks access and existence before the stream opens, so errors are plain JSON answers.
      const first = service.getRun(ctx, request.actor, request.params.id, request.locale);
      const stream = openEventStream(request, reply, () => stop(), 15_000);
      stop = service.followRun(ctx, request.actor, first.id, request.locale, (run) => {
        const finished = run.status !== 'queued' && run.status !== 'running';
        stream.send(finished ? 'done' : 'progress', run);
        if (finished) setImmediate(() => reply.raw.end());
      });
    },
  );
  for (const format of ['json', 'csv', 'geojson'] as const) {
    const suffix = format === 'json' ? '' : `.${format}`;
    app.get(
      `/api/v1/analytics/runs/:id/result${suffix}`,
      {
        schema: {
          tags,
          summary:
            format === 'json'
              ? 'The result of a finished run (GeoJSON inside where spatial); 409 while it runs or when it failed'
              : `The result as a ${format === 'csv' ? 'CSV table (every unit, cell or pixel)' : 'GeoJSON FeatureCollection (RFC 7946) file'}`,
          params: RunParams,
          response: { 200: format === 'json' ? AnalysisResult : z.string(), ...errors },
        },
      },
      async (request, reply) => sendOutput(reply, service.runOutput(ctx, request.actor, request.params.id, format), format),
    );
  }
};
