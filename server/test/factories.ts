import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { systemActor, type Scope } from '../src/platform/auth/actor.ts';
import type { OrgType, Role } from '../src/platform/db/schema.ts';
import type { AppContext, ZodApp } from '../src/platform/http/context.ts';
import { createOrganization } from '../src/modules/organizations/service.ts';
import type { CreateOrganizationInput } from '../src/modules/organizations/schemas.ts';
import { createToken } from '../src/modules/tokens/service.ts';
import { createUser } from '../src/modules/users/service.ts';

export const TEST_PASSWORD = 'a long test passphrase';
const unique = () => randomUUID().slice(0, 8);

export async function makeOrg(
  ctx: AppContext,
  overrides: { name?: string; type?: OrgType; country?: string; jurisdiction?: CreateOrganizationInput['jurisdiction']; triageHub?: boolean } = {},
) {
  return createOrganization(ctx, systemActor(), {
    name: overrides.name ?? `Org ${unique()}`,
    type: overrides.type ?? 'police_agency',
    country: overrides.country ?? 'CL',
    jurisdiction: overrides.jurisdiction ?? null,
    triageHub: overrides.triageHub ?? false,
  });
}

export async function makeUser(ctx: AppContext, memberships: { orgId: string; role: Role }[] = [], options: { platformAdmin?: boolean } = {}) {
  const email = `user-${unique()}@example.org`;
  const user = await createUser(ctx, systemActor(), { email, displayName: `User ${email}`, password: TEST_PASSWORD, memberships }, options);
  return { ...user, email };
}

export async function makeToken(ctx: AppContext, userId: string, scopes: Scope[] = ['read', 'write', 'admin', 'audit']) {
  return (await createToken(ctx, systemActor(), userId, { name: 'test', scopes })).token;
}

export type Auth = { token: string } | { cookie: string; csrf?: string } | null;

export interface ApiCall {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  auth?: Auth;
  headers?: Record<string, string>;
  /** The client's address as the server sees it (login throttling counts per address). */
  remoteAddress?: string;
}

/** One request through the whole HTTP stack (in memory, no socket). */
export async function api(app: ZodApp, call: ApiCall): Promise<LightMyRequestResponse & { data: any }> {
  const headers: Record<string, string> = { ...call.headers };
  if (call.auth && 'token' in call.auth) headers.authorization = `Bearer ${call.auth.token}`;
  if (call.auth && 'cookie' in call.auth) {
    headers.cookie = call.auth.cookie;
    if (call.auth.csrf) headers['x-csrf-token'] = call.auth.csrf;
  }
  const response = await app.inject({
    method: call.method ?? 'GET',
    url: call.url,
    headers,
    ...(call.remoteAddress ? { remoteAddress: call.remoteAddress } : {}),
    ...(call.body !== undefined ? { payload: call.body as object } : {}),
  });
  let data: unknown = null;
  try {
    data = response.body ? JSON.parse(response.body) : null;
  } catch {
    data = response.body;
  }
  return Object.assign(response, { data });
}

/** Signs in through the API and returns the session cookie and CSRF token. */
export async function login(app: ZodApp, email: string, password = TEST_PASSWORD) {
  const response = await api(app, { method: 'POST', url: '/api/v1/auth/login', body: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'alianza_session')!;
  return { cookie: `alianza_session=${cookie.value}`, csrf: response.data.csrfToken as string };
}
