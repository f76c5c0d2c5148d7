import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One connection to GET /api/v1/operations/stream: when each feed event (by record id) arrived. */
export interface StreamClient {
  index: number;
  persona: number;
  arrivals: Map<string, number>;
  duplicates: number;
  ended: boolean;
  close(): void;
}

// Many sockets, none pooled: each stream holds its own connection for the whole run.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/**
 * Opens the stream with an API token and resolves once the response has started. Parses
 * Server-Sent Events by hand (blocks separated by a blank line) to keep a thousand of them cheap.
 */
export function connect(base: string, token: string, index: number, persona: number): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    const client: StreamClient = { index, persona, arrivals: new Map(), duplicates: 0, ended: false, close: () => request.destroy() };
    const request = http.get(`${base}/api/v1/operations/stream`, { agent, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`stream ${index}: HTTP ${response.statusCode}`));
        response.resume();
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: feed')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const { recordId } = JSON.parse(data.slice(6)) as { recordId: string };
          if (client.arrivals.has(recordId)) client.duplicates += 1;
          else client.arrivals.set(recordId, now);
        }
      });
      response.on('end', () => (client.ended = true));
      response.on('error', () => (client.ended = true));
      resolve(client);
    });
    request.on('error', (err) => {
      client.ended = true;
      reject(err);
    });
  });
}
