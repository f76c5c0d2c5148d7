import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, makeOrg, makeToken, makeUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let token: string;
const BODY_LIMIT = 4096;

beforeAll(async () => {
  t = await startTestPlatform({ config: { bodyLimitBytes: BODY_LIMIT } });
  const org = await makeOrg(t.ctx);
  token = await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }])).id);
});
afterAll(async () => t.stop());

function expectErrorShape(data: any, code: string) {
  expect(data).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Array), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  });
}

describe('bad input gets one error shape, never a 500', () => {
  it('400 with field details, localized by Accept-Language', async () => {
    const messages: Record<string, string> = {};
    for (const lang of ['es', 'en', 'pt']) {
      const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'PURPLE', title: '', extra: 1 }, auth: { token }, headers: { 'accept-language': lang } });
      expect(r.statusCode).toBe(400);
      expectErrorShape(r.data, 'VALIDATION_FAILED');
      expect(r.data.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['title', 'tlp']);
      messages[lang] = r.data.error.message;
    }
    expect(new Set(Object.values(messages)).size).toBe(3);
    expect(messages.es).toMatch(/no válidos/);
    expect(messages.pt).toMatch(/inválidos/);
  });

  it('defaults to Spanish and honours q-values', async () => {
    const none = await api(t.app, { url: '/api/v1/notes/not-a-uuid', auth: { token } });
    expect(none.statusCode).toBe(400);
    expect(none.data.error.details[0]).toMatchObject({ field: 'params.id', code: 'invalid_format' });
    expect(none.data.error.message).toMatch(/no válidos/);
    const ranked = await api(t.app, { url: '/api/v1/notes/not-a-uuid', auth: { token }, headers: { 'accept-language': 'fr;q=1, pt;q=0.9, en;q=0.8' } });
    expect(ranked.data.error.message).toMatch(/inválidos/);
  });

  it('400 for malformed JSON and for a missing required field', async () => {
    const malformed = await app().inject({ method: 'POST', url: '/api/v1/notes', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: '{"tlp": ' });
    expect(malformed.statusCode).toBe(400);
    expectErrorShape(malformed.json(), 'MALFORMED_REQUEST');
    const missing = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { title: 'x' }, auth: { token }, headers: { 'accept-language': 'en' } });
    expect(missing.data.error.details).toEqual([{ field: 'tlp', code: 'invalid_value', message: expect.stringMatching(/Options/) }]);
    const login = await api(t.app, { method: 'POST', url: '/api/v1/auth/login', body: {}, headers: { 'accept-language': 'en' } });
    expect(login.data.error.details).toContainEqual({ field: 'email', code: 'required', message: 'This field is required.' });
  });

  it('400, not 500, for input the database rejects: NUL characters, impossible dates, forged cursors', async () => {
    const nul = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'a\u0000b' }, auth: { token } });
    expect(nul.statusCode).toBe(400);
    const search = await api(t.app, { url: '/api/v1/notes?q=%00', auth: { token } });
    expect(search.statusCode).toBe(400);
    for (const cursor of [{ createdAt: '1', id: '-'.repeat(36) }, { createdAt: '+275760-09-13T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }, 'not json']) {
      const encoded = Buffer.from(typeof cursor === 'string' ? cursor : JSON.stringify(cursor)).toString('base64url');
      const r = await api(t.app, { url: `/api/v1/notes?cursor=${encoded}`, auth: { token } });
      expect(r.statusCode, JSON.stringify(cursor)).toBe(400);
      expect(r.data.error.details[0].field).toBe('cursor');
    }
  });

  it('400 for a malformed URL, in the error shape', async () => {
    const r = await app().inject({ method: 'GET', url: '/api/v1/notes/%E0%A4%A' });
    expect(r.statusCode).toBe(400);
    expectErrorShape(r.json(), 'MALFORMED_REQUEST');
  });

  it('400 with field details when creating users and task forces from bad input', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const adminToken = await makeToken(t.ctx, admin.id);
    const user = await api(t.app, { method: 'POST', url: '/api/v1/users', body: { email: 'not-an-email', displayName: '', password: 'short' }, auth: { token: adminToken } });
    expect(user.statusCode).toBe(400);
    expect(user.data.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['displayName', 'email', 'password']);
    const org = await makeOrg(t.ctx);
    const coordinator = await makeUser(t.ctx, [{ orgId: org.id, role: 'coordinator' }]);
    const group = await api(t.app, {
      method: 'POST',
      url: '/api/v1/sharing-groups',
      body: { name: 'Fuerza de tarea', ownerOrgId: org.id, memberOrgIds: ['00000000-0000-4000-8000-000000000000'] },
      auth: { token: await makeToken(t.ctx, coordinator.id) },
    });
    expect(group.statusCode).toBe(400);
    expect(group.data.error.details[0]).toMatchObject({ field: 'memberOrgIds.0', code: 'unknown_reference' });
  });

  it('413 for an oversized body', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x', body: 'a'.repeat(BODY_LIMIT * 2) }, auth: { token } });
    expect(r.statusCode).toBe(413);
    expectErrorShape(r.data, 'PAYLOAD_TOO_LARGE');
    expect(r.data.error.message).toContain(String(BODY_LIMIT));
  });

  it('415 for a content type other than JSON', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const r = await app().inject({ method: 'POST', url: '/api/v1/notes', headers: { 'content-type': type, authorization: `Bearer ${token}` }, payload: 'tlp=GREEN' });
      expect(r.statusCode).toBe(415);
      expectErrorShape(r.json(), 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('404 for an unknown route and for a missing record, both as JSON', async () => {
    const route = await api(t.app, { url: '/api/v1/nothing-here' });
    expect(route.statusCode).toBe(404);
    expectErrorShape(route.data, 'ROUTE_NOT_FOUND');
    const record = await api(t.app, { url: '/api/v1/notes/00000000-0000-4000-8000-000000000000', auth: { token } });
    expect(record.statusCode).toBe(404);
    expectErrorShape(record.data, 'NOT_FOUND');
  });

  it('401 for protected routes without credentials', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x' } });
    expect(r.statusCode).toBe(401);
    expectErrorShape(r.data, 'UNAUTHENTICATED');
  });

  it('400 for an invalid jurisdiction polygon, with the reason', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const adminToken = await makeToken(t.ctx, admin.id);
    const bowtie = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] };
    const r = await api(t.app, { method: 'POST', url: '/api/v1/organizations', body: { name: 'Bowtie', type: 'municipality', country: 'CL', jurisdiction: bowtie }, auth: { token: adminToken }, headers: { 'accept-language': 'en' } });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details[0]).toMatchObject({ field: 'jurisdiction', code: 'geojson.invalid_geometry', message: expect.stringMatching(/Self-intersection/) });
    const open = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] };
    const r2 = await api(t.app, { method: 'POST', url: '/api/v1/organizations', body: { name: 'Open', type: 'municipality', country: 'CL', jurisdiction: open }, auth: { token: adminToken } });
    expect(r2.statusCode).toBe(400);
    const swapped = { type: 'Polygon', coordinates: [[[-33, -170], [-33, -171], [-34, -171], [-33, -170]]] };
    const r3 = await api(t.app, { method: 'POST', url: '/api/v1/organizations', body: { name: 'Swapped', type: 'municipality', country: 'cl', jurisdiction: swapped }, auth: { token: adminToken } });
    expect(r3.data.error.details.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['country_code', 'geojson.latitude']));
  });

  it('409 for a duplicate organisation name, and nothing half-written', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const adminToken = await makeToken(t.ctx, admin.id);
    const body = { name: 'Municipalidad Única', type: 'municipality', country: 'CL' };
    expect((await api(t.app, { method: 'POST', url: '/api/v1/organizations', body, auth: { token: adminToken } })).statusCode).toBe(201);
    const auditBefore = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const dup = await api(t.app, { method: 'POST', url: '/api/v1/organizations', body: { ...body, name: 'municipalidad única' }, auth: { token: adminToken } });
    expect(dup.statusCode).toBe(409);
    expectErrorShape(dup.data, 'CONFLICT');
    expect(dup.data.error.details).toEqual([{ field: 'name', code: 'already_exists', message: expect.any(String) }]);
    expect(dup.body).not.toContain('_key');
    const auditAfter = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
  });

  it('accepts positions with altitude (RFC 7946) and stores them in 2D', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const withAltitude = { type: 'Polygon', coordinates: [[[-70.7, -33.5, 500], [-70.6, -33.5, 510], [-70.6, -33.4, 520], [-70.7, -33.5, 500]]] };
    const r = await api(t.app, { method: 'POST', url: '/api/v1/organizations', body: { name: 'Con altitud', type: 'municipality', country: 'CL', jurisdiction: withAltitude }, auth: { token: await makeToken(t.ctx, admin.id) } });
    expect(r.statusCode).toBe(201);
    expect(r.data.jurisdiction.coordinates[0][0][0]).toEqual([-70.7, -33.5]);
  });

  it('round-trips a valid jurisdiction as GeoJSON MultiPolygon', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const square = { type: 'Polygon', coordinates: [[[-70.7, -33.5], [-70.6, -33.5], [-70.6, -33.4], [-70.7, -33.4], [-70.7, -33.5]]] };
    const r = await api(t.app, { method: 'POST', url: '/api/v1/organizations', body: { name: 'Santiago Centro', type: 'municipality', country: 'CL', jurisdiction: square }, auth: { token: await makeToken(t.ctx, admin.id) } });
    expect(r.statusCode).toBe(201);
    expect(r.data.jurisdiction).toEqual({ type: 'MultiPolygon', coordinates: [square.coordinates] });
  });
});

describe('logs', () => {
  it('carry the request id and never a password, session cookie, CSRF or API token', async () => {
    const org = await makeOrg(t.ctx);
    const user = await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }]);
    const session = await login(t.app, user.email);
    const secretToken = await makeToken(t.ctx, user.id);
    const r = await api(t.app, { method: 'POST', url: '/api/v1/notes', body: { tlp: 'GREEN', title: 'x' }, auth: session });
    await api(t.app, { url: '/api/v1/notes?limit=1', auth: { token: secretToken } });
    const lines = t.logs.lines.filter((l) => l.includes(r.headers['x-request-id'] as string));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const cookieValue = session.cookie.split('=')[1]!;
    for (const secret of [TEST_PASSWORD, cookieValue, session.csrf, secretToken]) expect(t.logs.text).not.toContain(secret);
  });
});

const app = () => t.app;
