import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, makeOrg, makeToken, makeUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let orgId: string;
beforeAll(async () => {
  t = await startTestPlatform();
  orgId = (await makeOrg(t.ctx)).id;
});
afterAll(async () => t.stop());

describe('password login and sessions', () => {
  it('sets an HttpOnly SameSite session cookie and returns the CSRF token', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const response = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: TEST_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'alianza_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(response.data.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(response.data.memberships).toEqual([expect.objectContaining({ orgId, role: 'analyst' })]);
  });

  it('accepts the e-mail in any letter case', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'viewer' }]);
    expect((await login(t.app, user.email.toUpperCase())).csrf).toBeTruthy();
  });

  it('rejects a wrong password with the same answer as an unknown account', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'viewer' }]);
    const wrong = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: 'not the password' } });
    const unknown = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: 'nobody@example.org', password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.data.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.data.error.message).toBe(wrong.data.error.message);
  });

  it('locks an account after five failures, even for the right password, and says when to retry', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'viewer' }]);
    for (let i = 0; i < 5; i++) {
      const r = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: `wrong ${i}` }, remoteAddress: '192.0.2.10' });
      expect(r.statusCode).toBe(401);
    }
    const locked = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: TEST_PASSWORD }, headers: { 'accept-language': 'pt' }, remoteAddress: '192.0.2.10' });
    expect(locked.statusCode).toBe(429);
    expect(locked.data.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.data.error.message).toMatch(/Tente novamente/);
  });

  it('counts parallel attempts too: a burst of wrong passwords still locks the account', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'viewer' }]);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: `wrong ${i}` }, remoteAddress: '192.0.2.11' })),
    );
    expect(burst.filter((r) => r.statusCode === 401).length).toBeLessThanOrEqual(5);
    expect(burst.filter((r) => r.statusCode === 429).length).toBeGreaterThanOrEqual(7);
    const right = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: TEST_PASSWORD }, remoteAddress: '192.0.2.12' });
    expect(right.statusCode).toBe(429); // the account is locked, whichever address asks
  });

  it('ends the session on logout: the cookie no longer authenticates', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const session = await login(t.app, user.email);
    expect((await api(t.app, { url: '/api/v1/auth/session', auth: session })).statusCode).toBe(200);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/auth/logout', auth: session })).statusCode).toBe(204);
    expect((await api(t.app, { url: '/api/v1/auth/session', auth: session })).statusCode).toBe(401);
  });
});

describe('CSRF protection of cookie-authenticated writes', () => {
  it('refuses a write without the token, with a wrong token, and accepts the right one', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const session = await login(t.app, user.email);
    const note = { tlp: 'GREEN', title: 'Punto de venta', body: 'Esquina norte' };
    const missing = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: note, auth: { cookie: session.cookie } });
    const wrong = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: note, auth: { cookie: session.cookie, csrf: 'x'.repeat(43) } });
    const right = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: note, auth: session });
    expect(missing.statusCode).toBe(403);
    expect(missing.data.error.code).toBe('CSRF_FAILED');
    expect(wrong.statusCode).toBe(403);
    expect(right.statusCode).toBe(201);
  });

  it('lets cookie-authenticated reads through without a token', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const { cookie } = await login(t.app, user.email);
    expect((await api(t.app, { url: '/api/v1/notes', auth: { cookie } })).statusCode).toBe(200);
  });

  it('does not ask token clients for a CSRF token', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const token = await makeToken(t.ctx, user.id, ['read', 'write']);
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x' }, auth: { token } });
    expect(r.statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('are shown once, stored only as a hash, and stop working when revoked', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const session = await login(t.app, user.email);
    const created = await api(t.app, { method: 'POST', url: '/api/v1/tokens', body: { name: 'etl', scopes: ['read'] }, auth: session });
    expect(created.statusCode).toBe(201);
    const secret: string = created.data.token;
    expect(secret).toMatch(/^alz_/);
    const stored = await t.ctx.db.selectFrom('api_tokens').selectAll().where('id', '=', created.data.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret.slice(4));
    const listed = await api(t.app, { url: '/api/v1/tokens', auth: session });
    expect(JSON.stringify(listed.data)).not.toContain(secret.slice(4));

    expect((await api(t.app, { url: '/api/v1/notes', auth: { token: secret } })).statusCode).toBe(200);
    expect((await api(t.app, { method: 'DELETE', url: `/api/v1/tokens/${created.data.id}`, auth: session })).statusCode).toBe(204);
    const after = await api(t.app, { url: '/api/v1/notes', auth: { token: secret } });
    expect(after.statusCode).toBe(401);
    expect(after.data.error.code).toBe('UNAUTHENTICATED');
  });

  it('are limited to their scopes', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const readOnly = await makeToken(t.ctx, user.id, ['read']);
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x' }, auth: { token: readOnly } });
    expect(r.statusCode).toBe(403);
  });

  it('cannot mint further tokens', async () => {
    const user = await makeUser(t.ctx, [{ orgId, role: 'analyst' }]);
    const token = await makeToken(t.ctx, user.id);
    const r = await api(t.app, { method: 'POST', url: '/api/v1/tokens', body: { name: 'child', scopes: ['read'] }, auth: { token } });
    expect(r.statusCode).toBe(403);
  });

  it('reject a malformed or unknown bearer token instead of treating the caller as anonymous', async () => {
    expect((await api(t.app, { url: '/api/v1/notes', auth: { token: 'alz_unknown' } })).statusCode).toBe(401);
    expect((await api(t.app, { url: '/api/v1/notes', headers: { authorization: 'Basic abc' } })).statusCode).toBe(401);
  });
});

