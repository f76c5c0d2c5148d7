import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';
import type { Db } from '../db/engine.ts';
import type { Locale } from '../i18n/locale.ts';
import { anonymousActor, SCOPES, type Actor, type Scope } from './actor.ts';
import { findSessionPrincipal, findTokenPrincipal } from './principal-queries.ts';
import type { CachedPrincipal, PrincipalCache } from './principal-cache.ts';
import { safeEqual, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'alianza_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Authentication {
  actor: Actor;
  /** Set when the request came with a valid session cookie. */
  session: { tokenHash: string; csrfToken: string; expiresAt: Date } | null;
}

/**
 * Resolves who is calling: an API token (Authorization: Bearer) or a session cookie.
 * A presented but invalid token is an error, never a silent fall back to anonymous.
 * Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token.
 */
export async function authenticate(
  db: Db,
  cache: PrincipalCache,
  request: FastifyRequest,
  locale: Locale,
  checkCsrf: boolean,
): Promise<Authentication> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError('UNAUTHENTICATED');
    const key = `token:${sha256(match[1]!)}`;
    const principal = cache.get(key) ?? (await lookup(cache, key, findTokenPrincipal(db, key.slice(6))));
    if (!principal) throw new AppError('UNAUTHENTICATED');
    const scopes = new Set((principal.scopes ?? []).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)));
    return {
      actor: { kind: 'user', userId: principal.userId, isPlatformAdmin: principal.isPlatformAdmin, memberships: principal.memberships, scopes, requestId: request.id, locale },
      session: null,
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return { actor: anonymousActor(request.id, locale), session: null };
  const tokenHash = sha256(cookie);
  const key = `session:${tokenHash}`;
  const principal = cache.get(key) ?? (await lookup(cache, key, findSessionPrincipal(db, tokenHash)));
  if (!principal?.csrfToken || !principal.expiresAt) return { actor: anonymousActor(request.id, locale), session: null };
  if (checkCsrf && !SAFE_METHODS.has(request.method)) {
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || !safeEqual(presented, principal.csrfToken)) throw new AppError('CSRF_FAILED');
  }
  return {
    actor: { kind: 'user', userId: principal.userId, isPlatformAdmin: principal.isPlatformAdmin, memberships: principal.memberships, scopes: null, requestId: request.id, locale },
    session: { tokenHash, csrfToken: principal.csrfToken, expiresAt: principal.expiresAt },
  };
}

async function lookup(cache: PrincipalCache, key: string, found: Promise<CachedPrincipal | undefined>): Promise<CachedPrincipal | undefined> {
  const principal = await found;
  if (principal) cache.set(key, principal);
  return principal;
}
