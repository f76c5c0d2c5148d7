import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tlp } from '../../platform/db/schema.ts';
import { api, makeOrg, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});
const PORTLAND = { lon: -122.65, lat: 45.52 };

let t: TestPlatform;
let owner: { id: string };
let county: { id: string };
let district: { id: string };
let writer: Auth;
let analyst: Auth;
let outsider: Auth;
const ids = new Map<string, string>();

const incident = (overrides: Record<string, unknown> = {}) => ({
  tlp: 'GREEN',
  iccsCode: '0501',
  occurredFrom: '2016-08-10T00:00:00Z',
  location: PORTLAND,
  ...overrides,
});

beforeAll(async () => {
  t = await startTestPlatform();
  owner = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  county = await makeOrg(t.ctx, { type: 'municipality', country: 'US', jurisdiction: square(PORTLAND.lon, PORTLAND.lat, 0.5) });
  district = await makeOrg(t.ctx, { type: 'police_agency', country: 'US', jurisdiction: square(PORTLAND.lon, PORTLAND.lat, 0.05) });
  const other = await makeOrg(t.ctx, { type: 'ngo', country: 'US' });
  const tokenFor = async (orgId: string, role: 'officer' | 'analyst') =>
    ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id, ['read', 'write']) });
  writer = await tokenFor(owner.id, 'officer');
  analyst = await tokenFor(owner.id, 'analyst');
  outsider = await tokenFor(other.id, 'analyst');
  const create = async (key: string, body: Record<string, unknown>) => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/incidents', body, auth: writer });
    expect(r.statusCode, r.body).toBe(201);
    ids.set(key, r.data.id);
  };
  for (const tlp of ['CLEAR', 'GREEN', 'AMBER'] satisfies Tlp[]) await create(tlp, incident({ tlp }));
  await create('robbery', incident({ tlp: 'CLEAR', iccsCode: '0401', occurredFrom: '2016-09-01T10:00:00Z', location: { lon: PORTLAND.lon + 0.3, lat: PORTLAND.lat } }));
  await create('residential burglary', incident({ tlp: 'CLEAR', iccsCode: '05012', occurredFrom: '2016-08-20T22:00:00Z', occurredTo: '2016-08-21T06:00:00Z', location: null }));
});
afterAll(async () => t.stop());

const listIds = async (query: string, auth: Auth) => {
  const r = await api(t.app, { url: `/api/v1/incidents?limit=1000${query}`, auth });
  expect(r.statusCode, r.body).toBe(200);
  return new Set((r.data.items as { id: string }[]).map((i) => i.id));
};
const keysOf = (seen: Set<string>) => [...ids].filter(([, id]) => seen.has(id)).map(([key]) => key).sort();

describe('incident access', () => {
  it('shows AMBER incidents to need-to-know members of the owner and never to another organisation', async () => {
    expect(keysOf(await listIds('', analyst))).toContain('AMBER');
    expect(keysOf(await listIds('', outsider))).not.toContain('AMBER');
    expect((await api(t.app, { url: `/api/v1/incidents/${ids.get('AMBER')}`, auth: outsider })).statusCode).toBe(404);
  });

  it('shows GREEN to members of any organisation and CLEAR to everyone, anonymous visitors included', async () => {
    expect(keysOf(await listIds('', outsider))).toEqual(['CLEAR', 'GREEN', 'residential burglary', 'robbery']);
    expect(keysOf(await listIds('', null))).toEqual(['CLEAR', 'residential burglary', 'robbery']);
    expect((await api(t.app, { url: `/api/v1/incidents/${ids.get('GREEN')}`, auth: null })).statusCode).toBe(404);
  });

  it('answers 404 alike for a hidden incident and one that does not exist', async () => {
    const hidden = await api(t.app, { url: `/api/v1/incidents/${ids.get('AMBER')}`, auth: outsider });
    const missing = await api(t.app, { url: '/api/v1/incidents/00000000-0000-4000-8000-000000000000', auth: outsider });
    expect([hidden.statusCode, hidden.data.error.code]).toEqual([missing.statusCode, missing.data.error.code]);
  });

  it('audits reads of AMBER incidents, through get and list, and not of CLEAR or GREEN', async () => {
    const before = await t.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await api(t.app, { url: '/api/v1/incidents?limit=1000', auth: analyst });
    await api(t.app, { url: `/api/v1/incidents/${ids.get('AMBER')}`, auth: analyst });
    await api(t.app, { url: `/api/v1/incidents/${ids.get('GREEN')}`, auth: analyst });
    const reads = await t.ctx.db.selectFrom('audit_log').select(['record_id', 'record_type']).where('seq', '>', before.seq).where('action', '=', 'read').execute();
    expect(reads).toEqual([
      { record_type: 'incident', record_id: ids.get('AMBER') },
      { record_type: 'incident', record_id: ids.get('AMBER') },
    ]);
  });

  it('refuses to record incidents for an organisation the caller does not belong to', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/incidents', body: incident({ ownerOrgId: owner.id }), auth: outsider });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details[0]).toMatchObject({ field: 'ownerOrgId', code: 'not_a_member' });
  });
});

