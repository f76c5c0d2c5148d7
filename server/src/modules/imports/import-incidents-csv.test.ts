import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { makeOrg } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import type { ImportProfile } from './column-mapping.ts';
import * as kit from './testing.ts';
import { chunks, PORTLAND_2000, PORTLAND_PROFILE } from './testing.ts';
import { parseCsv } from '../../../../analytics/src/csv.ts';
import { importIncidentsCsv, type ImportIncidentsInput } from './import-incidents-csv.ts';
import { createIncident } from '../incidents/service.ts';

let t: TestPlatform;
afterAll(async () => t.stop());
beforeAll(async () => {
  t = await startTestPlatform();
});

const analystOfNewOrg = (mapping?: Record<string, string | null>) => kit.analystOfNewOrg(t.ctx, mapping ? { mapping } : {});
const importedRows = (orgId: string) => kit.importedRows(t.ctx, orgId);

const run = (actor: Actor, orgId: string, text: string, extra: Partial<ImportIncidentsInput> = {}) =>
  importIncidentsCsv(t.ctx, actor, { source: chunks(text), ownerOrgId: orgId, tlp: 'AMBER', profile: PORTLAND_PROFILE, ...extra });

describe('importing the Portland calls for service', () => {
  it('imports every one of the first 2,000 rows, classified by the organisation\'s mapping, and a re-run changes nothing', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    const first = await run(actor, orgId, PORTLAND_2000, { batchSize: 500 });
    expect(first).toEqual({ records: 2000, imported: 2000, updated: 0, unchanged: 0, rejected: [] });

    const rows = await importedRows(orgId);
    const byIccs = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [String(r.iccs_code)]: (acc[String(r.iccs_code)] ?? 0) + 1 }), {});
    expect(byIccs).toEqual({ '0501': 87, '05021': 198, null: 1715 });
    const line2 = rows.find((r) => r.external_id === 'portland-cfs-2016-08:2')!;
    expect(line2).toMatchObject({ iccs_code: '0501', source_category: 'BURGLARY', lon: -122.613925, lat: 45.492962 });
    expect([line2.occurred_from.toISOString(), line2.occurred_to?.toISOString()]).toEqual(['2016-08-10T07:00:00.000Z', '2016-08-11T07:00:00.000Z']);

    const again = await run(actor, orgId, PORTLAND_2000);
    expect(again).toEqual({ records: 2000, imported: 0, updated: 0, unchanged: 2000, rejected: [] });
    expect(await importedRows(orgId)).toEqual(rows);
  });

  it('ends an import stopped half-way and re-run with exactly the rows of an uninterrupted one', async () => {
    const whole = await analystOfNewOrg();
    await run(whole.actor, whole.orgId, PORTLAND_2000);
    const halted = await analystOfNewOrg();
    const firstHalf = PORTLAND_2000.split('\n').slice(0, 1001).join('\n') + '\n';
    await run(halted.actor, halted.orgId, firstHalf, { batchSize: 300 });
    const resumed = await run(halted.actor, halted.orgId, PORTLAND_2000);
    expect(resumed).toMatchObject({ imported: 1000, updated: 0, unchanged: 1000, rejected: [] });
    expect(await importedRows(halted.orgId)).toEqual(await importedRows(whole.orgId));
  });

  it('updates exactly the rows whose classification changed', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    await run(actor, orgId, PORTLAND_2000);
    await t.ctx.db.updateTable('category_mappings').set({ iccs_code: '0502' }).where('owner_org_id', '=', orgId).where('source_category', '=', 'MOTOR VEHICLE THEFT').execute();
    const report = await run(actor, orgId, PORTLAND_2000);
    expect(report).toMatchObject({ imported: 0, updated: 198, unchanged: 1802 });
  });
});

