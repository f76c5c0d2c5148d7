import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { expectNoTraceOf, expectReporterEntries, SENDER_TRACES } from '../../../test/anonymity.ts';
import { api } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(async () => t.stop());

const submit = (body: object, extra: { headers?: Record<string, string>; remoteAddress?: string } = {}) =>
  api(t.app, { method: 'POST', url: '/api/v1/tips', body, ...extra });
const access = (body: object) => api(t.app, { method: 'POST', url: '/api/v1/tips/access', body });

describe('confidential tips', () => {
  it('offer their categories in the resident\'s language, "other" last', async () => {
    const es = await api(t.app, { url: '/api/v1/tips/categories', headers: { 'accept-language': 'es' } });
    const pt = await api(t.app, { url: '/api/v1/tips/categories', headers: { 'accept-language': 'pt' } });
    expect(es.data.items).toContainEqual({ code: 'drug_sales', name: 'Punto de venta de drogas' });
    expect(pt.data.items).toContainEqual({ code: 'extortion', name: 'Extorsão' });
    expect(es.data.items.at(-1).code).toBe('other');
    const codes = await t.ctx.db.selectFrom('report_categories').select(['code', 'iccs_code']).where('channel', '=', 'tip').execute();
    expect(Object.fromEntries(codes.map((c) => [c.code, c.iccs_code]))).toMatchObject({ drug_sales: '0601', trafficking: '0204', weapons: '0901', corruption: '0703', other: null });
  });

  it('answer with a 16-digit receipt and a passphrase, with no cookie and nothing cacheable', async () => {
    const r = await submit({ category: 'drug_sales', body: 'Venden en la esquina del parque, de noche.' });
    expect(r.statusCode).toBe(201);
    expect(r.data.receipt).toMatch(/^[1-9][0-9]{15}$/);
    expect(r.data.passphrase).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$/);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it('open, with receipt and passphrase only, the status and a two-way conversation', async () => {
    const { data } = await submit({ category: 'extortion', body: 'Cobran "vacuna" a los comercios de la calle 5.', location: { lon: -70.65, lat: -33.45 } });
    const first = await access({ receipt: data.receipt, passphrase: data.passphrase.toLowerCase() });
    expect(first.statusCode).toBe(200);
    expect(first.data).toMatchObject({ status: 'received', category: 'extortion', messages: [] });
    expect(first.data.receivedHour).toMatch(/T\d\d:00:00\.000Z$/);
    const added = await access({ receipt: data.receipt.replace(/(\d{4})/g, '$1 ').trim(), passphrase: data.passphrase, message: 'Vienen los viernes.' });
    expect(added.data.messages).toEqual([{ from: 'reporter', body: 'Vienen los viernes.', hour: expect.stringMatching(/:00:00\.000Z$/) }]);
  });

  it('refuse a wrong passphrase and an unknown receipt with the same answer', async () => {
    const { data } = await submit({ category: 'other', body: 'x' });
    const wrong = await access({ receipt: data.receipt, passphrase: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
    const unknown = await access({ receipt: '1234567890123456', passphrase: data.passphrase });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.data.error.code).toBe('INVALID_RECEIPT');
    expect(unknown.data.error.message).toBe(wrong.data.error.message);
  });

  it('answer a malformed follow-up request with field errors, not a lookup', async () => {
    const r = await api(t.app, { method: 'POST', url: '/api/v1/tips/access', body: { receipt: '12', message: '' }, headers: { 'accept-language': 'en' } });
    expect(r.statusCode).toBe(400);
    expect(r.data.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['message', 'passphrase', 'receipt']);
    const letters = await access({ receipt: 'abcdefghijklmnopq', passphrase: 'x' });
    expect(letters.statusCode).toBe(401);
  });

  it('are not duplicated when a dropped connection makes the app send them again', async () => {
    const idempotencyKey = 'k'.repeat(10) + Math.random().toString(36).slice(2).padEnd(20, 'x');
    const body = { category: 'weapons', body: 'Guardan armas en el galpón.', idempotencyKey };
    const once = await submit(body);
    const again = await submit(body);
    expect(again.statusCode).toBe(201);
    expect(again.data.receipt).toBe(once.data.receipt);
    expect(again.data.passphrase).toBe(once.data.passphrase);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from reports where body = ${body.body}`.execute(t.ctx.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('accept a chosen passphrase only when it is strong enough', async () => {
    const weak = await submit({ category: 'other', body: 'x', passphrase: 'aaaaaaaaaaaa' }, { headers: { 'accept-language': 'en' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.data.error.details[0]).toMatchObject({ field: 'passphrase', code: 'weak_passphrase' });
    const chosen = await submit({ category: 'other', body: 'x', passphrase: 'mi perro come maní' });
    expect((await access({ receipt: chosen.data.receipt, passphrase: 'mi perro come maní' })).statusCode).toBe(200);
    expect((await access({ receipt: chosen.data.receipt, passphrase: 'MI PERRO COME MANÍ' })).statusCode).toBe(401);
  });

  it('refuse unknown categories, empty text and bad coordinates with localized field errors', async () => {
    const r = await submit({ category: 'parking', body: '   ', location: { lon: -200, lat: 95 } }, { headers: { 'accept-language': 'pt' } });
    expect(r.statusCode).toBe(400);
    const fields = r.data.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['body', 'location.lat', 'location.lon']);
    const unknown = await submit({ category: 'parking', body: 'x' }, { headers: { 'accept-language': 'pt' } });
    expect(unknown.data.error.details).toEqual([{ field: 'category', code: 'unknown_category', message: 'Categoria desconhecida.' }]);
  });

  it('leave no trace of the sender: no address, forwarded-for, user agent or precise time, in any table or log', async () => {
    const marker = `marker-${Date.now()}`;
    const r = await submit(
      { category: 'corruption', body: `Cobran coimas en la aduana ${marker}` },
      { headers: SENDER_TRACES.headers, remoteAddress: SENDER_TRACES.remoteAddress },
    );
    expect(r.statusCode).toBe(201);
    await access({ receipt: r.data.receipt, passphrase: r.data.passphrase, message: `more ${marker}` });
    const dump = await expectNoTraceOf(t, SENDER_TRACES.needles);
    expect(dump).toContain(marker); // the dump does include the tip itself
    expect(t.logs.text).not.toContain(marker);
    expectReporterEntries(await t.ctx.db.selectFrom('audit_log').select(['at', 'request_id', 'actor_user_id']).where('record_type', '=', 'report').execute());
  });

  it('limit submissions per address without storing the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submit({ category: 'other', body: `spam ${i}` }, { remoteAddress: '192.0.2.99' })).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await submit({ category: 'other', body: 'otro vecino' }, { remoteAddress: '192.0.2.100' })).statusCode).toBe(201);
  });
});

describe('the limits of tips per address', () => {
  it('default to 10 submissions and 30 follow-ups an hour', () => {
    expect(loadConfig({}).tipLimits).toEqual({ submissionsPerHour: 10, accessesPerHour: 30 });
  });

  it('follow ALIANZA_TIP_SUBMISSIONS_PER_HOUR and ALIANZA_TIP_ACCESSES_PER_HOUR', async () => {
    const tipLimits = loadConfig({ ALIANZA_TIP_SUBMISSIONS_PER_HOUR: '2', ALIANZA_TIP_ACCESSES_PER_HOUR: '1' }).tipLimits;
    const strict = await startTestPlatform({ config: { tipLimits } });
    try {
      const remoteAddress = '192.0.2.150';
      const send = () => api(strict.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'other', body: 'x' }, remoteAddress });
      const statuses = [(await send()).statusCode, (await send()).statusCode];
      const third = await send();
      expect([...statuses, third.statusCode]).toEqual([201, 201, 429]);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      const follow = () => api(strict.app, { method: 'POST', url: '/api/v1/tips/access', body: { receipt: '1234567890123456', passphrase: 'x' }, remoteAddress });
      expect([(await follow()).statusCode, (await follow()).statusCode]).toEqual([401, 429]);
    } finally {
      await strict.stop();
    }
  });
});