describe('organisation administration', () => {
  it('lets an organisation admin set roles of users in their organisation only', async () => {
    const otherOrg = await makeOrg(t.ctx);
    const admin = await makeUser(t.ctx, [{ orgId, role: 'admin' }]);
    const member = await makeUser(t.ctx, [{ orgId, role: 'viewer' }]);
    const token = await makeToken(t.ctx, admin.id);
    const ok = await api(t.app, { method: 'PUT', url: `/api/v1/organizations/${orgId}/members/${member.id}`, body: { roles: ['analyst', 'officer'] }, auth: { token } });
    expect(ok.statusCode).toBe(200);
    expect(ok.data.roles).toEqual(['analyst', 'officer']);
    const denied = await api(t.app, { method: 'PUT', url: `/api/v1/organizations/${otherOrg.id}/members/${member.id}`, body: { roles: ['admin'] }, auth: { token } });
    expect(denied.statusCode).toBe(403);
  });

  it('does not let an organisation admin change the organisation, their own roles, or pull in outsiders', async () => {
    const admin = await makeUser(t.ctx, [{ orgId, role: 'admin' }]);
    const outsider = await makeUser(t.ctx, [{ orgId: (await makeOrg(t.ctx)).id, role: 'analyst' }]);
    const token = await makeToken(t.ctx, admin.id);
    const retype = await api(t.app, { method: 'PATCH', url: `/api/v1/organizations/${orgId}`, body: { type: 'oversight_body' }, auth: { token } });
    expect(retype.statusCode).toBe(403);
    const self = await api(t.app, { method: 'PUT', url: `/api/v1/organizations/${orgId}/members/${admin.id}`, body: { roles: ['admin', 'auditor'] }, auth: { token } });
    expect(self.statusCode).toBe(403);
    const pull = await api(t.app, { method: 'PUT', url: `/api/v1/organizations/${orgId}/members/${outsider.id}`, body: { roles: ['viewer'] }, auth: { token } });
    const unknown = await api(t.app, { method: 'PUT', url: `/api/v1/organizations/${orgId}/members/00000000-0000-4000-8000-000000000000`, body: { roles: ['viewer'] }, auth: { token } });
    expect(pull.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(pull.data.error.message).toBe(unknown.data.error.message);
  });

  it('sees the new roles on the next request', async () => {
    const admin = await makeUser(t.ctx, [{ orgId, role: 'admin' }]);
    const member = await makeUser(t.ctx, [{ orgId, role: 'viewer' }]);
    const memberToken = await makeToken(t.ctx, member.id);
    const before = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x' }, auth: { token: memberToken } });
    expect(before.statusCode).toBe(403); // a viewer may not write for the organisation
    await api(t.app, { method: 'PUT', url: `/api/v1/organizations/${orgId}/members/${member.id}`, body: { roles: ['officer'] }, auth: { token: await makeToken(t.ctx, admin.id) } });
    const after = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x' }, auth: { token: memberToken } });
    expect(after.statusCode).toBe(201);
  });
});
