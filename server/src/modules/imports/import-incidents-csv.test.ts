import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { makeOrg, makeUser } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import type { ImportProfile } from './column-mapping.ts';
import { importIncidentsCsv, type ImportIncidentsInput } from './import-incidents-csv.ts';

const PORTLAND_FILE = new URL('../../../../demo/portland-cfs-2016-08.csv', import.meta.url);
/** The header and the first 2,000 records of the Portland calls for service (one line each). */
const PORTLAND_2000 = readFileSync(PORTLAND_FILE, 'utf8').split('\n').slice(0, 2001).join('\n') + '\n';

const PORTLAND_PROFILE: ImportProfile = {
  columns: { externalId: { linePrefix: 'portland-cfs-2016-08' }, category: 'category', occurredFrom: 'occ_date', lon: 'lon', lat: 'lat' },
  dateFormat: 'YYYY-MM-DD',
  utcOffsetMinutes: -7 * 60, // Pacific Daylight Time, all of August
  crs: 'EPSG:4326',
};
const PORTLAND_MAPPING = { BURGLARY: '0501', 'MOTOR VEHICLE THEFT': '05021', 'STREET CRIMES': null, OTHER: null };

let t: TestPlatform;
afterAll(async () => t.stop());
beforeAll(async () => {
  t = await startTestPlatform();
});

/** An organisation with the Portland category mapping, and an analyst of it. */
async function analystOfNewOrg(mapping: Record<string, string | null> = PORTLAND_MAPPING) {
  const org = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  const user = await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }]);
  await t.ctx.db
    .insertInto('category_mappings')
    .values(Object.entries(mapping).map(([source_category, iccs_code]) => ({ owner_org_id: org.id, source_category, iccs_code })))
    .execute();
  const actor: Actor = { kind: 'user', userId: user.id, isPlatformAdmin: false, memberships: [{ orgId: org.id, role: 'analyst' }], scopes: null, requestId: null, locale: 'en' };
  return { orgId: org.id, actor };
}

/** The text in chunks of a few kilobytes, as a file stream would deliver it, cut mid-line and mid-character. */
async function* chunks(text: string, size = 4093) {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const run = (actor: Actor, orgId: string, text: string, extra: Partial<ImportIncidentsInput> = {}) =>
  importIncidentsCsv(t.ctx, actor, { source: chunks(text), ownerOrgId: orgId, tlp: 'AMBER', profile: PORTLAND_PROFILE, ...extra });

const importedRows = (orgId: string) =>
  t.ctx.db
    .selectFrom('incidents')
    .select(['external_id', 'iccs_code', 'source_category', 'occurred_from', 'occurred_to'])
    .select((eb) => [eb.fn<number>('ST_X', ['location']).as('lon'), eb.fn<number>('ST_Y', ['location']).as('lat')])
    .where('owner_org_id', '=', orgId)
    .orderBy('external_id')
    .execute();

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

  it('refuses, before reading any row, a file without a mapped column and a CRS it cannot reproject', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    await expect(run(actor, orgId, 'category,date\nBURGLARY,2016-08-10\n')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'profile.columns', code: 'imports.missing_column', params: { column: 'occ_date' } }, expect.anything(), expect.anything()],
    });
    const feet = { ...PORTLAND_PROFILE, crs: 'EPSG:2913' } as unknown as ImportProfile;
    await expect(run(actor, orgId, PORTLAND_2000, { profile: feet })).rejects.toMatchObject({ fields: [{ path: 'profile.crs', code: 'imports.unsupported_crs' }] });
    expect(await importedRows(orgId)).toEqual([]);
  });
});

describe('imports in the operations feed', () => {
  const summaries = (orgId: string) =>
    t.ctx.db.selectFrom('operations_feed').select(['record_type', 'tlp', 'created_by', 'data']).where('owner_org_id', '=', orgId).where('kind', '=', 'incidents.imported').orderBy('id').execute();

  it('announces each batch that wrote rows with one summary event, not one per row', async () => {
    const { orgId, actor } = await analystOfNewOrg();
    await run(actor, orgId, PORTLAND_2000, { batchSize: 500 });
    const events = await summaries(orgId);
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.record_type === 'incident_import' && e.tlp === 'AMBER' && e.created_by === actor.userId)).toBe(true);
    expect(events.reduce((n, e) => n + Number(e.data.inserted), 0)).toBe(2000);
    await run(actor, orgId, PORTLAND_2000, { batchSize: 500 });
    expect(await summaries(orgId)).toHaveLength(4); // a re-run that changes nothing says nothing
  });

  it('rejects a row the database refuses alone, in the same transaction as the rest of its batch', async () => {
    const { orgId, actor } = await analystOfNewOrg({ ...PORTLAND_MAPPING, 'REFUSED BY THE DATABASE': null });
    await t.ctx.db.schema.alterTable('incidents').addCheckConstraint('refused_in_this_test', sql`source_category is distinct from 'REFUSED BY THE DATABASE'`).execute();
    try {
      const text = [
        'category,call_group,final_case,case_desc,occ_date,x_ft,y_ft,lon,lat,census_tract',
        'BURGLARY,,,,2016-08-10,,,-122.6,45.5,',
        'REFUSED BY THE DATABASE,,,,2016-08-11,,,-122.6,45.5,',
        'OTHER,,,,2016-08-12,,,-122.6,45.5,',
      ].join('\n');
      const report = await run(actor, orgId, text);
      expect([report.imported, report.updated, report.unchanged]).toEqual([2, 0, 0]);
      expect(report.rejected).toEqual([{ line: 3, code: 'database_refused' }]);
      expect((await summaries(orgId)).map((e) => e.data)).toEqual([{ inserted: 2, updated: 0 }]);
      const audit = await t.ctx.db.selectFrom('audit_log').select('diff').where('action', '=', 'import').where('actor_org_id', '=', orgId).execute();
      expect(audit.map((a) => a.diff)).toEqual([{ firstLine: 2, lastLine: 4, inserted: 2, updated: 0 }]);
    } finally {
      await t.ctx.db.schema.alterTable('incidents').dropConstraint('refused_in_this_test').execute();
    }
  });
});
