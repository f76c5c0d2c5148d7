import type { FastifyReply, FastifyRequest } from 'fastify';

const open = new Set<() => void>();

/** Ends every open stream (server shutdown): clients reconnect to another instance. */
export function closeAllEventStreams(): void {
  for (const end of [...open]) end();
}

export interface EventStream {
  send(event: string, data: unknown, id?: string): void;
  /** Ends the response (the client's EventSource reconnects after its retry delay). */
  end(): void;
  readonly closed: boolean;
}

/** A client that cannot keep up is let go beyond this backlog; it resumes with Last-Event-ID. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * Opens a Server-Sent Events response (WHATWG HTML, "Server-sent events"). A comment line every
 * `heartbeatMs` keeps proxies from closing an idle stream; `onClose` runs once when the client
 * goes away or the server shuts down.
 */
export function openEventStream(request: FastifyRequest, reply: FastifyReply, onClose: () => void, heartbeatMs = 25_000): EventStream {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(request.id),
    'x-content-type-options': 'nosniff',
  });
  raw.write('retry: 3000\n\n');
  let closed = false;
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
  const close = () => {
    if (closed) return;
    closed = true;
    open.delete(end);
    clearInterval(heartbeat);
    onClose();
  };
  const end = () => {
    close();
    raw.end();
  };
  open.add(end);
  request.raw.on('close', close);
  raw.on('close', close);
  return {
    send(event, data, id) {
      if (closed) return;
      raw.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (raw.writableLength > MAX_BACKLOG_BYTES) end();
    },
    end,
    get closed() {
      return closed;
    },
  };
}
