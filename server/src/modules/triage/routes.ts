import { z } from 'zod';
import { requireUser } from '../../platform/access/policy.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { openEventStream } from '../../platform/http/event-stream.ts';
import { REPORT_CHANNELS } from '../../platform/db/schema.ts';
import {
  ChangeStatusBody, ForwardBody, ForwardedReport, ForwardsQuery, QueueItem, QueueQuery, ResponseTimes, StaffMessageBody, StaffReport,
} from './schemas.ts';
import * as service from './service.ts';

const tags = ['triage'];
const Params = z.object({ id: z.uuid() });
const errors = { ...commonErrors, 409: ErrorBody };

export const triageRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/reports',
    { schema: { tags, summary: "Residents' reports the caller triages (their organisation's queue, or the intake line's)", querystring: QueueQuery, response: { 200: z.object({ items: z.array(QueueItem) }), ...errors } } },
    async (request) => ({ items: await service.listQueue(ctx, request.actor, request.query) }),
  );
  app.get(
    '/api/v1/reports/stream',
    { schema: { tags, summary: 'Server-Sent Events: `report` events (id and change type) whenever a report in the caller\'s queues arrives or changes', response: { 401: ErrorBody } } },
    async (request, reply) => {
      const actor = request.actor;
      requireUser(actor);
      let unsubscribe = () => {};
      const stream = openEventStream(request, reply, () => unsubscribe());
      unsubscribe = ctx.events.subscribe((event) => {
        if (event.recordType !== 'report' || !event.recordId) return;
        const id = event.recordId;
        void service.eventConcerns(ctx, actor, id).then(
          (concerns) => concerns && stream.send('report', { id, type: event.type }),
          () => undefined,
        );
      });
    },
  );
  app.get(
    '/api/v1/reports/:id',
    { schema: { tags, summary: 'A report with its conversation, forwarded copies, routing suggestion and possible duplicates', params: Params, response: { 200: StaffReport, ...errors } } },
    async (request) => service.getReport(ctx, request.actor, request.params.id),
  );
  app.post(
    '/api/v1/reports/:id/status',
    { schema: { tags, summary: 'Change the state: triaged, in action, or closed with a reason', params: Params, body: ChangeStatusBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.changeStatus(ctx, request.actor, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/reports/:id/forward',
    { schema: { tags, summary: 'Forward redacted copies to a responsible organisation and information-only ones, under a TLP marking', params: Params, body: ForwardBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.forwardReport(ctx, request.actor, request.params.id, request.body);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/api/v1/reports/:id/messages',
    { schema: { tags, summary: 'Ask the reporter a question or reply; they read it with their receipt', params: Params, body: StaffMessageBody, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await service.messageReporter(ctx, request.actor, request.params.id, request.body.body);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/report-forwards',
    { schema: { tags, summary: "Reports forwarded to the caller's organisations, as redacted for them", querystring: ForwardsQuery, response: { 200: z.object({ items: z.array(ForwardedReport) }), ...errors } } },
    async (request) => ({ items: await service.listForwards(ctx, request.actor, request.query) }),
  );
  app.get(
    '/api/v1/report-forwards/:id',
    { schema: { tags, summary: 'A forwarded report (404 alike when missing or not visible)', params: Params, response: { 200: ForwardedReport, ...errors } } },
    async (request) => service.getForward(ctx, request.actor, request.params.id),
  );
  app.get(
    '/api/v1/public/report-response-times',
    {
      schema: {
        tags: ['public'],
        summary: 'Median response times per organisation and category over the last year (groups under 5 reports withheld)',
        querystring: z.object({ channel: z.enum(REPORT_CHANNELS).default('tip') }),
        response: { 200: ResponseTimes },
      },
    },
    async (request) => service.responseTimes(ctx, request.query.channel),
  );
};
