import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, SENDER_TRACES } from '../../../test/anonymity.ts';
import { api, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { OrgType, Role } from '../../platform/db/schema.ts';
import type { DeliveredEvent } from '../../platform/events/event-bus.ts';
import { createOrganization } from '../organizations/service.ts';
import { decideRoute } from '../routing/service.ts';
import { triageableBy } from '../triage/policy.ts';
import { publicCount } from './policy.ts';

let t: TestPlatform;
const SQUARE = { type: 'Polygon' as const, coordinates: [[[-70.7, -33.5], [-70.6, -33.5], [-70.6, -33.4], [-70.7, -33.4], [-70.7, -33.5]]] };
const org = (name: string, type: OrgType, withJurisdiction = true) =>
  createOrganization(t.ctx, systemActor(), { name: `${name} ${randomUUID().slice(0, 6)}`, type, country: 'CL', ...(withJurisdiction ? { jurisdiction: SQUARE } : {}) });

let concerned: { id: string };
let otherPolice: { id: string };
let hiddenPolice: { id: string };
let city: { id: string };
let oversight: { id: string };
let ruleMaker: string;
const ROLES: Role[] = ['admin', 'coordinator', 'analyst', 'officer', 'auditor'];
/** A token of a person with each role in the unit concerned. */
const unitStaff: Partial<Record<Role, string>> = {};
let oversightCoordinator: Actor;

beforeAll(async () => {
  t = await startTestPlatform();
  [concerned, otherPolice, hiddenPolice, city, oversight] = await Promise.all([
    org('Comisaría Norte', 'police_agency'),
    org('Comisaría Sur', 'police_agency'),
    org('Unidad reservada', 'police_agency', false),
    org('Municipio', 'municipality'),
    org('Defensoría policial', 'oversight_body', false),
  ]);
  const admin = await makeUser(t.ctx, [], { platformAdmin: true });
  ruleMaker = admin.id;
  // Written directly: POST /api/v1/routing-rules fails on this branch's base (it passes `orgId` through to the insert).
  await t.ctx.db.insertInto('routing_rules').values({ channel: 'conduct', category: null, org_id: oversight.id, role: 'responsible', scope: 'anywhere', created_by: admin.id }).execute();
  for (const role of ROLES) unitStaff[role] = await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId: concerned.id, role }])).id);
  const coordinator = await makeUser(t.ctx, [{ orgId: oversight.id, role: 'coordinator' }]);
  oversightCoordinator = { kind: 'user', userId: coordinator.id, isPlatformAdmin: false, memberships: [{ orgId: oversight.id, role: 'coordinator' }], scopes: null, requestId: null, locale: 'es' };
});
afterAll(async () => t.stop());

const submit = (body: object, extra: { headers?: Record<string, string>; remoteAddress?: string } = {}) =>
  api(t.app, { method: 'POST', url: '/api/v1/conduct', body, remoteAddress: `192.0.2.${Math.floor(Math.random() * 250)}`, ...extra });
const complaint = (overrides: object = {}) => ({
  category: 'complaint_corruption',
  unitId: concerned.id,
  consent: 'anonymous',
  body: `Me pidieron plata para no hacer el parte ${randomUUID()}`,
  ...overrides,
});
const reportOf = (body: string) =>
  t.ctx.db.selectFrom('reports').select(['id', 'channel', 'concerned_org_id', 'responsible_org_id', 'consent_tier', 'received_hour']).where('body', '=', body).executeTakeFirstOrThrow();

