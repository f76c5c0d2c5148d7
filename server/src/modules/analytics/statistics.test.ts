import { readFileSync } from 'node:fs';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  aggregateToGrid, formatDay, gridContiguity, isoWeekStart, kernelDensity, knoxTest, localGiStar, localMoran, parseDay, parseCsv, weightsFromNeighbourLists,
} from '../../../../analytics/src/index.ts';
import { REPO_ROOT } from '../../config.ts';
import { makeOrg, makeToken, makeUser, api, type Auth } from '../../../test/factories.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/harness.ts';
import { insertIncidents, portlandCalls, runAnalysis, type PortlandCall } from '../../../test/analytics.ts';
import { GridResult, H3Result, HotspotResult, KdeResult, KnoxResult, TrendResult } from './results.ts';

/**
 * Every statistic through the API over the 19,375 located Portland calls of August 2016,
 * checked against tallies made here from the CSV file with proj4 and h3-js directly, and
 * against the analytics package (tested against R) run here on the same projected points.
 */
let t: TestPlatform;
let analyst: Auth;
let calls: PortlandCall[];
let district: { id: string; rings: number[][][] };
let districts: { features: { properties: { DISTRICT: string }; geometry: Geometry }[] };
const utm = proj4('WGS84', '+proj=utm +zone=10 +datum=WGS84 +units=m +no_defs');

type Geometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Even–odd point in polygon over all rings (independent of PostGIS). */
function inside(rings: number[][][], lon: number, lat: number): boolean {
  if (!inBox(rings, lon, lat)) return false;
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

const boxes = new WeakMap<number[][][], number[]>();
function inBox(rings: number[][][], lon: number, lat: number): boolean {
  let box = boxes.get(rings);
  if (!box) {
    const all = rings.flat();
    box = [Math.min(...all.map((p) => p[0]!)), Math.min(...all.map((p) => p[1]!)), Math.max(...all.map((p) => p[0]!)), Math.max(...all.map((p) => p[1]!))];
    boxes.set(rings, box);
  }
  return lon >= box[0]! && lat >= box[1]! && lon <= box[2]! && lat <= box[3]!;
}

const tally = <T>(items: T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

beforeAll(async () => {
  t = await startTestPlatform();
  districts = JSON.parse(readFileSync(path.join(REPO_ROOT, 'demo', 'portland-police-districts.geojson'), 'utf8'));
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

const ringsOf = (g: Geometry) => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
const project = (points: { lon: number; lat: number }[]) => {
  const x = new Float64Array(points.length);
  const y = new Float64Array(points.length);
  points.forEach((p, i) => ([x[i], y[i]] = utm.forward([p.lon, p.lat])));
  return { x, y };
};
const countInside = (rings: number[][][]) => calls.filter((c) => inside(rings, c.lon, c.lat)).length;
const csvOf = async (link: string) => parseCsv((await api(t.app, { url: link, auth: analyst })).body);

describe('kernel density', () => {
  it('equals the package\'s density on the same projected points, in incidents per km², with highest-density contours', async () => {
    const { run, result } = await runAnalysis(t.app, analyst, { statistic: 'kde', parameters: { bandwidth: 400, cellSize: 100, contourMass: [0.5, 0.9] } });
    const parsed = KdeResult.parse(result);
    const { crs: _crs, unit: _unit, maxDensity, mass, dropped: _dropped, ...grid } = parsed.raster;
    expect(parsed.raster.crs).toBe('EPSG:32610');
    const expected = kernelDensity(project(calls), grid, { bandwidth: 400 }).density;
    const [, ...rows] = await csvOf(run.links.csv);
    expect(rows).toHaveLength(grid.ncol * grid.nrow);
    let worst = 0;
    rows.forEach((row, k) => (worst = Math.max(worst, Math.abs(Number(row[4]) - expected[k]! * 1e6))));
    expect(worst).toBeLessThan(1e-9 * maxDensity);
    // a margin of 3σ around the points keeps nearly all the mass inside the raster
    expect(mass).toBeGreaterThan(0.99 * calls.length);
    expect(mass).toBeLessThanOrEqual(calls.length + 1e-6);
    const [half, most] = parsed.contours.features;
    expect([half!.properties.mass, most!.properties.mass]).toEqual([0.5, 0.9]);
    expect(half!.properties.level).toBeGreaterThan(most!.properties.level);
    expect(half!.geometry.type).toBe('MultiLineString');
  });

  it('serves heat tiles: coloured over the city, transparent elsewhere, 404 for other statistics', async () => {
    const { run } = await runAnalysis(t.app, analyst, { statistic: 'kde', parameters: { kernel: 'quartic', bandwidth: 500, cellSize: 100, edgeCorrection: true } });
    expect(run.links.tiles).toBe(`/api/v1/analytics/runs/${run.id}/tiles/{z}/{x}/{y}.png`);
    const tile = (z: number, x: number, y: number, id = run.id) => api(t.app, { url: `/api/v1/analytics/runs/${id}/tiles/${z}/${x}/${y}.png`, auth: analyst });
    // downtown Portland (−122.68, 45.52) is in tile 12/652/1464
    const city = await tile(12, 652, 1464);
    expect(city.headers['content-type']).toBe('image/png');
    const { data, info } = await sharp(city.rawPayload).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([256, 256, 4]);
    const opaque = Array.from({ length: 256 * 256 }, (_, k) => data[k * 4 + 3]!).filter((a) => a > 0).length;
    expect(opaque).toBeGreaterThan(256 * 64);
    const sea = await sharp((await tile(12, 100, 1464)).rawPayload).raw().toBuffer();
    expect(sea.every((v, k) => k % 4 !== 3 || v === 0)).toBe(true);
    expect((await tile(23, 0, 0)).statusCode).toBe(400);
    const grid = await runAnalysis(t.app, analyst, { statistic: 'grid', parameters: { cellSize: 1000 } });
    expect((await tile(12, 652, 1464, grid.run.id)).statusCode).toBe(404);
  });
});

describe('Gi* and local Moran', () => {
  it('equal the package on the grid counts, with hot spots drawn and every cell in the CSV', async () => {
    const { run, result } = await runAnalysis(t.app, analyst, { statistic: 'gistar', parameters: { units: { kind: 'grid', cellSize: 500 }, fdr: true } });
    const parsed = HotspotResult.parse(result);
    const grid = { ...parsed.grid!, crs: undefined };
    const counts = aggregateToGrid(project(calls), grid).counts;
    const expected = localGiStar(counts, gridContiguity(grid.ncol, grid.nrow, 'queen'), { fdr: true });
    const [header, ...rows] = await csvOf(run.links.csv);
    expect(header).toEqual(['id', 'col', 'row', 'x_min', 'y_min', 'centre_lon', 'centre_lat', 'count', 'gistar_z', 'gistar_p', 'p_sim', 'q', 'class']);
    expect(rows).toHaveLength(grid.ncol * grid.nrow);
    rows.forEach((row, k) => {
      expect(Number(row[8])).toBeCloseTo(expected.z[k]!, 12);
      expect(Number(row[12])).toBe(expected.classes[k]);
    });
    const hot = parsed.features.features.filter((f) => f.properties.class === 3);
    expect(hot.length).toBeGreaterThan(10);
    expect(parsed.units).toMatchObject({ kind: 'grid', count: grid.ncol * grid.nrow, significant: expected.classes.filter((c) => c !== 0).length });
    expect(parsed.features.features.every((f) => f.properties.count > 0 || f.properties.class !== 0)).toBe(true);
  });

  it('keep to the cells inside a jurisdiction, and give the same permutation p-values for the same seed', async () => {
    const body = { statistic: 'moran', selection: { area: { kind: 'jurisdiction', orgId: district.id } }, parameters: { units: { kind: 'grid', cellSize: 200 }, permutations: 99, seed: 7 } };
    const first = HotspotResult.parse((await runAnalysis(t.app, analyst, body)).result);
    const again = HotspotResult.parse((await runAnalysis(t.app, analyst, body)).result);
    const grid = first.grid!;
    let insideCells = 0;
    for (let row = 0; row < grid.nrow; row++) {
      for (let col = 0; col < grid.ncol; col++) {
        const [lon, lat] = utm.inverse([grid.originX + (col + 0.5) * grid.cellSize, grid.originY + (row + 0.5) * grid.cellSize]);
        if (inside(district.rings, lon, lat)) insideCells++;
      }
    }
    expect(first.studyAreaCells).toBe(insideCells);
    expect(first.units.count).toBe(insideCells);
    expect(first.features.features.map((f) => f.properties.pSim)).toEqual(again.features.features.map((f) => f.properties.pSim));
    expect(first.features.features.some((f) => f.properties.cluster === 'HH')).toBe(true);
  });

  it('run on the 60 police districts with PostGIS contiguity, equal to the package on counts made here', async () => {
    const features = districts.features.map((f) => ({ type: 'Feature', id: f.properties.DISTRICT, properties: { name: `District ${f.properties.DISTRICT}` }, geometry: f.geometry }));
    const { created, run, result } = await runAnalysis(t.app, analyst, { statistic: 'gistar', parameters: { units: { kind: 'polygons', features: { type: 'FeatureCollection', features } } } });
    expect(run?.status, created.body).toBe('succeeded');
    const parsed = HotspotResult.parse(result);
    const ids = districts.features.map((f) => f.properties.DISTRICT);
    const counts = Float64Array.from(districts.features, (f) => countInside(ringsOf(f.geometry)));
    expect(parsed.features.features.map((f) => f.properties.count)).toEqual(Array.from(counts));
    const neighbours = parsed.neighbours!;
    for (const id of ids) {
      expect(neighbours[id]!.length).toBeGreaterThan(0);
      for (const other of neighbours[id]!) expect(neighbours[other]).toContain(id);
    }
    const expected = localGiStar(counts, weightsFromNeighbourLists(ids.map((id) => neighbours[id]!.map((n) => ids.indexOf(n)))));
    parsed.features.features.forEach((f, k) => expect(f.properties.z).toBeCloseTo(expected.z[k]!, 12));
    expect(parsed.features.features[0]!.properties.name).toBe(`District ${ids[0]}`);
  });

  it('run on organisations\' jurisdictions with distance-band weights between centroids', async () => {
    const chosen = districts.features.filter((f) => ['821', '822', '830', '841', '842'].includes(f.properties.DISTRICT));
    const orgs = await Promise.all(chosen.map((f) => makeOrg(t.ctx, { type: 'police_agency', country: 'US', name: `Distrito ${f.properties.DISTRICT} ${Math.random()}`, jurisdiction: f.geometry })));
    const { created, run, result } = await runAnalysis(t.app, analyst, { statistic: 'moran', parameters: { units: { kind: 'jurisdictions', orgIds: orgs.map((o) => o.id), weights: { kind: 'distance', distance: 4000 } } } });
    expect(run?.status, `${created.body} ${JSON.stringify(run)}`).toBe('succeeded');
    const parsed = HotspotResult.parse(result);
    expect(parsed.features.features.map((f) => f.properties.name)).toEqual(orgs.map((o) => o.name));
    expect(parsed.features.features.map((f) => f.properties.count)).toEqual(chosen.map((f) => countInside(ringsOf(f.geometry))));
    const lists = orgs.map((o) => parsed.neighbours![o.id]!.map((n) => orgs.findIndex((x) => x.id === n)));
    const expected = localMoran(Float64Array.from(parsed.features.features, (f) => f.properties.count), weightsFromNeighbourLists(lists));
    parsed.features.features.forEach((f, k) => expect(f.properties.i ?? Number.NaN).toBeCloseTo(expected.i[k]!, 12));
  });
});

describe('Knox near-repeat test', () => {
  it('equals the package on the same projected events and days, seed for seed', async () => {
    const body = { statistic: 'knox', selection: { iccs: ['0502'], timeZone: 'America/Los_Angeles' }, parameters: { distanceBands: [0, 100, 200, 400], timeBands: [0, 2, 7, 14], permutations: 99, seed: 11 } };
    const { run, result } = await runAnalysis(t.app, analyst, body);
    const parsed = KnoxResult.parse(result);
    const thefts = calls.filter((c) => c.iccsCode === '0502');
    const expected = knoxTest({ ...project(thefts), t: thefts.map((c) => parseDay(c.date)!) }, { distanceBreaks: [0, 100, 200, 400], timeBreaks: [0, 2, 7, 14], permutations: 99, seed: 11 });
    expect(parsed.events).toBe(thefts.length);
    expect(parsed.cells.map((c) => c.observed)).toEqual(Array.from(expected.observed));
    expect(parsed.cells.map((c) => c.pValue)).toEqual(Array.from(expected.pValue));
    expect(parsed.cells[0]).toMatchObject({ distanceBand: '[0,100)', timeBand: '[0,2)', distanceFrom: 0, distanceTo: 100 });
    expect(run.links.geojson).toBeNull();
    const [header] = await csvOf(run.links.csv);
    expect(header).toEqual(['distance_band', 'time_band', 'observed', 'expected', 'exact_expected', 'knox_ratio', 'p_value']);
  });
});
