import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../analytics/src/csv.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import type { ImportProfile } from './profile.ts';
import { runImport, type Rejection, type RunImportInput } from './run-import.ts';
import { analystOfNewOrg, chunks, importedRows, PORTLAND_2000 } from './testing.ts';

let t: TestPlatform;
afterAll(async () => t.stop());
beforeAll(async () => {
  t = await startTestPlatform();
});

const PROFILE: ImportProfile = {
  format: 'geojson',
  columns: { externalId: 'call_id', category: 'category', occurredFrom: 'occ_date', address: 'case_desc' },
  dateFormat: 'YYYY-MM-DD',
  utcOffsetMinutes: -420,
  crs: 'EPSG:2913',
};

/** The first 2,000 Portland calls as a FeatureCollection in EPSG:2913 (GeoJSON 2008 `crs` member), with ids. */
function portlandFeatures(count = 2000, extra: object[] = []) {
  const [header, ...records] = parseCsv(PORTLAND_2000);
  const at = (n: string) => header!.indexOf(n);
  const features = records.slice(0, count).map((r, i) => ({
    type: 'Feature',
    properties: { call_id: `cfs-${i + 1}`, category: r[at('category')], occ_date: r[at('occ_date')], case_desc: r[at('case_desc')] },
    geometry: r[at('x_ft')] === '' ? null : { type: 'Point', coordinates: [Number(r[at('x_ft')]), Number(r[at('y_ft')])] },
  }));
  return JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2913' } }, features: [...features, ...extra] }, null, 1);
}

const run = (actor: Actor, orgId: string, text: string, extra: Partial<RunImportInput> = {}) => {
  const rejections: Rejection[] = [];
  const outcome = runImport(t.ctx, actor, { file: chunks(text, 1021), ownerOrgId: orgId, tlp: 'GREEN', profile: PROFILE, onRejected: (r) => void rejections.push(r), ...extra });
  return outcome.then((o) => ({ ...o.counts, rejections }));
};

describe('importing a GeoJSON FeatureCollection', () => {
  it('imports every Point feature, reprojected, with the same locations as the CSV\'s lon/lat, and a re-run changes nothing', async () => {
    const { orgId, actor } = await analystOfNewOrg(t.ctx);
    const text = portlandFeatures();
    expect(await run(actor, orgId, text)).toMatchObject({ records: 2000, imported: 2000, rejected: 0 });
    const rows = await importedRows(t.ctx, orgId);
    const [header, ...records] = parseCsv(PORTLAND_2000);
    const first = rows.find((r) => r.external_id === 'cfs-1')!;
    expect(first.lon).toBeCloseTo(Number(records[0]![header!.indexOf('lon')]), 6);
    expect(first.lat).toBeCloseTo(Number(records[0]![header!.indexOf('lat')]), 6);
    expect(await run(actor, orgId, text)).toMatchObject({ imported: 0, updated: 0, unchanged: 2000 });
  });

  it('rejects bad features by their index and imports the rest', async () => {
    const { orgId, actor } = await analystOfNewOrg(t.ctx);
    const bad = [
      { type: 'Feature', properties: { call_id: 'line', category: 'BURGLARY', occ_date: '2016-08-01' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
      { type: 'Feature', properties: { call_id: 'date', category: 'BURGLARY', occ_date: 'yesterday' }, geometry: null },
      { type: 'Polygon', coordinates: [] },
      { type: 'Feature', properties: { call_id: 'fine', category: 'BURGLARY', occ_date: '2016-08-01', case_desc: 'a "quoted", {braced} text' }, geometry: null },
    ];
    const result = await run(actor, orgId, portlandFeatures(10, bad));
    expect(result).toMatchObject({ records: 14, imported: 11, rejected: 3 });
    expect(result.rejections.map((r) => [r.ref, r.code, r.column ?? null])).toEqual([[11, 'unsupported_geometry', null], [12, 'bad_date', 'occ_date'], [13, 'bad_feature', null]]);
    expect(result.rejections[1]!.values).toEqual(['date', 'BURGLARY', 'yesterday', '']);
  });

  it('ends an import stopped half-way and re-run with exactly the rows of an uninterrupted one', async () => {
    const whole = await analystOfNewOrg(t.ctx);
    await run(whole.actor, whole.orgId, portlandFeatures());
    const halted = await analystOfNewOrg(t.ctx);
    const stop = new AbortController();
    const partial = await run(halted.actor, halted.orgId, portlandFeatures(), {
      batchSize: 300,
      signal: stop.signal,
      onProgress: (c) => void (c.imported >= 900 && stop.abort()),
    });
    expect(partial.imported).toBeLessThan(2000);
    const resumed = await run(halted.actor, halted.orgId, portlandFeatures());
    expect(resumed.imported + resumed.unchanged).toBe(2000);
    expect(resumed.unchanged).toBe(partial.imported);
    expect(await importedRows(t.ctx, halted.orgId)).toEqual(await importedRows(t.ctx, whole.orgId));
  });

  it('refuses a file whose declared CRS differs from the profile\'s, and a property no feature has', async () => {
    const { orgId, actor } = await analystOfNewOrg(t.ctx);
    await expect(run(actor, orgId, portlandFeatures(), { profile: { ...PROFILE, crs: 'EPSG:4326' } })).rejects.toMatchObject({
      fields: [{ code: 'imports.declared_crs_differs', params: { declared: 'EPSG:2913', crs: 'EPSG:4326' } }],
    });
    await expect(run(actor, orgId, portlandFeatures(), { profile: { ...PROFILE, columns: { ...PROFILE.columns, category: 'kind' } } })).rejects.toMatchObject({
      fields: [{ code: 'imports.missing_property', params: { property: 'kind' } }],
    });
    expect(await importedRows(t.ctx, orgId)).toEqual([]);
  });
});