describe('administrative area', () => {
  it('is, for every imported row, the smallest jurisdiction covering it, as the per-row rule gives', async () => {
    const city = await makeOrg(t.ctx, { type: 'municipality', country: 'US', jurisdiction: { type: 'Polygon', coordinates: [[[-122.9, 45.3], [-122.3, 45.3], [-122.3, 45.7], [-122.9, 45.7], [-122.9, 45.3]]] } });
    const east = await makeOrg(t.ctx, { type: 'ngo', country: 'US', jurisdiction: { type: 'Polygon', coordinates: [[[-122.6, 45.3], [-122.3, 45.3], [-122.3, 45.7], [-122.6, 45.7], [-122.6, 45.3]]] } });
    const { orgId, actor } = await analystOfNewOrg();
    await run(actor, orgId, PORTLAND_2000);
    const { rows } = await sql<{ admin: string | null; expected: string | null }>`
      select i.admin_area_org_id as admin,
        (select o.id from organizations o where o.jurisdiction is not null and ST_Covers(o.jurisdiction, i.location)
          order by ST_Area(o.jurisdiction::geography), o.id limit 1) as expected
      from incidents i where i.owner_org_id = ${orgId}`.execute(t.ctx.db);
    expect(rows).toHaveLength(2000);
    expect(rows.filter((r) => r.admin !== r.expected)).toEqual([]);
    const areas = new Set(rows.map((r) => r.admin));
    expect(areas.has(city.id) && areas.has(east.id)).toBe(true);
  });
});

describe('rows that cannot be imported', () => {
  it('rejects each with its line and reason, and imports the rest', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    const text = [
      'category,call_group,final_case,case_desc,occ_date,x_ft,y_ft,lon,lat,census_tract',
      'BURGLARY,SUSPICIOUS,PROWLP,PROWLER,2016-08-10,7660085,672910,-122.613925,45.492962,802',
      'BURGLARY,SUSPICIOUS,PROWLP,"PROWLER, at the back door",2016-08-31,7660085,672910,-122.613925,45.492962,802',
      'ARSON,,,,2016-08-10,,,-122.6,45.5,',
      'BURGLARY,,,,2016-02-30,,,-122.6,45.5,',
      'BURGLARY,,,,2016-08-10,,,7660085,672910,',
      'BURGLARY,,,,2016-08-10,,,-122.6,,',
      'BURGLARY,,,,2016-08-10',
      '',
      ',,,,,,,,,',
    ].join('\n');
    const report = await run(actor, orgId, text);
    expect(report.records).toBe(8);
    expect([report.imported, report.updated, report.unchanged]).toEqual([2, 0, 0]);
    expect(report.rejected).toEqual([
      { line: 4, code: 'unmapped_category', column: 'category' },
      { line: 5, code: 'bad_date', column: 'occ_date' },
      { line: 6, code: 'bad_coordinates', column: 'lon' },
      { line: 7, code: 'bad_coordinates', column: 'lat' },
      { line: 8, code: 'wrong_field_count' },
      { line: 10, code: 'missing_field', column: 'category' },
    ]);
  });

  it('refuses, before writing any row, a file without a mapped column and a CRS it does not know', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    await expect(run(actor, orgId, 'category,date\nBURGLARY,2016-08-10\n')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'profile.columns', code: 'imports.missing_column', params: { column: 'occ_date', columns: 'category, date' } }, expect.anything(), expect.anything()],
    });
    const unknown = { ...PORTLAND_PROFILE, crs: 'EPSG:99999' };
    await expect(run(actor, orgId, PORTLAND_2000, { profile: unknown })).rejects.toMatchObject({ fields: [{ path: 'profile.crs', code: 'imports.unknown_crs', params: { crs: 'EPSG:99999' } }] });
    expect(await importedRows(orgId)).toEqual([]);
  });
});

