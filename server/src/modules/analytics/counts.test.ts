import { readFileSync } from 'node:fs';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekStart, formatDay, parseDay } from '../../../../analytics/src/index.ts';
import { REPO_ROOT } from '../../config.ts';
import { makeOrg, makeToken, makeUser, api, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { insertIncidents, portlandCalls, runAnalysis, type PortlandCall } from '../../../test/analytics.ts';
import { GridResult, H3Result, TrendResult } from './results.ts';

/**
 * Counts through the API over the 19,375 located Portland calls of August 2016, checked
 * against tallies made here from the CSV file with proj4 and h3-js directly.
 */
let t: TestPlatform;
let analyst: Auth;
let calls: PortlandCall[];
let district: { id: string; rings: number[][][] };

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Even–odd point in polygon over all rings (independent of PostGIS). */
function inside(rings: number[][][], lon: number, lat: number): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi! > lat !== yj! > lat && lon < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) odd = !odd;
    }
  }
  return odd;
}

const tally = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

beforeAll(async () => {
  t = await startTestPlatform();
  const districts = JSON.parse(readFileSync(path.join(REPO_ROOT, 'demo', 'portland-police-districts.geojson'), 'utf8')) as {
    features: { properties: { DISTRICT: string }; geometry: Geometry }[];
  };
  const geometry = districts.features.find((f) => f.properties.DISTRICT === '822')!.geometry;
  const org = await makeOrg(t.ctx, { type: 'police_agency', country: 'US' });
  const school = await makeOrg(t.ctx, { type: 'school', country: 'US', jurisdiction: geometry });
  district = { id: school.id, rings: geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat() };
  const user = await makeUser(t.ctx, [{ orgId: org.id, role: 'analyst' }]);
  analyst = { token: await makeToken(t.ctx, user.id, ['read']) };
  calls = portlandCalls();
  await insertIncidents(t.ctx, { orgId: org.id, userId: user.id }, calls.map((c, i) => ({ ...c, source: i % 10 === 0 ? 'tip' : 'police_record' })));
});
afterAll(async () => t.stop());

describe('square-grid counts', () => {
  it('count every incident in its cell of the UTM zone of the area, cells aligned on multiples of the cell size', async () => {
    const { run, result } = await runAnalysis(t.app, analyst, { statistic: 'grid', parameters: { cellSize: 500 } });
    expect(run.projection).toMatchObject({ epsg: 32610, name: 'WGS 84 / UTM zone 10N' });
    expect(run.projection.maxScaleError).toBeLessThan(0.001);
    const parsed = GridResult.parse(result);
    expect(parsed.incidents).toBe(19_375);
    expect(parsed.grid.originX % 500).toBe(0);
    const utm = proj4('WGS84', '+proj=utm +zone=10 +datum=WGS84 +units=m +no_defs');
    const expected = tally(calls, (c) => {
      const [x, y] = utm.forward([c.lon, c.lat]);
      return `${Math.floor((x - parsed.grid.originX) / 500)}:${Math.floor((y - parsed.grid.originY) / 500)}`;
    });
    const got = new Map(parsed.cells.features.map((f) => [`${f.properties.col}:${f.properties.row}`, f.properties.count]));
    expect(got).toEqual(expected);
    expect(parsed.dropped).toBe(0);
  });

  it('split by ISO week in the selection\'s time zone, with the windows listed', async () => {
    const { result } = await runAnalysis(t.app, analyst, {
      statistic: 'grid',
      selection: { timeZone: 'America/Los_Angeles' },
      parameters: { cellSize: 1000, window: 'week' },
    });
    const parsed = GridResult.parse(result);
    expect(parsed.windows[0]).toEqual({ start: '2016-08-01', end: '2016-08-08' });
    expect(parsed.windows.at(-1)).toEqual({ start: '2016-08-29', end: '2016-09-05' });
    const perWeek = parsed.windows.map((_, w) => parsed.cells.features.reduce((s, f) => s + f.properties.counts![w]!, 0));
    const expected = [...tally(calls, (c) => formatDay(isoWeekStart(parseDay(c.date)!))).entries()].sort().map(([, n]) => n);
    expect(perWeek).toEqual(expected);
  });

  it('select by ICCS prefixes, source, time window and area (jurisdiction, box, polygon)', async () => {
    const count = async (selection: object) => (await runAnalysis(t.app, analyst, { statistic: 'grid', selection, parameters: { cellSize: 1000 } })).run.incidents;
    const burglaryOrTheft = calls.filter((c) => c.iccsCode === '0501' || c.iccsCode === '0502').length;
    expect(await count({ iccs: ['0501', '0502'] })).toBe(burglaryOrTheft);
    expect(await count({ iccs: ['05'] })).toBe(burglaryOrTheft);
    expect(await count({ sources: ['tip'] })).toBe(Math.ceil(calls.length / 10));
    expect(await count({ from: '2016-08-10T00:00:00-07:00', to: '2016-08-12T00:00:00-07:00' })).toBe(calls.filter((c) => c.date === '2016-08-10' || c.date === '2016-08-11').length);
    const inDistrict = calls.filter((c) => inside(district.rings, c.lon, c.lat)).length;
    expect(inDistrict).toBeGreaterThan(100);
    expect(await count({ area: { kind: 'jurisdiction', orgId: district.id } })).toBe(inDistrict);
    expect(await count({ area: { kind: 'polygon', geometry: { type: 'Polygon', coordinates: district.rings } } })).toBe(inDistrict);
    const box = [-122.7, 45.5, -122.6, 45.55] as const;
    expect(await count({ area: { kind: 'bbox', bbox: box } })).toBe(calls.filter((c) => c.lon >= box[0] && c.lon <= box[2] && c.lat >= box[1] && c.lat <= box[3]).length);
  });

  it('offer the cells as CSV and GeoJSON downloads', async () => {
    const { run, result } = await runAnalysis(t.app, analyst, { statistic: 'grid', selection: { area: { kind: 'jurisdiction', orgId: district.id } }, parameters: { cellSize: 250 } });
    const csv = await api(t.app, { url: run.links.csv, auth: analyst });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="alianza-grid-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.csv"$/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('col,row,x_min,y_min,centre_lon,centre_lat,count');
    expect(lines).toHaveLength(result.cells.features.length + 1);
    const geojson = await api(t.app, { url: run.links.geojson, auth: analyst });
    expect(geojson.headers['content-type']).toBe('application/geo+json; charset=utf-8');
    expect(geojson.data).toEqual(result.cells);
  });
});

