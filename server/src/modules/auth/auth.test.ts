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
      const r = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: `wrong ${i}` } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: { email: user.email, password: TEST_PASSWORD }, headers: { 'accept-language': 'pt' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.data.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    expect(locked.data.error.message).toMatch(/Tente novamente/);
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
