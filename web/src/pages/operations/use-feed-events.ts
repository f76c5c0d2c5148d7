import { useEffect, useRef } from 'react';
import { api, call } from '../../api/client.ts';
import { connectFeed } from './feed-connection.ts';
import type { FeedEvent } from './feed-events.ts';

const checkSession = () => call(api.GET('/api/v1/operations/feed', { params: { query: { limit: 1 } } }));

/**
 * Calls `onEvent` for each operations event from now on, and `onResume` after a reconnection
 * (when a page that only reloads on events should reload once, in case it missed one).
 */
export function useFeedEvents(onEvent: (event: FeedEvent) => void, onResume?: () => void) {
  const handlers = useRef({ onEvent, onResume });
  handlers.current = { onEvent, onResume };
  useEffect(() => {
    let wasLive = false;
    let dropped = false;
    return connectFeed(null, {
      event: (event) => handlers.current.onEvent(event),
      reset: () => handlers.current.onResume?.(),
      state: (state) => {
        if (state === 'live' && wasLive && dropped) handlers.current.onResume?.();
        if (state === 'live') wasLive = true;
        dropped = state === 'reconnecting';
      },
    }, checkSession);
  }, []);
}
