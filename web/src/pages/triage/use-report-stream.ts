import { useEffect, useRef } from 'react';

/**
 * Calls `onChange` whenever a report in the user's queues arrives or changes (Server-Sent
 * Events); the browser reconnects by itself after a dropped connection.
 */
export function useReportStream(onChange: (event: { id: string; type: string }) => void) {
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => {
    const source = new EventSource('/api/v1/reports/stream');
    source.addEventListener('report', (e) => handler.current(JSON.parse((e as MessageEvent<string>).data)));
    return () => source.close();
  }, []);
}
