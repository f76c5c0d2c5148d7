import { requireUser } from '../../platform/access/policy.ts';
import { commonErrors, ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { openEventStream } from '../../platform/http/event-stream.ts';
import { FeedPage, FeedQuery, StreamQuery } from './schemas.ts';
import * as service from './service.ts';

const tags = ['operations'];

export const operationsRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/operations/feed',
    { schema: { tags, summary: 'The latest operations events the caller may know of, newest first, with the head to resume the stream from', querystring: FeedQuery, response: { 200: FeedPage, ...commonErrors } } },
    async (request) => service.recentEvents(ctx, request.actor, request.query),
  );
  app.get(
    '/api/v1/operations/stream',
    {
      schema: {
        tags,
        summary:
          'Server-Sent Events: `feed` events (a FeedEvent, SSE id = position) for what the caller may know of, in commit order; resumes after Last-Event-ID (or lastEventId) without gap or duplicate; `reset` when the missed events are gone (reload, then go on)',
        querystring: StreamQuery,
        response: { 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      requireUser(actor);
      // "From now on" is fixed before the client sees the response start, so that an event
      // committed after that moment cannot fall between the answer and the subscription.
      const after = service.resumePosition(request.headers['last-event-id'], request.query.lastEventId) ?? (await service.currentHead(ctx));
      let subscription: { close(): void } | null = null;
      let gone = false;
      const stream = openEventStream(request, reply, () => {
        gone = true;
        subscription?.close();
      }, ctx.config.feed.heartbeatSeconds * 1000);
      try {
        subscription = await service.subscribe(ctx, actor, request.credential, after, {
          event: (event) => stream.send('feed', event, String(event.position)),
          reset: (head) => stream.send('reset', { head }, String(head)),
          end: () => stream.end(),
        });
        if (gone) subscription.close();
      } catch (err) {
        request.log.error({ err }, 'operations stream failed to start');
        stream.end();
      }
    },
  );
};
