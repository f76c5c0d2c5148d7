import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../analytics/src/csv.ts';
import { api, makeToken, makeUser, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { createProfile } from './profiles.ts';
import { runStoredImport, STALLED_AFTER_MS } from './import-job.ts';
import { requeueStalledImports } from './requeue-stalled.ts';
import { analystOfNewOrg, PORTLAND_2000 } from './testing.ts';

const MAX_BYTES = 64 * 1024;
let t: TestPlatform;
let auth: Auth;
let viewer: Auth;
let csvProfile: string;
let geojsonProfile: string;
let orgId: string;

beforeAll(async () => {
  t = await startTestPlatform({ config: { jobs: true, importMaxBytes: MAX_BYTES } });
  const analyst = await analystOfNewOrg(t.ctx);
  orgId = analyst.orgId;
  auth = { token: await makeToken(t.ctx, analyst.userId, ['read', 'write']) };
  viewer = { token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role: 'viewer' }])).id, ['read', 'write']) };
  const settings = { format: 'csv' as const, delimiter: ',' as const, columns: { externalId: { linePrefix: 'cfs' }, category: 'category', occurredFrom: 'occ_date', x: 'lon', y: 'lat' }, dateFormat: 'YYYY-MM-DD' as const, utcOffsetMinutes: -420, crs: 'EPSG:4326' };
  const base = { ownerOrgId: orgId, source: 'import' as const, tlp: 'AMBER' as const, sharingGroupIds: [], recipientUserIds: [] };
  csvProfile = (await createProfile(t.ctx, analyst.actor, { ...base, name: 'csv', settings })).id;
  geojsonProfile = (await createProfile(t.ctx, analyst.actor, { ...base, name: 'geojson', settings: { ...settings, format: 'geojson' } })).id;
});
afterAll(async () => t.stop());