describe('H3 counts', () => {
  it('count every incident in its hexagon', async () => {
    const { result } = await runAnalysis(t.app, analyst, { statistic: 'h3', parameters: { resolution: 8 } });
    const parsed = H3Result.parse(result);
    const expected = tally(calls, (c) => latLngToCell(c.lat, c.lon, 8));
    expect(new Map(parsed.cells.features.map((f) => [f.properties.h3, f.properties.count]))).toEqual(expected);
    const ring = parsed.cells.features[0]!.geometry.coordinates[0] as number[][];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
  });
});

describe('trends', () => {
  it('count per ISO week and ICCS section, unclassified calls apart, with exact tests against the previous week', async () => {
    const { result } = await runAnalysis(t.app, analyst, {
      statistic: 'trends',
      selection: { timeZone: 'America/Los_Angeles' },
      parameters: { period: 'week', category: 'section' },
    });
    const parsed = TrendResult.parse(result);
    const expected = tally(calls, (c) => `${formatDay(isoWeekStart(parseDay(c.date)!))} ${c.iccsCode?.slice(0, 2) ?? '(none)'}`);
    expect(new Map(parsed.rows.map((r) => [`${r.period} ${r.category}`, r.count]))).toEqual(expected);
    const second = parsed.rows.find((r) => r.period === '2016-08-08' && r.category === '05')!;
    expect(second.previous).toBe(expected.get('2016-08-01 05'));
    expect(second.pPrevious).toBeGreaterThan(0);
    expect(second.pPrevious).toBeLessThanOrEqual(1);
    expect(second.lastYear).toBeNull();
    expect(parsed.seasonal.filter((s) => s.month === 8).map((s) => s.category).sort()).toEqual(['(none)', '02', '05', '08']);
  });

  it('split by administrative area, named', async () => {
    const { result } = await runAnalysis(t.app, analyst, { statistic: 'trends', parameters: { category: 'none', byArea: true } });
    const parsed = TrendResult.parse(result);
    const school = parsed.rows.find((r) => r.area === district.id)!;
    expect(school.count).toBe(calls.filter((c) => inside(district.rings, c.lon, c.lat)).length);
    expect(school.areaName).toMatch(/^Org /);
    expect(parsed.rows.find((r) => r.area === '(none)')!.count).toBe(calls.length - school.count);
  });
});
