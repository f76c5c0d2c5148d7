import type { FeedEvent } from './feed-events.ts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

export interface FeedHandlers {
  event(event: FeedEvent): void;
  /** The server no longer has the events missed since the last one received: reload the page of history. */
  reset(head: number): void;
  state(state: ConnectionState): void;
}

const RETRY_MS = [1000, 2000, 5000, 10_000];

/**
 * Follows the operations stream after position `after` (null: from now on). The browser's
 * EventSource reconnects by itself and sends Last-Event-ID, so the server replays exactly what
 * was missed. When the browser gives up instead (an error answer, say), a new EventSource is
 * opened here with the last position seen as `lastEventId`, once `checkSession` has passed
 * (a signed-out user is sent to the login page by the API client, not retried forever).
 * Returns a function that closes the stream.
 */
export function connectFeed(after: number | null, handlers: FeedHandlers, checkSession: () => Promise<unknown>): () => void {
  let last = after;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let closed = false;
  let everOpen = false;

  const open = () => {
    if (closed) return;
    handlers.state(everOpen ? 'reconnecting' : 'connecting');
    const current = new EventSource(`/api/v1/operations/stream${last === null ? '' : `?lastEventId=${last}`}`);
    source = current;
    current.addEventListener('open', () => {
      attempt = 0;
      everOpen = true;
      handlers.state('live');
    });
    current.addEventListener('feed', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as FeedEvent;
      last = last === null ? event.position : Math.max(last, event.position);
      handlers.event(event);
    });
    current.addEventListener('reset', (message) => {
      const { head } = JSON.parse((message as MessageEvent<string>).data) as { head: number };
      last = head;
      handlers.reset(head);
    });
    current.addEventListener('error', () => {
      if (closed) return;
      handlers.state('reconnecting');
      if (current.readyState !== EventSource.CLOSED) return; // the browser is reconnecting
      current.close();
      retryLater();
    });
  };

  let waiting = false;
  const retryLater = () => {
    const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
    attempt += 1;
    waiting = true;
    timer = setTimeout(retryNow, delay);
  };
  const retryNow = () => {
    if (!waiting || closed) return;
    waiting = false;
    clearTimeout(timer);
    void checkSession().then(open, retryLater);
  };

  // Back on the network: no need to wait for the browser's (3 s) or our next attempt. A new
  // EventSource resumes from the last position seen, as the browser's own retry would.
  const online = () => {
    if (waiting) return retryNow();
    if (source?.readyState !== EventSource.CONNECTING || closed) return;
    source.close();
    open();
  };

  open();
  window.addEventListener('online', online);
  return () => {
    closed = true;
    clearTimeout(timer);
    window.removeEventListener('online', online);
    source?.close();
  };
}
