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

/** The credential a request was authenticated with, to follow it over a long-lived stream. */
export interface Credential {
  kind: 'session' | 'token';
  /** sha256 of the cookie value or bearer token, as the auth events name it. */
  hash: string;
  expiresAt: Date | null;
}

export interface Authentication {
  actor: Actor;
  /** Set when the request came with a valid session cookie. */
  session: { tokenHash: string; csrfToken: string; expiresAt: Date } | null;
  credential: Credential | null;
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
    const tokenHash = sha256(match[1]!);
    const key = `token:${tokenHash}`;
    const principal = cache.get(key) ?? (await lookup(cache, key, findTokenPrincipal(db, tokenHash)));
    if (!principal) throw new AppError('UNAUTHENTICATED');
    return {
      actor: tokenActor(principal, request.id, locale),
      session: null,
      credential: { kind: 'token', hash: tokenHash, expiresAt: principal.expiresAt ?? null },
    };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return { actor: anonymousActor(request.id, locale), session: null, credential: null };
  const tokenHash = sha256(cookie);
  const key = `session:${tokenHash}`;
  const principal = cache.get(key) ?? (await lookup(cache, key, findSessionPrincipal(db, tokenHash)));
  if (!principal?.csrfToken || !principal.expiresAt) return { actor: anonymousActor(request.id, locale), session: null, credential: null };
  if (checkCsrf && !SAFE_METHODS.has(request.method)) {
    const presented = request.headers[CSRF_HEADER];
    if (typeof presented !== 'string' || !safeEqual(presented, principal.csrfToken)) throw new AppError('CSRF_FAILED');
  }
  return {
    actor: sessionActor(principal, request.id, locale),
    session: { tokenHash, csrfToken: principal.csrfToken, expiresAt: principal.expiresAt },
    credential: { kind: 'session', hash: tokenHash, expiresAt: principal.expiresAt },
  };
}

const sessionActor = (principal: CachedPrincipal, requestId: string | null, locale: Locale): Actor & { userId: string } => ({
  kind: 'user', userId: principal.userId, isPlatformAdmin: principal.isPlatformAdmin, memberships: principal.memberships, scopes: null, requestId, locale,
});

const tokenActor = (principal: CachedPrincipal, requestId: string | null, locale: Locale): Actor & { userId: string } => ({
  ...sessionActor(principal, requestId, locale),
  scopes: new Set((principal.scopes ?? []).filter((s): s is Scope => (SCOPES as readonly string[]).includes(s))),
});

/**
 * Who is behind a credential now, read from the database (not the cache): a long-lived stream
 * asks again when the user's memberships change. Null once the session or token is gone.
 */
export async function reauthenticate(db: Db, credential: Credential, actor: Actor): Promise<(Actor & { userId: string }) | null> {
  if (credential.kind === 'token') {
    const principal = await findTokenPrincipal(db, credential.hash);
    return principal ? tokenActor(principal, actor.requestId, actor.locale) : null;
  }
  const principal = await findSessionPrincipal(db, credential.hash);
  return principal ? sessionActor(principal, actor.requestId, actor.locale) : null;
}

async function lookup(cache: PrincipalCache, key: string, found: Promise<CachedPrincipal | undefined>): Promise<CachedPrincipal | undefined> {
  const principal = await found;
  if (principal) cache.set(key, principal);
  return principal;
}
