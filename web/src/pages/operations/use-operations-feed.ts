import { useCallback, useEffect, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { connectFeed, type ConnectionState } from './feed-connection.ts';
import { mergeEvents, type FeedEvent } from './feed-events.ts';

const PAGE = 100;
const checkSession = () => call(api.GET('/api/v1/operations/feed', { params: { query: { limit: 1 } } }));

export interface OperationsFeed {
  events: FeedEvent[];
  connection: ConnectionState;
  /** Events were missed and are gone from the server: the user must reload the history. */
  missed: boolean;
  error: unknown;
  reload(): void;
}

/**
 * The latest events (history page) followed by the live stream from the page's head, so that
 * nothing falls between the two; every event is kept once, by its position.
 */
export function useOperationsFeed(): OperationsFeed {
  const [events, setEvents] = useState<FeedEvent[]>([]);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [missed, setMissed] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let close = () => {};
    let cancelled = false;
    setError(null);
    call(api.GET('/api/v1/operations/feed', { params: { query: { limit: PAGE } } })).then(
      (page) => {
        if (cancelled) return;
        setEvents((current) => mergeEvents(generation === 0 ? current : [], page.items));
        setMissed(false);
        close = connectFeed(page.head, {
          event: (event) => setEvents((current) => mergeEvents(current, [event])),
          reset: () => setMissed(true),
          state: setConnection,
        }, checkSession);
      },
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
      close();
    };
  }, [generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { events, connection, missed, error, reload };
}
