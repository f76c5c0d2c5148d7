import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { decodeTile, tileOf } from '../../../test/vector-tiles.ts';
import { encodeTile } from './encode-tile.ts';
import { cellsQuery, pointLayerFeatures, pointsQuery, resolveOptions, TILE_PIXELS, type PointSource } from './point-layer.ts';
import type { TileCoords } from './tile-coords.ts';

let database: TestDatabase;
const db = () => database.engine.db;

// 3,000 points spread evenly over about 4.7 × 4.4 km of Portland, 50 in Bogotá.
const PORTLAND = { west: -122.7, south: 45.5, east: -122.64, north: 45.54 };
const source: PointSource = {
  from: sql`layer_points p`,
  geometry: sql.ref('p.geom'),
  id: sql.ref('p.id'),
  properties: { category: sql.ref('p.category'), owner: sql.ref('p.owner') },
};

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table layer_points (
    id bigint generated always as identity primary key,
    geom geometry(Point, 4326) not null,
    category text,
    owner text not null)`.execute(db());
  await sql`create index layer_points_geom on layer_points using gist (geom)`.execute(db());
  await sql`insert into layer_points (geom, category, owner)
    select ST_SetSRID(ST_MakePoint(${PORTLAND.west}::float8 + ((i * 7919) % 997) / 997.0 * 0.06,
                                   ${PORTLAND.south}::float8 + ((i * 104729) % 991) / 991.0 * 0.04), 4326),
           case when i % 10 = 0 then null else (array['burglary', 'theft', 'assault'])[1 + i % 3] end,
           case when i % 2 = 0 then 'a' else 'b' end
    from generate_series(1, 3000) i`.execute(db());
  await sql`insert into layer_points (geom, category, owner)
    select ST_SetSRID(ST_MakePoint(-74.08 + i * 0.0001, 4.6), 4326), 'theft', 'a' from generate_series(1, 50) i`.execute(db());
  await sql`analyze layer_points`.execute(db());
});
afterAll(async () => database.drop());

/** West, south, east, north of a tile in WGS 84, widened by `margin` of its width. */
function tileBox({ z, x, y }: TileCoords, margin = 0) {
  const n = 2 ** z;
  const lon = (t: number) => (t / n) * 360 - 180;
  const lat = (t: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * t) / n))) * 180) / Math.PI;
  return { west: lon(x - margin), east: lon(x + 1 + margin), north: lat(y - margin), south: lat(y + 1 + margin) };
}
const inside = (box: ReturnType<typeof tileBox>, [lon, lat]: number[]) => lon! >= box.west && lon! <= box.east && lat! >= box.south && lat! <= box.north;
const coords = (f: { geometry: unknown }) => (f.geometry as { coordinates: number[] }).coordinates;
const rowsIn = async (box: ReturnType<typeof tileBox>, extra = sql`true`) =>
  (
    await sql<{ n: number }>`select count(*)::int as n from layer_points p
      where p.geom && ST_MakeEnvelope(${box.west}::float8, ${box.south}::float8, ${box.east}::float8, ${box.north}::float8, 4326) and ${extra}`.execute(db())
  ).rows[0]!.n;

const centre = (z: number) => tileOf(-122.67, 45.52, z);

describe('point layer: individual points', () => {
  it('from pointZoom on sends every row of the tile and its buffer with id and properties, leaving nulls out', async () => {
    const tile = centre(14);
    const result = await pointLayerFeatures(db(), tile, source);
    expect(result.mode).toBe('points');
    expect(result.truncated).toBe(false);
    expect(result.maxPoints).toBe(5000);
    const buffered = tileBox(tile, 64 / 4096);
    expect(result.features.length).toBe(await rowsIn(buffered));
    expect(result.features.length).toBeGreaterThan(100);
    for (const f of result.features) {
      expect(inside(tileBox(tile, 0.02), coords(f))).toBe(true);
      expect(typeof f.properties.id).toBe('number');
      expect(['a', 'b']).toContain(f.properties.owner);
      if ('category' in f.properties) expect(['burglary', 'theft', 'assault']).toContain(f.properties.category);
    }
    expect(result.features.some((f) => !('category' in f.properties))).toBe(true);
    expect(new Set(result.features.map((f) => f.properties.id)).size).toBe(result.features.length);
  });

  it('apply the caller condition (e.g. the access condition)', async () => {
    const tile = centre(14);
    const result = await pointLayerFeatures(db(), tile, { ...source, where: sql<boolean>`p.owner = ${'a'}` });
    expect(result.features.length).toBe(await rowsIn(tileBox(tile, 64 / 4096), sql`p.owner = 'a'`));
    expect(result.features.every((f) => f.properties.owner === 'a')).toBe(true);
  });

  it('cap the points of a tile and say so; orderBy chooses which are kept', async () => {
    const tile = centre(14);
    const all = await pointLayerFeatures(db(), tile, source);
    const capped = await pointLayerFeatures(db(), tile, { ...source, orderBy: sql`p.id desc` }, { maxPoints: 50, pointThreshold: 50 });
    expect(capped).toMatchObject({ mode: 'points', truncated: true, maxPoints: 50 });
    expect(capped.features).toHaveLength(50);
    const highest = all.features.map((f) => f.properties.id as number).sort((a, b) => b - a).slice(0, 50);
    expect(capped.features.map((f) => f.properties.id)).toEqual(highest);
    const exact = await pointLayerFeatures(db(), tile, source, { maxPoints: all.features.length });
    expect(exact.truncated).toBe(false);
    expect(exact.features).toHaveLength(all.features.length);
  });

  it('below pointZoom, send the points of a tile that holds few rows', async () => {
    const bogota = tileOf(-74.08, 4.6, 9);
    const result = await pointLayerFeatures(db(), bogota, source);
    expect(result.mode).toBe('points');
    expect(result.features).toHaveLength(50);
    const none = await pointLayerFeatures(db(), tileOf(-58.38, -34.6, 9), source);
    expect(none).toMatchObject({ mode: 'points', features: [], truncated: false });
  });
});

describe('point layer: grid cells', () => {
  it('aggregate a full tile to cells with counts that add up to its rows', async () => {
    const tile = tileOf(-122.67, 45.52, 8); // the Portland points lie well inside this tile
    const result = await pointLayerFeatures(db(), tile, source);
    expect(result.mode).toBe('cells');
    const total = result.features.reduce((sum, f) => sum + (f.properties.count as number), 0);
    expect(total).toBe(3000);
    // 16-pixel cells: the points cover about 0.06° × 0.04°, i.e. 2 × 2 cells of 0.044° at z8.
    expect(result.features.length).toBeGreaterThanOrEqual(2);
    expect(result.features.length).toBeLessThanOrEqual(9);
    for (const f of result.features) {
      expect(Object.keys(f.properties)).toEqual(['count']);
      expect(inside({ west: PORTLAND.west - 1e-9, east: PORTLAND.east + 1e-9, south: PORTLAND.south - 1e-9, north: PORTLAND.north + 1e-9 }, coords(f))).toBe(true);
    }
  });

  it('switch to cells above pointThreshold and count only the rows the condition allows', async () => {
    const tile = centre(9); // holds every Portland point
    const few = await pointLayerFeatures(db(), tile, source, { pointThreshold: 5000 });
    expect(few.mode).toBe('points');
    const many = await pointLayerFeatures(db(), tile, source, { pointThreshold: 100 });
    expect(many.mode).toBe('cells');
    expect(many.features.length).toBeLessThan(few.features.length);
    const sum = (r: typeof many) => r.features.reduce((s, f) => s + (f.properties.count as number), 0);
    expect(sum(many)).toBe(3000);
    expect(few.features).toHaveLength(3000);
    const onlyA = await pointLayerFeatures(db(), tile, { ...source, where: sql<boolean>`p.owner = 'a'` }, { pointThreshold: 100 });
    expect(sum(onlyA)).toBe(1500);
  });

  it('send one feature per Web Mercator cell of cellPixels, at the mean position of its rows', async () => {
    const tile = centre(12);
    const cellsPerWorld = 2 ** 12 * (TILE_PIXELS / 16);
    const cellOf = ([lon, lat]: number[]) => {
      const rad = (lat! * Math.PI) / 180;
      const x = Math.floor(((lon! + 180) / 360) * cellsPerWorld);
      const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * cellsPerWorld);
      return `${x}/${y}`;
    };
    const result = await pointLayerFeatures(db(), tile, source, { pointThreshold: 10 });
    expect(result.mode).toBe('cells');
    const keys = result.features.map((f) => cellOf(coords(f)));
    expect(new Set(keys).size).toBe(keys.length);
    // The same, computed from the rows here.
    const { rows } = await sql<{ lon: number; lat: number }>`select ST_X(geom) as lon, ST_Y(geom) as lat from layer_points`.execute(db());
    const byCell = new Map<string, { n: number; lon: number; lat: number }>();
    for (const r of rows) {
      const key = cellOf([r.lon, r.lat]);
      const c = byCell.get(key) ?? { n: 0, lon: 0, lat: 0 };
      byCell.set(key, { n: c.n + 1, lon: c.lon + r.lon, lat: c.lat + r.lat });
    }
    for (const [i, f] of result.features.entries()) {
      const expected = byCell.get(keys[i]!)!;
      expect(f.properties.count).toBe(expected.n);
      expect(coords(f)[0]).toBeCloseTo(expected.lon / expected.n, 9);
      expect(coords(f)[1]).toBeCloseTo(expected.lat / expected.n, 9);
    }
  });

  it('use the same cells in neighbouring tiles, so that features in the shared buffer agree', async () => {
    // z13 tiles 1303/2930 and 1304/2930 meet at lon −122.6953, inside the Portland points.
    const left = { z: 13, x: 1303, y: 2930 };
    const right = { z: 13, x: 1304, y: 2930 };
    const options = { pointThreshold: 10, cellPixels: 32 };
    const key = (f: { geometry: unknown }) => coords(f).map((c) => c.toFixed(9)).join(',');
    const a = new Map((await pointLayerFeatures(db(), left, source, options)).features.map((f) => [key(f), f.properties.count]));
    const b = new Map((await pointLayerFeatures(db(), right, source, options)).features.map((f) => [key(f), f.properties.count]));
    const shared = [...a.keys()].filter((k) => b.has(k));
    expect(shared.length).toBeGreaterThan(0);
    for (const k of shared) expect(a.get(k)).toBe(b.get(k));
  });

  it('encode into a vector tile with their properties', async () => {
    const tile = centre(11);
    const cells = await pointLayerFeatures(db(), tile, source, { pointThreshold: 0 });
    const points = await pointLayerFeatures(db(), centre(15), source);
    const layers = decodeTile(encodeTile(tile, { cells: cells.features }));
    expect(layers.cells!.features.length).toBe(cells.features.length);
    expect(layers.cells!.features.every((f) => f.type === 1 && typeof f.properties.count === 'number')).toBe(true);
    const pointLayer = decodeTile(encodeTile(centre(15), { points: points.features })).points!;
    expect(pointLayer.features.length).toBeGreaterThan(0);
    expect(pointLayer.features.every((f) => typeof f.properties.id === 'number' && typeof f.properties.owner === 'string')).toBe(true);
  });
});

describe('point layer: SQL', () => {
  async function plan(query: ReturnType<typeof pointsQuery> | ReturnType<typeof cellsQuery>) {
    // The table is small, so the planner may rightly prefer a sequential scan: switch that off
    // to check that the envelope condition can use the GiST index at all.
    return db()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
  }

  it('select rows through the GiST index of the geometry', async () => {
    const tile = centre(14);
    const withWhere = { ...source, where: sql<boolean>`p.owner = 'a'` };
    for (const query of [pointsQuery(source, tile, 5001, true), pointsQuery(withWhere, tile, 1001, false), cellsQuery(withWhere, centre(10), 16)]) {
      const text = await plan(query);
      expect(text).toContain('layer_points_geom');
      expect(text).not.toMatch(/Seq Scan/);
    }
  });

  it('reject options and properties it cannot honour', async () => {
    expect(() => resolveOptions({ cellPixels: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ cellPixels: TILE_PIXELS + 1 })).toThrow(RangeError);
    expect(() => resolveOptions({ pointThreshold: -1 })).toThrow(RangeError);
    expect(() => resolveOptions({ maxPoints: 0 })).toThrow(RangeError);
    expect(resolveOptions({ maxPoints: 10 }).pointThreshold).toBe(10);
    expect(() => resolveOptions({ pointZoom: 1.5 })).toThrow(RangeError);
    expect(resolveOptions()).toEqual({ cellPixels: 16, pointZoom: 14, pointThreshold: 1000, maxPoints: 5000 });
    await expect(pointLayerFeatures(db(), centre(14), { ...source, properties: { count: sql`1` } })).rejects.toThrow(/reserved/);
  });
});
