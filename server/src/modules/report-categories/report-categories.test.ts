import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';

let t: TestPlatform;
let admin: { token: string };
beforeAll(async () => {
  t = await startTestPlatform();
  admin = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [], { platformAdmin: true })).id) };
});
afterAll(async () => t.stop());

const names = { es: 'Microtráfico en escuelas', en: 'Drug dealing at schools', pt: 'Tráfico em escolas' };
const post = (body: object, auth: object = admin, locale = 'es') =>
  api(t.app, { method: 'POST', url: '/api/v1/report-categories', body, auth: auth as { token: string }, headers: { 'accept-language': locale } });

describe('report categories', () => {
  it('are configured by platform administrators, with an ICCS code, and reach the public form in each language', async () => {
    const created = await post({ channel: 'tip', code: 'school_dealing', iccsCode: '0601', names });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.data).toMatchObject({ code: 'school_dealing', iccsCode: '0601', active: true });
    const pt = await api(t.app, { url: '/api/v1/tips/categories', headers: { 'accept-language': 'pt' } });
    expect(pt.data.items).toContainEqual({ code: 'school_dealing', name: 'Tráfico em escolas' });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('record_type', '=', 'report_category').execute();
    expect(audit).toEqual([{ action: 'create' }]);

    const off = await api(t.app, { method: 'PATCH', url: '/api/v1/report-categories/school_dealing', auth: admin, body: { active: false, names: { en: 'Dealing near schools' } } });
    expect(off.statusCode).toBe(200);
    expect(off.data.names).toEqual({ ...names, en: 'Dealing near schools' });
    const after = await api(t.app, { url: '/api/v1/tips/categories' });
    expect(after.data.items.map((c: { code: string }) => c.code)).not.toContain('school_dealing');
    const submit = await api(t.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'school_dealing', body: 'x' } });
    expect(submit.data.error.details[0]).toMatchObject({ field: 'category', code: 'unknown_category' });
  });

  it('refuse bad codes, unknown ICCS sections and duplicates with clear errors', async () => {
    expect((await post({ channel: 'tip', code: 'Bad Code', names })).data.error.details[0]).toMatchObject({ field: 'code', code: 'category.code_format' });
    const iccs = await post({ channel: 'tip', code: 'bad_iccs', iccsCode: '9901', names }, admin, 'en');
    expect(iccs.statusCode).toBe(400);
    expect(iccs.data.error.details[0]).toMatchObject({ field: 'iccsCode', message: 'The ICCS section of 9901 does not exist.' });
    expect((await post({ channel: 'tip', code: 'bad_iccs', iccsCode: '06x1', names })).data.error.details[0].field).toBe('iccsCode');
    expect((await post({ channel: 'conduct', code: 'rudeness', names })).data.error.details[0]).toMatchObject({ field: 'code', code: 'category.conduct_code' });
    expect((await post({ channel: 'tip', code: 'drug_sales', names })).statusCode).toBe(409);
    expect((await api(t.app, { method: 'PATCH', url: '/api/v1/report-categories/no_such', auth: admin, body: { active: false } })).statusCode).toBe(404);
  });

  it('are changed by no one else; intake coordinators may read them', async () => {
    const hub = await makeOrg(t.ctx, { type: 'municipality', triageHub: true });
    const coordinator = await login(t.app, (await makeUser(t.ctx, [{ orgId: hub.id, role: 'coordinator' }])).email);
    expect((await post({ channel: 'tip', code: 'sneaky', names }, coordinator)).statusCode).toBe(403);
    const list = await api(t.app, { url: '/api/v1/report-categories?channel=conduct', auth: coordinator });
    expect(list.statusCode).toBe(200);
    expect(list.data.items.every((c: { channel: string }) => c.channel === 'conduct')).toBe(true);
    expect(list.data.items.map((c: { code: string }) => c.code)).toContain('commendation');
    expect((await api(t.app, { url: '/api/v1/report-categories' })).statusCode).toBe(401);
  });
});