describe('coordinates in a projected CRS', () => {
  it('reprojects the Portland state-plane feet (EPSG:2913) to the WGS 84 points the file gives, to 1e-6 degrees', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    const feet: ImportProfile = { ...PORTLAND_PROFILE, crs: 'EPSG:2913', columns: { ...PORTLAND_PROFILE.columns, lon: undefined, lat: undefined, x: 'x_ft', y: 'y_ft' } };
    expect(await run(actor, orgId, PORTLAND_2000, { profile: feet })).toMatchObject({ imported: 2000, rejected: [] });
    const byId = new Map((await importedRows(orgId)).map((r) => [r.external_id, r]));
    const records = parseCsv(PORTLAND_2000).slice(1);
    let worst = 0;
    records.forEach(([, , , , , , , lon, lat], i) => {
      const row = byId.get(`portland-cfs-2016-08:${i + 2}`)!;
      worst = Math.max(worst, Math.abs(row.lon - Number(lon)), Math.abs(row.lat - Number(lat)));
    });
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('files refused before any row is written', () => {
  const PORTLAND_AREA = { type: 'Polygon' as const, coordinates: [[[-122.9, 45.3], [-122.3, 45.3], [-122.3, 45.7], [-122.9, 45.7], [-122.9, 45.3]]] };
  const BOGOTA_AREA = { type: 'Polygon' as const, coordinates: [[[-74.3, 4.4], [-73.9, 4.4], [-73.9, 4.9], [-74.3, 4.9], [-74.3, 4.4]]] };
  const swappedProfile: ImportProfile = { ...PORTLAND_PROFILE, columns: { ...PORTLAND_PROFILE.columns, lon: 'lat', lat: 'lon' } };

  const orgWithArea = (jurisdiction: typeof PORTLAND_AREA) => kit.analystOfNewOrg(t.ctx, { jurisdiction });
  const fieldsOf = async (promise: Promise<unknown>) => {
    const err = await promise.then(() => null, (e: unknown) => e as { fields: { code: string; params?: Record<string, unknown> }[] });
    return err?.fields ?? [];
  };

  it('says when latitude and longitude are swapped, against the jurisdiction and without one', async () => {
    const portland = await orgWithArea(PORTLAND_AREA);
    const [swapped] = await fieldsOf(run(portland.actor, portland.orgId, PORTLAND_2000, { profile: swappedProfile }));
    expect(swapped).toMatchObject({ code: 'imports.swapped_axes', params: { x: 'lat', y: 'lon' } });
    expect(swapped!.params!.outside).toBe(swapped!.params!.sampled);
    expect(swapped!.params!.sampled).toBeGreaterThanOrEqual(1000);
    const { orgId, actor } = await analystOfNewOrg();
    expect(await fieldsOf(run(actor, orgId, PORTLAND_2000, { profile: swappedProfile }))).toMatchObject([{ code: 'imports.swapped_axes_area' }]);
    expect(await importedRows(portland.orgId)).toEqual([]);
  });

  it('says when the points fall outside the owner\'s jurisdiction, and when degrees were given a projected CRS', async () => {
    const bogota = await orgWithArea(BOGOTA_AREA);
    expect(await fieldsOf(run(bogota.actor, bogota.orgId, PORTLAND_2000))).toMatchObject([{ code: 'imports.outside_jurisdiction', params: { crs: 'EPSG:4326', x: 'lon', y: 'lat' } }]);
    const { orgId, actor } = await analystOfNewOrg();
    const degreesAsUtm = { ...PORTLAND_PROFILE, crs: 'EPSG:32610' };
    expect((await fieldsOf(run(actor, orgId, PORTLAND_2000, { profile: degreesAsUtm }))).map((f) => f.code)).toEqual(['imports.outside_area_of_use', 'imports.looks_like_degrees']);
  });

  it('names the date column and the format the dates seem to be in', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    const dayFirst: ImportProfile = { ...PORTLAND_PROFILE, dateFormat: 'DD/MM/YYYY' };
    expect(await fieldsOf(run(actor, orgId, PORTLAND_2000, { profile: dayFirst }))).toMatchObject([
      { code: 'imports.date_format_mismatch', params: { column: 'occ_date', format: 'DD/MM/YYYY', suggestion: 'YYYY-MM-DD', example: '2016-08-10' } },
    ]);
    const words = PORTLAND_2000.replaceAll(/2016-08-(\d\d)/g, 'the $1th');
    expect(await fieldsOf(run(actor, orgId, words))).toMatchObject([{ code: 'imports.unparseable_dates', params: { column: 'occ_date' } }]);
  });

  it('refuses an empty file, a header without records and a file with another delimiter', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    expect(await fieldsOf(run(actor, orgId, ''))).toMatchObject([{ code: 'imports.empty_file' }]);
    expect(await fieldsOf(run(actor, orgId, PORTLAND_2000.split('\n')[0]! + '\n'))).toMatchObject([{ code: 'imports.no_records' }]);
    expect(await fieldsOf(run(actor, orgId, PORTLAND_2000.replaceAll(',', ';')))).toMatchObject([{ code: 'imports.wrong_delimiter', params: { found: ';' } }]);
    expect(await importedRows(orgId)).toEqual([]);
  });
});

describe('imports in the operations feed', () => {
  const summaries = (orgId: string) =>
    t.ctx.db.selectFrom('operations_feed').select(['record_type', 'tlp', 'created_by', 'data']).where('owner_org_id', '=', orgId).where('kind', '=', 'incidents.imported').orderBy('id').execute();

  it('announces each batch that wrote rows with one summary event, not one per row', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    await run(actor, orgId, PORTLAND_2000, { batchSize: 500, writers: 1 });
    const events = await summaries(orgId);
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.record_type === 'incident_import' && e.tlp === 'AMBER' && e.created_by === actor.userId)).toBe(true);
    expect(events.reduce((n, e) => n + Number(e.data.inserted), 0)).toBe(2000);
    await run(actor, orgId, PORTLAND_2000, { batchSize: 500 });
    expect(await summaries(orgId)).toHaveLength(4); // a re-run that changes nothing says nothing
  });

  it('writes a batch over two connections at once with the rows, counts and summaries of one', async () => {
    const one = await analystOfNewOrg();
    const two = await analystOfNewOrg();
    const a = await run(one.actor, one.orgId, PORTLAND_2000, { batchSize: 500, writers: 1 });
    const b = await run(two.actor, two.orgId, PORTLAND_2000, { batchSize: 500, writers: 2 });
    expect(b).toEqual(a);
    expect(await importedRows(two.orgId)).toEqual(await importedRows(one.orgId));
    const events = await summaries(two.orgId);
    expect(events.length).toBeGreaterThan(4); // one per transaction: two per batch
    expect(events.length).toBeLessThanOrEqual(8);
    expect(events.reduce((n, e) => n + Number(e.data.inserted), 0)).toBe(2000);
  });

  it('gives the earlier feed events of incidents an import re-marks their new marking', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    const recorded = await createIncident(t.ctx, actor, {
      tlp: 'GREEN', iccsCode: null, sourceCategory: 'BURGLARY', occurredFrom: '2016-08-10T07:00:00Z', occurredTo: null, reportedAt: null, location: null,
      locationPrecisionM: null, addressText: null, source: 'import', externalId: 'portland-cfs-2016-08:2', sharingGroupIds: [], recipientUserIds: [],
    });
    const markingOfEvent = () => t.ctx.db.selectFrom('operations_feed').select('tlp').where('record_id', '=', recorded.id).executeTakeFirstOrThrow();
    expect(await markingOfEvent()).toEqual({ tlp: 'GREEN' });
    await run(actor, orgId, PORTLAND_2000.split('\n').slice(0, 11).join('\n') + '\n', { tlp: 'AMBER' });
    expect(await markingOfEvent()).toEqual({ tlp: 'AMBER' });
  });
});