describe('police-conduct feedback', () => {
  it('offers complaint kinds and the commendation in the resident\'s language, and only publicly listed police units', async () => {
    const en = await api(t.app, { url: '/api/v1/conduct/categories', headers: { 'accept-language': 'en' } });
    expect(en.data.items).toContainEqual({ code: 'complaint_excessive_force', name: 'Excessive force', kind: 'complaint' });
    expect(en.data.items.at(-1)).toEqual({ code: 'commendation', name: 'Commendation', kind: 'commendation' });
    expect(en.data.items.at(-2).code).toBe('complaint_other');
    const units = (await api(t.app, { url: '/api/v1/conduct/units' })).data.items.map((u: { id: string }) => u.id);
    expect(units).toEqual(expect.arrayContaining([concerned.id, otherPolice.id]));
    expect(units).not.toContain(hiddenPolice.id); // no jurisdiction: not publicly listed
    expect(units).not.toContain(city.id);
    expect(units).not.toContain(oversight.id);
  });

  it('is received anonymously, routed to the oversight body, and followed up with the receipt like a tip', async () => {
    const body = complaint({ consent: 'public_without_names', locationText: 'Control en la ruta 5', occurredText: 'el viernes, de noche' });
    const r = await submit(body);
    expect(r.statusCode).toBe(201);
    expect(r.data.receipt).toMatch(/^[1-9][0-9]{15}$/);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const row = await reportOf(body.body);
    expect(row).toMatchObject({ channel: 'conduct', concerned_org_id: concerned.id, responsible_org_id: oversight.id, consent_tier: 'public_without_names' });
    expect(row.received_hour.getTime() % 3_600_000).toBe(0);
    const followed = await api(t.app, { method: 'POST', url: '/api/v1/tips/access', body: { receipt: r.data.receipt, passphrase: r.data.passphrase, message: 'Era la patrulla 214.' } });
    expect(followed.statusCode).toBe(200);
    expect(followed.data).toMatchObject({ channel: 'conduct', status: 'received', category: 'complaint_corruption', messages: [{ from: 'reporter', body: 'Era la patrulla 214.' }] });
  });

  it('never reaches the unit concerned, even through rules that name it', async () => {
    // Misconfigured rules, written past the API's checks: the unit itself made responsible
    // with top priority, and informed of every conduct report.
    await t.ctx.db
      .insertInto('routing_rules')
      .values([
        { channel: 'conduct', category: 'complaint_excessive_force', org_id: concerned.id, role: 'responsible', scope: 'anywhere', priority: 1000, created_by: ruleMaker },
        { channel: 'conduct', category: null, org_id: concerned.id, role: 'informed', scope: 'anywhere', priority: 0, created_by: ruleMaker },
      ])
      .execute();
    const events: DeliveredEvent[] = [];
    const unsubscribe = t.ctx.events.subscribe((event) => events.push(event));
    const body = complaint({ category: 'complaint_excessive_force' });
    expect((await submit(body)).statusCode).toBe(201);
    const row = await reportOf(body.body);
    expect(row.responsible_org_id).toBe(oversight.id);
    expect((await decideRoute(t.ctx.db, row.id)).informedOrgIds).not.toContain(concerned.id);
    // The other police unit is informed under the same kind of rule: the exclusion is for the unit concerned only.
    await t.ctx.db.insertInto('routing_rules').values({ channel: 'conduct', category: null, org_id: otherPolice.id, role: 'informed', scope: 'anywhere', created_by: ruleMaker }).execute();
    expect((await decideRoute(t.ctx.db, row.id)).informedOrgIds).toContain(otherPolice.id);

    // The database refuses what a later mistake might try: making the unit responsible, or forwarding it a copy.
    await expect(t.ctx.db.updateTable('reports').set({ responsible_org_id: concerned.id }).where('id', '=', row.id).execute()).rejects.toThrow();
    await expect(
      t.ctx.db.insertInto('report_forwards').values({ report_id: row.id, owner_org_id: concerned.id, role: 'informed', tlp: 'AMBER', body: 'copia', created_by: ruleMaker }).execute(),
    ).rejects.toThrow(/never forwarded/);
    await expect(t.ctx.db.updateTable('reports').set({ concerned_org_id: city.id }).where('id', '=', row.id).execute()).rejects.toThrow(/police agency/);

    const deadline = Date.now() + 5_000;
    while (!events.some((e) => e.recordId === row.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    unsubscribe();
    expect(events.find((e) => e.recordId === row.id)).toMatchObject({ type: 'report.received', orgIds: [oversight.id] });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_org_id', sql<string>`diff::text`.as('diff')]).where('record_id', '=', row.id).execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const entry of audit) {
      expect(entry.actor_org_id).not.toBe(concerned.id);
      expect(entry.diff).not.toContain(concerned.id);
    }
    await t.ctx.db.deleteFrom('routing_rules').where('org_id', 'in', [concerned.id, otherPolice.id]).execute();
  });

  it('cannot be read by anyone of the unit concerned, through any endpoint, while the oversight body can triage it', async () => {
    const marker = `marcador-${randomUUID()}`;
    const body = complaint({ body: `Golpearon a un detenido ${marker}`, category: 'complaint_excessive_force', consent: 'public' });
    expect((await submit(body)).statusCode).toBe(201);
    const { id } = await reportOf(body.body);
    const doc = (await api(t.app, { url: '/api/openapi.json' })).data as { paths: Record<string, Record<string, unknown>> };
    const urls = Object.entries(doc.paths)
      // Event streams never end; what they deliver is tested in triage.test.ts (live queue).
      .filter(([path, operations]) => 'get' in operations && !path.endsWith('/stream'))
      .map(([path]) => path.replace(/\{(z|x|y)\}/g, '0').replace(/\{[^}]+\}/g, id));
    expect(urls.length).toBeGreaterThan(10);
    for (const role of ROLES) {
      for (const url of urls) {
        const r = await api(t.app, { url, auth: { token: unitStaff[role]! } });
        expect(r.body, `${role} GET ${url}`).not.toContain(marker);
        if (r.statusCode < 300) expect(r.body, `${role} GET ${url}`).not.toContain(id);
      }
      const memberships = [{ orgId: concerned.id, role }];
      const unitActor: Actor = { ...oversightCoordinator, memberships };
      expect(await t.ctx.db.selectFrom('reports as r').select('r.id').where('r.id', '=', id).where(triageableBy(unitActor, 'r')).execute()).toEqual([]);
    }
    expect(await t.ctx.db.selectFrom('reports as r').select('r.id').where('r.id', '=', id).where(triageableBy(oversightCoordinator, 'r')).execute()).toEqual([{ id }]);
  });

  it('accepts only the four consent tiers and police units from the public list, with localized field errors', async () => {
    const missing = await submit(complaint({ consent: undefined }), { headers: { 'accept-language': 'en' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.data.error.details).toEqual([{ field: 'consent', code: 'required', message: 'This field is required.' }]);
    const unknown = await submit(complaint({ consent: 'secret' }), { headers: { 'accept-language': 'pt' } });
    expect(unknown.data.error.details).toEqual([
      { field: 'consent', code: 'conduct.unknown_consent', message: expect.stringMatching(/^Escolha uma das opções de consentimento/) },
    ]);
    for (const unitId of [city.id, oversight.id, hiddenPolice.id, randomUUID(), 'comisaria-norte']) {
      const r = await submit(complaint({ unitId }), { headers: { 'accept-language': 'es' } });
      expect(r.statusCode, unitId).toBe(400);
      expect(r.data.error.details, unitId).toEqual([{ field: 'unitId', code: 'conduct.unknown_unit', message: 'Elija una unidad policial de la lista.' }]);
    }
    const tipCategory = await submit(complaint({ category: 'drug_sales' }), { headers: { 'accept-language': 'es' } });
    expect(tipCategory.data.error.details).toEqual([{ field: 'category', code: 'unknown_category', message: 'Categoría desconocida.' }]);
    for (const consent of ['public', 'public_without_names', 'anonymous', 'statistics_only']) expect((await submit(complaint({ consent }))).statusCode).toBe(201);
    await expect(sql`update reports set consent_tier = 'everyone' where channel = 'conduct'`.execute(t.ctx.db)).rejects.toThrow();
    // Statistics only: never forwarded, to anyone.
    const statistics = await t.ctx.db.selectFrom('reports').select('id').where('consent_tier', '=', 'statistics_only').executeTakeFirstOrThrow();
    await expect(
      t.ctx.db.insertInto('report_forwards').values({ report_id: statistics.id, owner_org_id: oversight.id, role: 'responsible', tlp: 'AMBER', body: 'copia', created_by: ruleMaker }).execute(),
    ).rejects.toThrow(/statistics only/);
  });

  it('answers empty, oversized or malformed input with localized 400s and stores nothing', async () => {
    const marker = randomUUID();
    const r = await submit(complaint({ body: '   ', occurredText: 'x'.repeat(201), locationText: 'y'.repeat(501), unitId: 42, idempotencyKey: 'not a key!' }), {
      headers: { 'accept-language': 'pt' },
    });
    expect(r.statusCode).toBe(400);
    const details = Object.fromEntries(r.data.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(Object.keys(details).sort()).toEqual(['body', 'idempotencyKey', 'locationText', 'occurredText', 'unitId']);
    expect(details.body).toBe('Campo obrigatório.');
    expect(details.occurredText).toBe('Deve ter no máximo 200 caracteres.');
    expect(r.data.error.message).toBe('A solicitação contém dados inválidos.');
    const html = await submit(complaint({ body: `<script>alert(1)</script> ${marker}` }));
    expect(html.statusCode).toBe(201); // stored as text, rendered escaped
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from reports where body like ${`%${marker}%`}`.execute(t.ctx.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('is not duplicated by a retry, and an idempotency key never returns another channel\'s receipt', async () => {
    const idempotencyKey = `conduct-${randomUUID()}`;
    const body = complaint({ idempotencyKey });
    const once = await submit(body);
    const again = await submit(body);
    expect(again.data).toEqual(once.data);
    const tip = await api(t.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'other', body: 'x', idempotencyKey } });
    expect(tip.statusCode).toBe(201);
    expect(tip.data.receipt).not.toBe(once.data.receipt);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from reports where body = ${body.body}`.execute(t.ctx.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('leaves no trace of the sender in any table or log', async () => {
    const marker = `conduct-marker-${randomUUID()}`;
    const r = await submit(complaint({ category: 'commendation', body: `Me ayudaron a encontrar a mi hijo ${marker}`, consent: 'public' }), {
      headers: SENDER_TRACES.headers,
      remoteAddress: SENDER_TRACES.remoteAddress,
    });
    expect(r.statusCode).toBe(201);
    await api(t.app, {
      method: 'POST',
      url: '/api/v1/tips/access',
      body: { receipt: r.data.receipt, passphrase: r.data.passphrase, message: `gracias ${marker}` },
      headers: SENDER_TRACES.headers,
      remoteAddress: SENDER_TRACES.remoteAddress,
    });
    const dump = await dumpDatabase(t.ctx.db);
    expect(dump).toContain(marker);
    for (const trace of SENDER_TRACES.needles) {
      expect(dump, trace).not.toContain(trace);
      expect(t.logs.text, trace).not.toContain(trace);
    }
    expect(t.logs.text).not.toContain(marker);
    const { id } = await reportOf(`Me ayudaron a encontrar a mi hijo ${marker}`);
    for (const entry of await t.ctx.db.selectFrom('audit_log').select(['at', 'request_id', 'actor_user_id']).where('record_id', '=', id).execute()) {
      expect(entry).toMatchObject({ request_id: null, actor_user_id: null });
      expect(entry.at.getTime() % 3_600_000).toBe(0);
    }
  });

  it('limits submissions per address without storing the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit(complaint(), { remoteAddress: '192.0.2.251' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('public conduct statistics', () => {
  const monthsAgo = (n: number, day = 10) => {
    const d = new Date();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, day, 14)).toISOString();
  };
  const month = (iso: string) => iso.slice(0, 7);

  async function seed(unitId: string, at: string, category: string, count: number, extra: { consent_tier?: 'statistics_only' | 'anonymous'; duplicateOf?: string } = {}) {
    for (let i = 0; i < count; i++) {
      await t.ctx.db
        .insertInto('reports')
        .values({
          channel: 'conduct',
          receipt_key: randomUUID(),
          passphrase_hash: 'x',
          category,
          body: 'seeded',
          concerned_org_id: unitId,
          consent_tier: extra.consent_tier ?? 'statistics_only',
          received_hour: at,
          ...(extra.duplicateOf ? { status: 'closed' as const, closure_reason: 'duplicate' as const, duplicate_of: extra.duplicateOf } : {}),
        })
        .execute();
    }
  }

  it('count complaints and commendations per unit and complete month, showing 1 to 4 as "<5"', async () => {
    const unit = await org('Comisaría Estadística', 'police_agency');
    await seed(unit.id, monthsAgo(2), 'complaint_disrespect', 3);
    await seed(unit.id, monthsAgo(2), 'commendation', 5, { consent_tier: 'anonymous' });
    await seed(unit.id, monthsAgo(1), 'complaint_excessive_force', 4);
    await seed(unit.id, monthsAgo(1), 'complaint_other', 2);
    const original = await t.ctx.db.selectFrom('reports').select('id').where('concerned_org_id', '=', unit.id).executeTakeFirstOrThrow();
    await seed(unit.id, monthsAgo(1), 'complaint_other', 3, { duplicateOf: original.id }); // not counted again
    await seed(unit.id, monthsAgo(0, 1), 'complaint_other', 9); // the month in progress is not published
    const r = await api(t.app, { url: `/api/v1/conduct/statistics?unitId=${unit.id}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=3600');
    expect(r.data.suppressedBelow).toBe(5);
    expect(r.data.to).toBe(month(monthsAgo(1)));
    expect(r.data.items).toEqual([
      { unitId: unit.id, unitName: expect.stringContaining('Estadística'), month: month(monthsAgo(2)), complaints: '<5', commendations: 5 },
      { unitId: unit.id, unitName: expect.stringContaining('Estadística'), month: month(monthsAgo(1)), complaints: 6, commendations: 0 },
    ]);
    const all = await api(t.app, { url: '/api/v1/conduct/statistics' });
    expect(JSON.stringify(all.data)).not.toContain('seeded');
    expect(all.data.items.every((i: { unitId: string }) => i.unitId !== hiddenPolice.id)).toBe(true);
  });

  it('suppress exactly the counts from 1 to 4', () => {
    expect([0, 1, 4, 5, 17].map(publicCount)).toEqual([0, '<5', '<5', 5, 17]);
  });

  it('refuse a reversed or malformed month range with a localized 400', async () => {
    const reversed = await api(t.app, { url: '/api/v1/conduct/statistics?from=2025-06&to=2025-01', headers: { 'accept-language': 'en' } });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.data.error.details).toEqual([{ field: 'from', code: 'conduct.month_range', message: 'The first month must not be after the last.' }]);
    const malformed = await api(t.app, { url: '/api/v1/conduct/statistics?from=2025-13', headers: { 'accept-language': 'es' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.data.error.details[0]).toMatchObject({ field: 'querystring.from', message: 'Valor no válido.' });
  });
});
