import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodApp } from './context.ts';

/** Paths that belong to the server, never to the web application's client-side routes. */
const SERVER_PATHS = ['/api', '/open311', '/healthz', '/readyz'];

export function isServerPath(url: string): boolean {
  const pathname = url.split('?')[0]!;
  return SERVER_PATHS.some((root) => pathname === root || pathname.startsWith(`${root}/`));
}

/**
 * Content-Security-Policy of the web application's HTML: only its own scripts; MapLibre needs
 * blob: workers and blob:/data: images; the optional base-map tile host may be fetched.
 * Inline styles are allowed because MapLibre and React set element styles.
 */
export function contentSecurityPolicy(tileUrl: string | null): string {
  const tiles = tileUrl ? ` ${new URL(tileUrl).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    "font-src 'self' data:",
    `connect-src 'self'${tiles}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface WebApp {
  /** Answers a browser navigation to a client-side route with index.html; null when it is not one. */
  fallback(request: FastifyRequest, reply: FastifyReply): FastifyReply | null;
}

/**
 * Serves the built web application (Vite output) when `distDir/index.html` exists: hashed
 * files under /assets/ are cached for a year, everything else is revalidated (index.html
 * above all, so a new build is picked up at once); pre-compressed .br/.gz siblings are sent to
 * clients that accept them. Returns null when there is no build to serve.
 */
export async function registerWebApp(app: ZodApp, options: { distDir: string; tileUrl: string | null }): Promise<WebApp | null> {
  if (!existsSync(path.join(options.distDir, 'index.html'))) return null;
  const csp = contentSecurityPolicy(options.tileUrl);
  await app.register(fastifyStatic, {
    root: options.distDir,
    prefix: '/',
    wildcard: true,
    preCompressed: true,
    cacheControl: false,
    dotfiles: 'ignore',
    allowedPath: (pathname) => !isServerPath(pathname),
    setHeaders(res, file) {
      const served = path.relative(options.distDir, file).split(path.sep).join('/').replace(/\.(br|gz)$/, '');
      res.setHeader('vary', 'accept-encoding');
      if (served.startsWith('assets/')) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        return;
      }
      res.setHeader('cache-control', 'no-cache');
      if (served.endsWith('.html')) {
        res.setHeader('content-security-policy', csp);
        res.setHeader('cross-origin-opener-policy', 'same-origin');
        res.setHeader('permissions-policy', 'geolocation=(self), camera=(), microphone=(), payment=()');
      }
    },
  });
  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return null;
      if (isServerPath(request.url) || !(request.headers.accept ?? '').includes('text/html')) return null;
      return reply.code(200).sendFile('index.html');
    },
  };
}