describe('incident filters', () => {
  it('matches an ICCS prefix at every level below it', async () => {
    expect(keysOf(await listIds('&iccs=05', analyst))).toEqual(['AMBER', 'CLEAR', 'GREEN', 'residential burglary']);
    expect(keysOf(await listIds('&iccs=05012', analyst))).toEqual(['residential burglary']);
    expect(keysOf(await listIds('&iccs=04', analyst))).toEqual(['robbery']);
  });

  it('selects by an occurrence window that overlaps the requested one', async () => {
    const window = `&from=${encodeURIComponent('2016-08-21T00:00:00Z')}&to=${encodeURIComponent('2016-09-01T00:00:00Z')}`;
    expect(keysOf(await listIds(window, analyst))).toEqual(['residential burglary']);
  });

  it('selects by bounding box', async () => {
    const bbox = `&bbox=${PORTLAND.lon - 0.1},${PORTLAND.lat - 0.1},${PORTLAND.lon + 0.1},${PORTLAND.lat + 0.1}`;
    expect(keysOf(await listIds(bbox, analyst))).toEqual(['AMBER', 'CLEAR', 'GREEN']);
  });
});

describe('administrative area', () => {
  it('is the smallest jurisdiction covering the location, and none without a location', async () => {
    const inner = await api(t.app, { url: `/api/v1/incidents/${ids.get('CLEAR')}`, auth: null });
    expect(inner.data.adminAreaOrgId).toBe(district.id);
    const outer = await api(t.app, { url: `/api/v1/incidents/${ids.get('robbery')}`, auth: null });
    expect(outer.data.adminAreaOrgId).toBe(county.id);
    const none = await api(t.app, { url: `/api/v1/incidents/${ids.get('residential burglary')}`, auth: null });
    expect(none.data.adminAreaOrgId).toBeNull();
  });
});

describe('bad input', () => {
  const post = (body: Record<string, unknown>, lang = 'en') =>
    api(t.app, { method: 'POST', url: '/api/v1/incidents', body, auth: writer, headers: { 'accept-language': lang } });

  it('refuses a malformed ICCS code and one of no known category, in the caller\'s language', async () => {
    const malformed = await post(incident({ iccsCode: '5' }), 'es');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.error.details[0]).toMatchObject({ field: 'iccsCode', code: 'iccs.invalid_code' });
    expect(malformed.data.error.details[0].message).toMatch(/código ICCS/);
    const unknown = await post(incident({ iccsCode: '0108' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.data.error.details[0]).toMatchObject({ field: 'iccsCode', code: 'iccs.unknown_code' });
  });

  it('refuses an occurrence window that ends before it starts', async () => {
    const r = await post(incident({ occurredFrom: '2016-08-10T10:00:00Z', occurredTo: '2016-08-10T09:00:00Z' }), 'pt');
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details[0]).toMatchObject({ field: 'occurredTo', code: 'incidents.to_before_from' });
    expect(r.data.error.details[0].message).toMatch(/intervalo/);
  });

  it('refuses coordinates outside WGS 84', async () => {
    const r = await post(incident({ location: { lon: 7660085, lat: 672910 } }));
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details.map((d: { field: string; code: string }) => `${d.field}:${d.code}`)).toEqual(['location.lon:geojson.longitude', 'location.lat:geojson.latitude']);
  });

  it('refuses a malformed bounding box', async () => {
    const r = await api(t.app, { url: '/api/v1/incidents?bbox=10,10,0,0', auth: analyst });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details[0]).toMatchObject({ field: 'bbox', code: 'incidents.bbox_format' });
  });
});

describe('ICCS categories', () => {
  it('lists sections and divisions in the caller\'s language, English where no official wording exists', async () => {
    const es = await api(t.app, { url: '/api/v1/iccs', headers: { 'accept-language': 'es' } });
    const byCode = new Map((es.data.items as { code: string; name: string; verified: boolean; parent: string | null }[]).map((c) => [c.code, c]));
    expect(byCode.size).toBe(73);
    expect(byCode.get('0101')).toMatchObject({ name: 'Homicidio intencional', verified: true, parent: '01' });
    expect(byCode.get('0501')?.name).toBe('Burglary');
    expect(byCode.has('0108')).toBe(false);
    const pt = await api(t.app, { url: '/api/v1/iccs', headers: { 'accept-language': 'pt' } });
    expect(pt.data.items.find((c: { code: string }) => c.code === '0502').name).toBe('Furto');
  });
});
