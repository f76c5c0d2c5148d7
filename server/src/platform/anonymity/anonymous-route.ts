import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';

/**
 * Route options for endpoints residents use anonymously: no request log lines (they carry a
 * precise time), answers that are never cached or stored, no referrer, and never a cookie.
 * The server never logs client addresses or user agents anywhere (see platform/logging).
 */
export const anonymousRoute = {
  logLevel: 'error',
  config: { csrf: false },
  onSend: async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.removeHeader('set-cookie');
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
  },
} satisfies RouteShorthandOptions;
