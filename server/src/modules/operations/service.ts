import type { Actor } from '../../platform/auth/actor.ts';
import { reauthenticate, type Credential } from '../../platform/auth/authenticate.ts';
import { requireUser } from '../../platform/access/policy.ts';
import { invalidField } from '../../platform/errors/app-error.ts';
import type { FeedEvent as DeliveredFeedEvent, SequencedFeedEvent } from '../../platform/feed/feed-event.ts';
import type { FeedSubscription } from '../../platform/feed/feed-hub.ts';
import { feedHead, visibleFeedBefore } from '../../platform/feed/feed-queries.ts';
import type { AppContext } from '../../platform/http/context.ts';
import type { FeedPage } from './schemas.ts';

const withoutMarking = ({ marking: _marking, ...event }: SequencedFeedEvent): DeliveredFeedEvent => event;

/**
 * The latest events the actor may know of, newest first, and the head they were read at. The
 * page carries identifiers and markings only, like the stream, so it is not a read of the
 * records: the client reads each through its own audited API.
 */
export async function recentEvents(ctx: AppContext, actor: Actor, query: { before?: string; limit: number }): Promise<FeedPage> {
  requireUser(actor);
  const { position: head } = await feedHead(ctx.db);
  const before = Math.min(query.before === undefined ? head + 1 : Number(query.before), head + 1);
  // Positions become visible in order, so every event up to `head` is already readable here.
  const items = await visibleFeedBefore(ctx.db, actor, before, query.limit);
  return { items: items.map(withoutMarking), head };
}

export const currentHead = async (ctx: AppContext): Promise<number> => (await feedHead(ctx.db)).position;

/** The position a reconnecting client has: the Last-Event-ID header, else the query parameter. */
export function resumePosition(header: string | string[] | undefined, query: string | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header ?? query;
  if (value === undefined || value === '') return null;
  if (!/^\d{1,15}$/.test(value)) throw invalidField('lastEventId', 'operations.position_format');
  return Number(value);
}

export interface StreamSink {
  event(event: DeliveredFeedEvent): void;
  reset(head: number): void;
  end(): void;
}

/** Joins the actor's stream to this instance's feed hub, after position `after`. */
export async function subscribe(ctx: AppContext, actor: Actor & { userId: string }, credential: Credential | null, after: number, sink: StreamSink): Promise<FeedSubscription> {
  return ctx.feed.hub.subscribe({
    actor,
    credential,
    after,
    send: sink.event,
    reset: sink.reset,
    end: sink.end,
    reauthenticate: async () => (credential ? reauthenticate(ctx.db, credential, actor) : null),
  });
}
