import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let org: { id: string };
let analyst: Auth;
let viewer: Auth;
let outsider: Auth;
beforeAll(async () => {
  t = await startTestPlatform();
  org = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  const other = await makeOrg(t.ctx, { type: 'ngo', country: 'US' });
  const tokenFor = async (orgId: string, role: 'analyst' | 'viewer') => ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id, ['read', 'write']) });
  analyst = await tokenFor(org.id, 'analyst');
  viewer = await tokenFor(org.id, 'viewer');
  outsider = await tokenFor(other.id, 'analyst');
});
afterAll(async () => t.stop());

const portland = (name: string) => ({
  name,
  settings: { format: 'csv', columns: { externalId: { linePrefix: 'cfs' }, category: 'category', occurredFrom: 'occ_date', x: 'x_ft', y: 'y_ft' }, dateFormat: 'YYYY-MM-DD', utcOffsetMinutes: -420, crs: 'EPSG:2913' },
  tlp: 'AMBER',
});
const auditOf = async (recordId: string) => (await t.ctx.db.selectFrom('audit_log').select('action').where('record_id', '=', recordId).orderBy('seq').execute()).map((e) => e.action);

describe('import profiles', () => {
  it('are created, listed, read, replaced and deleted by the organisation\'s writers, every change audited', async () => {
    const created = await api(t.app, { method: 'POST', url: '/api/v1/import-profiles', body: portland('Portland CFS'), auth: analyst });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.data).toMatchObject({ ownerOrgId: org.id, name: 'Portland CFS', source: 'import', settings: { delimiter: ',', crs: 'EPSG:2913' } });
    const id = created.data.id as string;
    expect((await api(t.app, { url: '/api/v1/import-profiles', auth: viewer })).data.items.map((p: { id: string }) => p.id)).toContain(id);
    const replaced = await api(t.app, { method: 'PUT', url: `/api/v1/import-profiles/${id}`, body: { ...portland('Portland CFS'), tlp: 'GREEN' }, auth: analyst });
    expect([replaced.statusCode, replaced.data.tlp]).toEqual([200, 'GREEN']);
    expect((await api(t.app, { url: `/api/v1/import-profiles/${id}`, auth: analyst })).data.tlp).toBe('GREEN');
    expect((await api(t.app, { method: 'DELETE', url: `/api/v1/import-profiles/${id}`, auth: analyst })).statusCode).toBe(204);
    expect((await api(t.app, { url: `/api/v1/import-profiles/${id}`, auth: analyst })).statusCode).toBe(404);
    expect(await auditOf(id)).toEqual(['create', 'update', 'delete']);
  });

  it('refuses a duplicate name, an unknown CRS in the caller\'s language, and writes by viewers and outsiders', async () => {
    expect((await api(t.app, { method: 'POST', url: '/api/v1/import-profiles', body: portland('Twice'), auth: analyst })).statusCode).toBe(201);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/import-profiles', body: portland('Twice'), auth: analyst })).statusCode).toBe(409);
    const unknown = portland('Unknown CRS');
    unknown.settings.crs = 'EPSG:99999';
    const r = await api(t.app, { method: 'POST', url: '/api/v1/import-profiles', body: unknown, auth: analyst, headers: { 'accept-language': 'es' } });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details[0]).toMatchObject({ field: 'settings.crs', code: 'imports.unknown_crs' });
    expect(r.data.error.details[0].message).toMatch(/sistema de coordenadas/);
    expect((await api(t.app, { method: 'POST', url: '/api/v1/import-profiles', body: portland('By a viewer'), auth: viewer })).statusCode).toBe(403);
    const foreign = await api(t.app, { method: 'POST', url: '/api/v1/import-profiles', body: { ...portland('Foreign'), ownerOrgId: org.id }, auth: outsider });
    expect(foreign.data.error.details[0]).toMatchObject({ field: 'ownerOrgId', code: 'not_a_member' });
    expect((await api(t.app, { url: `/api/v1/import-profiles?orgId=${org.id}`, auth: outsider })).statusCode).toBe(404);
  });
});

describe('category mappings', () => {
  it('are added, changed and removed through the API, validated against ICCS and audited', async () => {
    const put = await api(t.app, { method: 'PUT', url: '/api/v1/category-mappings', body: { mappings: [{ sourceCategory: 'BURGLARY', iccsCode: '0501' }, { sourceCategory: 'OTHER', iccsCode: null }] }, auth: analyst });
    expect(put.statusCode, put.body).toBe(200);
    const changed = await api(t.app, { method: 'PUT', url: '/api/v1/category-mappings', body: { mappings: [{ sourceCategory: 'BURGLARY', iccsCode: '05012' }] }, auth: analyst });
    expect(changed.data.items).toEqual([{ sourceCategory: 'BURGLARY', iccsCode: '05012' }, { sourceCategory: 'OTHER', iccsCode: null }]);
    const removed = await api(t.app, { method: 'DELETE', url: '/api/v1/category-mappings', body: { sourceCategories: ['OTHER'] }, auth: analyst });
    expect(removed.data.items).toEqual([{ sourceCategory: 'BURGLARY', iccsCode: '05012' }]);
    const bad = await api(t.app, { method: 'PUT', url: '/api/v1/category-mappings', body: { mappings: [{ sourceCategory: 'X', iccsCode: '0108' }] }, auth: analyst });
    expect(bad.data.error.details[0]).toMatchObject({ field: 'mappings.0.iccsCode', code: 'iccs.unknown_code' });
    const audited = await t.ctx.db.selectFrom('audit_log').select('action').where('record_type', '=', 'category_mapping').where('actor_org_id', '=', org.id).execute();
    expect(audited.map((a) => a.action)).toEqual(['update', 'update', 'delete']);
    expect((await api(t.app, { method: 'PUT', url: '/api/v1/category-mappings', body: { mappings: [{ sourceCategory: 'X', iccsCode: null }] }, auth: viewer })).statusCode).toBe(403);
  });

  it('lists the coordinate reference systems imports accept', async () => {
    const r = await api(t.app, { url: '/api/v1/crs' });
    expect(r.data.items.find((c: { code: string }) => c.code === 'EPSG:9377')).toMatchObject({ name: 'MAGNA-SIRGAS / Origen-Nacional', geographic: false });
  });
});
