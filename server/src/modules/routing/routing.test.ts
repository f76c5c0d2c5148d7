import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { decideRoute } from './service.ts';

const square = (lon: number, lat: number, d: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
});

// Santiago: a national force covering the region, a municipal force inside it, a commune
// overlapping the municipal one on its eastern half, and a prosecutor with no area.
const CITY = { lon: -70.65, lat: -33.45 };
let t: TestPlatform;
let admin: { token: string };
let national: { id: string };
let municipal: { id: string };
let commune: { id: string };
let prosecutor: { id: string };
let oversight: { id: string };

beforeAll(async () => {
  t = await startTestPlatform();
  national = await makeOrg(t.ctx, { jurisdiction: square(CITY.lon, CITY.lat, 1) });
  municipal = await makeOrg(t.ctx, { jurisdiction: square(CITY.lon, CITY.lat, 0.1) });
  commune = await makeOrg(t.ctx, { type: 'municipality', jurisdiction: square(CITY.lon + 0.1, CITY.lat, 0.05) });
  prosecutor = await makeOrg(t.ctx, { type: 'prosecutor' });
  oversight = await makeOrg(t.ctx, { type: 'oversight_body' });
  const root = await makeUser(t.ctx, [], { platformAdmin: true });
  admin = { token: await makeToken(t.ctx, root.id) };
  const rules = [
    { channel: 'tip', category: null, orgId: national.id, role: 'responsible' },
    { channel: 'tip', category: null, orgId: municipal.id, role: 'responsible' },
    { channel: 'tip', category: 'illegal_dumping_never', orgId: commune.id, role: 'informed' },
    { channel: 'tip', category: null, orgId: commune.id, role: 'informed' },
    { channel: 'tip', category: 'trafficking', orgId: prosecutor.id, role: 'informed', scope: 'anywhere' },
    { channel: 'tip', category: 'weapons', orgId: national.id, role: 'responsible' },
  ];
  for (const rule of rules) {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/routing-rules', auth: admin, body: rule });
    if (rule.category === 'illegal_dumping_never') expect(r.statusCode).toBe(400);
    else expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => t.stop());

async function tipAt(category: string, at: { lon: number; lat: number } | null) {
  const body = `Routing test ${Math.random()}`;
  const r = await api(t.app, {
    method: 'POST',
    url: '/api/v1/tips',
    body: { category, body, ...(at ? { location: at } : {}) },
    remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  expect(r.statusCode, r.body).toBe(201);
  const row = await t.ctx.db.selectFrom('reports').select(['id', 'responsible_org_id']).where('body', '=', body).executeTakeFirstOrThrow();
  return { ...row, route: await decideRoute(t.ctx.db, row.id) };
}

describe('routing of reports over overlapping jurisdictions', () => {
  it('gives a report to the most local organisation whose jurisdiction covers it', async () => {
    const inCity = await tipAt('drug_sales', CITY);
    expect(inCity.responsible_org_id).toBe(municipal.id);
    const outside = await tipAt('drug_sales', { lon: CITY.lon - 0.5, lat: CITY.lat });
    expect(outside.responsible_org_id).toBe(national.id);
  });

  it('adds every matching information-only organisation, never the responsible one twice', async () => {
    // East of the city centre both the municipal force and the commune cover the point.
    const east = await tipAt('trafficking', { lon: CITY.lon + 0.08, lat: CITY.lat });
    expect(east.responsible_org_id).toBe(municipal.id);
    expect(new Set(east.route.informedOrgIds)).toEqual(new Set([commune.id, prosecutor.id]));
    const west = await tipAt('extortion', { lon: CITY.lon - 0.08, lat: CITY.lat });
    expect(west.route.informedOrgIds).toEqual([]);
  });

  it('prefers a rule for the category over a rule for any category, whatever the area', async () => {
    const weapons = await tipAt('weapons', CITY);
    expect(weapons.responsible_org_id).toBe(national.id);
  });

  it('lets an explicit priority decide between overlapping rules', async () => {
    const rule = await api(t.app, { method: 'POST', url: '/api/v1/routing-rules', auth: admin, body: { channel: 'tip', category: 'corruption', orgId: prosecutor.id, role: 'responsible', scope: 'anywhere', priority: 10 } });
    expect(rule.statusCode).toBe(201);
    expect((await tipAt('corruption', CITY)).responsible_org_id).toBe(prosecutor.id);
    expect((await tipAt('corruption', null)).responsible_org_id).toBe(prosecutor.id);
    await api(t.app, { method: 'DELETE', url: `/api/v1/routing-rules/${rule.data.id}`, auth: admin });
    expect((await tipAt('corruption', CITY)).responsible_org_id).toBe(municipal.id);
  });

  it("leaves reports no rule covers in the coordinators' queue", async () => {
    expect((await tipAt('drug_sales', null)).responsible_org_id).toBeNull();
    expect((await tipAt('drug_sales', { lon: 10, lat: 50 })).responsible_org_id).toBeNull();
  });

  it('refuses rules that cannot work, with the field named', async () => {
    const post = (body: object) => api(t.app, { method: 'POST', url: '/api/v1/routing-rules', auth: admin, body, headers: { 'accept-language': 'es' } });
    const noArea = await post({ channel: 'tip', orgId: prosecutor.id, role: 'responsible', scope: 'jurisdiction' });
    expect(noArea.statusCode).toBe(400);
    expect(noArea.data.error.details[0]).toMatchObject({ field: 'scope', code: 'routing.no_jurisdiction' });
    const conduct = await post({ channel: 'conduct', orgId: national.id, role: 'responsible' });
    expect(conduct.data.error.details[0]).toMatchObject({ field: 'orgId', code: 'routing.conduct_needs_oversight' });
    expect(conduct.data.error.details[0].message).toMatch(/órgano de control/);
    expect((await post({ channel: 'conduct', orgId: oversight.id, role: 'responsible', scope: 'anywhere' })).statusCode).toBe(201);
    expect((await post({ channel: 'tip', category: 'no_such_thing', orgId: national.id, role: 'responsible' })).data.error.details[0].field).toBe('category');
    expect((await post({ channel: 'tip', orgId: '00000000-0000-4000-8000-000000000000', role: 'responsible' })).data.error.details[0].field).toBe('orgId');
    expect((await post({ channel: 'tip', orgId: national.id, role: 'responsible' })).statusCode).toBe(409);
  });

  it('are managed by platform administrators and intake coordinators only', async () => {
    const hub = await makeOrg(t.ctx, { type: 'municipality', triageHub: true });
    const hubCoordinator = await makeUser(t.ctx, [{ orgId: hub.id, role: 'coordinator' }]);
    const policeCoordinator = await makeUser(t.ctx, [{ orgId: municipal.id, role: 'coordinator' }]);
    const asHub = await login(t.app, hubCoordinator.email);
    const asPolice = await login(t.app, policeCoordinator.email);
    expect((await api(t.app, { url: '/api/v1/routing-rules', auth: asHub })).statusCode).toBe(200);
    expect((await api(t.app, { url: '/api/v1/routing-rules', auth: asPolice })).statusCode).toBe(403);
    const created = await api(t.app, { method: 'POST', url: '/api/v1/routing-rules', auth: asHub, body: { channel: 'tip', category: 'extortion', orgId: commune.id, role: 'responsible' } });
    expect(created.statusCode).toBe(201);
    const denied = await api(t.app, { method: 'POST', url: '/api/v1/routing-rules', auth: asPolice, body: { channel: 'tip', category: 'other', orgId: municipal.id, role: 'responsible' } });
    expect(denied.statusCode).toBe(403);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('record_type', '=', 'routing_rule').where('record_id', '=', created.data.id).execute();
    expect(audit).toEqual([{ action: 'create', actor_user_id: hubCoordinator.id }]);
  });
});