/** A multipart/form-data body with the profile id and the file. */
function form(profileId: string, fileName: string, content: string | Buffer) {
  const boundary = '----alianza-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="profileId"\r\n\r\n${profileId}\r\n`),
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: text/csv\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (profileId: string, fileName: string, content: string | Buffer, as: Auth = auth) => {
  const { payload, headers } = form(profileId, fileName, content);
  return t.app.inject({ method: 'POST', url: '/api/v1/imports', payload, headers: { ...headers, authorization: `Bearer ${(as as { token: string }).token}`, 'accept-language': 'en' } });
};
/** Waits for the import to end by following its event stream (which closes when it ends). */
async function followToTheEnd(id: string) {
  const stream = await t.app.inject({ url: `/api/v1/imports/${id}/stream`, headers: { authorization: `Bearer ${(auth as { token: string }).token}` } });
  const events = stream.body.split('\n\n').filter((e) => e.startsWith('event: progress')).map((e) => JSON.parse(e.split('data: ')[1]!));
  return { events, final: (await api(t.app, { url: `/api/v1/imports/${id}`, auth, headers: { 'accept-language': 'en' } })).data };
}

const SMALL = PORTLAND_2000.split('\n').slice(0, 301);
SMALL[4] = SMALL[4]!.replace('2016-08-', '2016-02-3'); // line 5: 2016-02-3x, no such day
const SMALL_FILE = SMALL.join('\n') + '\n';

describe('imports over HTTP', () => {
  it('takes an upload, runs it as a background job with live progress, and serves the error report', async () => {
    const r = await upload(csvProfile, 'calls.csv', SMALL_FILE);
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ state: 'queued', fileName: 'calls.csv', fileBytes: Buffer.byteLength(SMALL_FILE), profileName: 'csv' });
    const { events, final } = await followToTheEnd(r.json().id);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1).state).toBe('completed');
    expect(final).toMatchObject({ state: 'completed', counts: { records: 300, imported: 299, rejected: 1 }, bytesRead: Buffer.byteLength(SMALL_FILE) });
    expect(final.rowsPerSecond).toBeGreaterThan(0);

    const report = await t.app.inject({ url: `/api/v1/imports/${final.id}/errors.csv`, headers: { authorization: `Bearer ${(auth as { token: string }).token}`, 'accept-language': 'pt' } });
    expect(report.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(report.headers['content-disposition']).toBe('attachment; filename="calls.errors.csv"');
    const [header, row, ...rest] = parseCsv(report.body);
    expect(header!.slice(0, 5)).toEqual(['line', 'reason', 'column', 'message', 'category']);
    expect([row!.slice(0, 3), rest]).toEqual([['5', 'bad_date', 'occ_date'], []]);
    expect(row![3]).toMatch(/não é uma data/);

    const list = await api(t.app, { url: '/api/v1/imports', auth });
    expect(list.data.items.map((i: { id: string }) => i.id)).toContain(final.id);
    expect(await t.ctx.db.selectFrom('import_file_chunks').select('seq').where('import_id', '=', final.id).execute()).toEqual([]);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('record_type', '=', 'import').where('record_id', '=', final.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'read']);
  });

  it('records why a file was refused before any row was written, in the reader\'s language', async () => {
    const swapped = PORTLAND_2000.replace('lon,lat', 'lat,lon').split('\n').slice(0, 50).join('\n');
    const r = await upload(csvProfile, 'swapped.csv', swapped);
    const { final } = await followToTheEnd(r.json().id);
    expect(final).toMatchObject({ state: 'failed', counts: { records: 0 }, failure: { code: 'VALIDATION_FAILED', details: [{ code: 'imports.swapped_axes_area' }] } });
    expect(final.failure.details[0].message).toMatch(/look swapped/);
  });

  it('answers 413 past the size limit and 415 for a file or body of the wrong type, keeping nothing', async () => {
    const before = (await t.ctx.db.selectFrom('imports').select('id').execute()).length;
    expect((await upload(csvProfile, 'big.csv', PORTLAND_2000)).statusCode).toBe(413);
    expect((await upload(geojsonProfile, 'calls.geojson', SMALL_FILE)).statusCode).toBe(415);
    expect((await upload(csvProfile, 'photo.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]))).statusCode).toBe(415);
    const json = await api(t.app, { method: 'POST', url: '/api/v1/imports', body: { profileId: csvProfile }, auth });
    expect(json.statusCode).toBe(415);
    expect((await t.ctx.db.selectFrom('imports').select('id').execute()).length).toBe(before);
  });

  it('is closed to those who may not import for the organisation', async () => {
    expect((await upload(csvProfile, 'calls.csv', SMALL_FILE, viewer)).statusCode).toBe(404);
    expect((await api(t.app, { url: '/api/v1/imports', auth: viewer })).data.items).toEqual([]);
  });

  it('stops an import whose cancel was asked for, and refuses to cancel one that ended', async () => {
    const r = await upload(csvProfile, 'calls.csv', SMALL_FILE);
    const id = r.json().id as string;
    const cancel = await api(t.app, { method: 'POST', url: `/api/v1/imports/${id}/cancel`, auth });
    const { final } = await followToTheEnd(id);
    // The job may have finished before the cancel arrived; otherwise it stops.
    if (cancel.statusCode === 202) expect(['cancelled', 'completed']).toContain(final.state);
    else expect(cancel.statusCode).toBe(409);
    const again = await api(t.app, { method: 'POST', url: `/api/v1/imports/${id}/cancel`, auth, headers: { 'accept-language': 'es' } });
    expect(again.statusCode).toBe(409);
    expect(again.data.error.details[0]).toMatchObject({ code: 'imports.not_running' });
    // A queued import cancelled before its job starts never reads a row.
    const queued = await t.ctx.db.insertInto('imports').values({ owner_org_id: orgId, profile_name: 'csv', settings: '{}', file_name: 'x.csv', state: 'queued', cancel_requested: true, created_by: final.createdBy }).returning('id').executeTakeFirstOrThrow();
    await runStoredImport(t.ctx, queued.id, 'en');
    expect((await api(t.app, { url: `/api/v1/imports/${queued.id}`, auth })).data).toMatchObject({ state: 'cancelled', counts: { records: 0 } });
  });
});

describe('an import whose instance stopped mid-file', () => {
  it('is queued again once it has made no progress for a while, by one caller only, and ends with every row', async () => {
    const done = await followToTheEnd((await upload(csvProfile, 'calls.csv', SMALL_FILE)).json().id);
    const profile = await t.ctx.db.selectFrom('import_profiles').select(['settings']).where('id', '=', csvProfile).executeTakeFirstOrThrow();
    const settings = JSON.stringify({ settings: profile.settings, source: 'import', tlp: 'AMBER', sharingGroupIds: [], recipientUserIds: [] });
    // As a crash leaves it: running, its file stored, part of its rows written, no progress since.
    const stalledAt = new Date(Date.now() - STALLED_AFTER_MS - 60_000);
    const row = (state: 'running') => ({ owner_org_id: orgId, profile_id: csvProfile, profile_name: 'csv', settings, file_name: 'calls.csv', file_bytes: Buffer.byteLength(SMALL_FILE), state, created_by: done.final.createdBy });
    const stalled = await t.ctx.db.insertInto('imports').values({ ...row('running'), updated_at: stalledAt }).returning('id').executeTakeFirstOrThrow();
    const busy = await t.ctx.db.insertInto('imports').values(row('running')).returning('id').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('import_file_chunks').values({ import_id: stalled.id, seq: 0, data: Buffer.from(SMALL_FILE) }).execute();
    await t.ctx.db.deleteFrom('incidents').where('owner_org_id', '=', orgId).where('external_id', '>', 'cfs:200').execute();
    const [first, second] = await Promise.all([requeueStalledImports(t.ctx), requeueStalledImports(t.ctx)]);
    expect([...first!, ...second!]).toEqual([stalled.id]);
    const { final } = await followToTheEnd(stalled.id);
    expect(final).toMatchObject({ state: 'completed', counts: { records: 300, rejected: 1 } });
    expect(final.counts.imported + final.counts.unchanged).toBe(299);
    const expected = Array.from({ length: 300 }, (_, i) => `cfs:${i + 2}`).filter((id) => id !== 'cfs:5'); // line 5 is rejected
    expect(await t.ctx.db.selectFrom('incidents').select('external_id').where('owner_org_id', '=', orgId).where('external_id', 'in', expected).execute()).toHaveLength(299);
    await runStoredImport(t.ctx, busy.id, 'en'); // a second delivery of a run another process has: left alone
    expect((await t.ctx.db.selectFrom('imports').select(['state', 'records']).where('id', '=', busy.id).executeTakeFirstOrThrow())).toEqual({ state: 'running', records: 0 });
    await t.ctx.db.deleteFrom('imports').where('id', '=', busy.id).execute();
  });
});
