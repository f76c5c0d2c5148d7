import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { DeliveredEvent } from '../../platform/events/event-bus.ts';
import { createOrganization } from '../organizations/service.ts';

let t: TestPlatform;
let addresses = 0;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t.stop());

const submit = (body: object, headers: Record<string, string> = {}) =>
  api(t.app, { method: 'POST', url: '/api/v1/unsafe-places', body, headers, remoteAddress: `198.19.0.${++addresses}` });
const PIN = { lon: -70.6483, lat: -33.4569 };

describe('unsafe-place reports on the web API', () => {
  it('offer their five categories in the resident\'s language, and no tip category', async () => {
    const pt = await api(t.app, { url: '/api/v1/unsafe-places/categories', headers: { 'accept-language': 'pt' } });
    expect(pt.data.items.map((c: { code: string }) => c.code).sort()).toEqual(['abandoned_building', 'broken_lighting', 'graffiti_markings', 'illegal_dumping', 'unsafe_path']);
    expect(pt.data.items).toContainEqual({ code: 'illegal_dumping', name: 'Descarte ilegal de lixo', description: expect.any(String) });
    const iccs = await t.ctx.db.selectFrom('report_categories').select('iccs_code').where('channel', '=', 'unsafe_place').execute();
    expect(iccs.every((c) => c.iccs_code === null)).toBe(true);
  });

  it('answer a public number, route the report in the same transaction and announce it to the responsible organisation', async () => {
    const admin = await makeUser(t.ctx, [], { platformAdmin: true });
    const city = await createOrganization(t.ctx, systemActor(), {
      name: 'Municipalidad de Santiago',
      type: 'municipality',
      country: 'CL',
      jurisdiction: { type: 'Polygon', coordinates: [[[-70.7, -33.5], [-70.6, -33.5], [-70.6, -33.4], [-70.7, -33.4], [-70.7, -33.5]]] },
    });
    await t.ctx.db.insertInto('routing_rules').values({ channel: 'unsafe_place', category: null, org_id: city.id, role: 'responsible', scope: 'jurisdiction', priority: 0, created_by: admin.id }).execute();
    const events: DeliveredEvent[] = [];
    t.ctx.events.subscribe((e) => events.push(e));

    const r = await submit({ category: 'broken_lighting', description: 'Cuadra entera sin luz.', location: PIN });
    expect(r.statusCode).toBe(201);
    expect(r.data).toEqual({ number: expect.stringMatching(/^\d+$/), message: expect.stringContaining(r.data.number) });
    expect(r.headers['cache-control']).toBe('no-store');
    const report = await t.ctx.db.selectFrom('reports').select(['id', 'channel', 'responsible_org_id', 'receipt_key', 'passphrase_hash']).where('public_id', '=', r.data.number).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ channel: 'unsafe_place', responsible_org_id: city.id, receipt_key: null, passphrase_hash: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'record_type', 'actor_org_id']).where('record_id', '=', report.id).execute();
    expect(audit).toEqual([{ action: 'create', record_type: 'report', actor_org_id: city.id }]);
    await expect.poll(() => events.find((e) => e.recordId === report.id)).toMatchObject({ type: 'report.received', recordType: 'report', orgIds: [city.id] });

    const shown = await api(t.app, { url: `/api/v1/unsafe-places/${r.data.number}`, headers: { 'accept-language': 'en' } });
    expect(shown.data).toMatchObject({ number: r.data.number, category: 'broken_lighting', categoryName: 'Broken street lighting', status: 'received', open: true, description: null, agency: null });
    expect(shown.data.location).not.toEqual(PIN);
    expect(shown.data.receivedHour).toMatch(/T\d\d:00:00Z$/);
  });

  it('are not duplicated when a dropped connection makes the app send them again', async () => {
    const body = { category: 'unsafe_path', description: `Pasaje sin luz ${Date.now()}`, locationText: 'Pasaje 3', idempotencyKey: `k${Math.random().toString(36).slice(2)}`.padEnd(24, 'x') };
    const once = await submit(body);
    const again = await submit(body);
    expect(again.statusCode).toBe(201);
    expect(again.data.number).toBe(once.data.number);
    const rows = await t.ctx.db.selectFrom('reports').select('id').where('body', '=', body.description).execute();
    expect(rows).toHaveLength(1);
  });

  it('list recent reports with their status, filtered by category and open or closed', async () => {
    const lighting = await submit({ category: 'broken_lighting', description: 'Luz rota.', location: PIN });
    const dumping = await submit({ category: 'illegal_dumping', description: 'Basural.', locationText: 'Calle 9' });
    await t.ctx.db.updateTable('reports').set({ status: 'closed', closure_reason: 'actioned' }).where('public_id', '=', dumping.data.number).execute();
    const numbers = async (query: string) => (await api(t.app, { url: `/api/v1/unsafe-places${query}` })).data.items.map((p: { number: string }) => p.number);
    expect(await numbers('')).toEqual(expect.arrayContaining([lighting.data.number, dumping.data.number]));
    expect(await numbers('?category=illegal_dumping')).toContain(dumping.data.number);
    expect(await numbers('?category=illegal_dumping')).not.toContain(lighting.data.number);
    expect(await numbers('?status=closed')).toEqual([dumping.data.number]);
    expect(await numbers('?status=open')).not.toContain(dumping.data.number);
    const closed = await api(t.app, { url: `/api/v1/unsafe-places/${dumping.data.number}` });
    expect(closed.data).toMatchObject({ status: 'closed', open: false, description: 'Basural.', address: 'Calle 9', statusNote: 'Cerrado: se tomaron medidas.' });
    expect((await api(t.app, { url: '/api/v1/unsafe-places?status=pending' })).statusCode).toBe(400);
  });

  it('number only unsafe places, so their numbers reveal nothing about tips', async () => {
    const before = await submit({ category: 'graffiti_markings', description: 'Antes de la denuncia', locationText: 'Muro sur' });
    const tip = await api(t.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'extortion', body: 'Cobran vacuna.' }, remoteAddress: '198.19.1.1' });
    expect(tip.statusCode).toBe(201);
    const after = await submit({ category: 'graffiti_markings', description: 'Después de la denuncia', locationText: 'Muro sur' });
    expect(Number(after.data.number) - Number(before.data.number)).toBe(1);
    const row = await t.ctx.db.selectFrom('reports').select('public_id').where('body', '=', 'Cobran vacuna.').executeTakeFirstOrThrow();
    expect(row.public_id).toBeNull();
    expect((await api(t.app, { url: '/api/v1/unsafe-places/not-a-number' })).statusCode).toBe(404);
  });

  it('publish counts per category only from 5 up', async () => {
    for (let i = 0; i < 5; i++) await submit({ category: 'graffiti_markings', description: `Marca ${i}`, locationText: 'Muro norte' });
    await submit({ category: 'abandoned_building', description: 'Casa tomada.', locationText: 'Calle 2' });
    const summary = await api(t.app, { url: '/api/v1/unsafe-places/summary', headers: { 'accept-language': 'en' } });
    expect(summary.data.minimumCount).toBe(5);
    const byCode = Object.fromEntries(summary.data.categories.map((c: { code: string }) => [c.code, c]));
    expect(byCode.graffiti_markings).toMatchObject({ name: 'Graffiti or territorial markings', open: expect.any(Number), closed: null });
    expect(byCode.graffiti_markings.open).toBeGreaterThanOrEqual(5);
    expect(byCode.abandoned_building).toMatchObject({ open: null, closed: null });
  });

  it('refuse bad input with localized field errors', async () => {
    const r = await submit({ category: 'parking', description: '  ', location: { lon: 200, lat: -95 } }, { 'accept-language': 'es' });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['description', 'location.lat', 'location.lon']);
    expect(r.data.error.details.find((d: { field: string }) => d.field === 'location.lat').message).toBe('La latitud debe estar entre -90 y 90.');
    const unknown = await submit({ category: 'drug_sales', description: 'x', locationText: 'y' }, { 'accept-language': 'pt' });
    expect(unknown.data.error.details).toEqual([{ field: 'category', code: 'unknown_category', message: 'Categoria desconhecida.' }]);
    const nowhere = await submit({ category: 'unsafe_path', description: 'x' }, { 'accept-language': 'en' });
    expect(nowhere.data.error.details).toEqual([{ field: 'location', code: 'location_required', message: 'Mark the place on the map or write an address.' }]);
    const long = await submit({ category: 'unsafe_path', description: 'x'.repeat(4001), locationText: 'y' });
    expect(long.data.error.details[0]).toMatchObject({ field: 'description', code: 'too_big_string' });
  });
});
