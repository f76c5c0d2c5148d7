// Timing of tiles through the point layer + encodeTile, and the references (bare SQL of the
// same path, and on PostgreSQL the same statements with ST_AsMVT doing the encoding).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { encodeTile } from '../../server/src/platform/tiles/encode-tile.ts';
import {
  cellsQuery,
  pointLayerFeatures,
  pointsQuery,
  resolveOptions,
  type PointSource,
} from '../../server/src/platform/tiles/point-layer.ts';
import { TILE_BUFFER, TILE_EXTENT, type TileCoords } from '../../server/src/platform/tiles/tile-coords.ts';
import { log, options } from './options.ts';
import { tileSet } from './tile-set.ts';

export const LAYER = 'points';
export const SOURCE: PointSource = {
  from: sql`bench_points p`,
  geometry: sql.ref('p.geom'),
  id: sql.ref('p.id'),
  properties: { category: sql.ref('p.category') },
};
/** The point layer's defaults are what is measured. */
export const LAYER_OPTIONS = resolveOptions();

export interface Stats {
  p50: number;
  p99: number;
  mean: number;
}

export interface ZoomResult {
  zoom: number;
  tiles: number;
  inBbox: number;
  samples: number;
  total: Stats;
  /** Over the samples of tiles that sent at least one feature. */
  nonEmpty: Stats & { tiles: number };
  sql: Stats;
  features: number;
  bytes: number;
  /** Tiles by what the layer sent: grid cells, points, points cut at the cap. */
  modes: { cells: number; points: number; truncated: number };
  /** Most features / rows behind one tile. */
  maxFeatures: number;
  /** The tile with the most rows behind it (cells: sum of counts; capped tiles count as the cap + 1). */
  heaviest: { tile: string; rows: number; mode: string; p50: number };
  /** PostgreSQL only: the same statements with ST_AsMVT/ST_AsMVTGeom encoding in the database. */
  mvt: (Stats & { bytes: number }) | null;
  /** Scan nodes of the plans of the statement each tile ends with, and on how many tiles. */
  plans: Record<string, number>;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { p50: rank(0.5), p99: rank(0.99), mean: sorted.reduce((s, v) => s + v, 0) / sorted.length };
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

/** The tile through our path: point layer (SQL), then encodeTile. */
async function ours(db: Kysely<any>, tile: TileCoords) {
  const t0 = performance.now();
  const layer = await pointLayerFeatures(db, tile, SOURCE, LAYER_OPTIONS);
  const t1 = performance.now();
  const bytes = encodeTile(tile, { [LAYER]: layer.features });
  const t2 = performance.now();
  return { totalMs: t2 - t0, sqlMs: t1 - t0, layer, bytes: bytes.length };
}

/** ST_AsMVT over rows with lon, lat and the given properties (SQL of the row source). */
const asMvt = (tile: TileCoords, rows: RawBuilder<any>, props: RawBuilder<unknown>, lonLat: RawBuilder<unknown> = sql`q.lon, q.lat`) => sql<{ n: number; tile: Buffer | null }>`
  select count(*)::int as n, ST_AsMVT(t, ${LAYER}, ${TILE_EXTENT}::int, 'geom') as tile from (
    select ${props}, ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(${lonLat}), 4326), 3857),
                                  ST_TileEnvelope(${tile.z}::int, ${tile.x}::int, ${tile.y}::int), ${TILE_EXTENT}::int, ${TILE_BUFFER}::int, true) as geom
    from (${rows}) q) t`;

/**
 * The same statements as the point layer (probe below pointZoom, then cells or points) with
 * the encoding done by ST_AsMVT: what PostgreSQL alone would take for the same tile.
 */
async function withStAsMvt(db: Kysely<any>, tile: TileCoords): Promise<{ ms: number; bytes: number }> {
  const o = LAYER_OPTIONS;
  const pointProps = sql`q.id, q.p0 as category`;
  const t0 = performance.now();
  let bytes: Buffer | null = null;
  if (tile.z >= o.pointZoom) {
    bytes = (await asMvt(tile, pointsQuery(SOURCE, tile, o.maxPoints, true), pointProps).execute(db)).rows[0]!.tile;
  } else {
    const probe = (await asMvt(tile, pointsQuery(SOURCE, tile, o.pointThreshold + 1, false), pointProps).execute(db)).rows[0]!;
    bytes = probe.tile;
    if (probe.n > o.pointThreshold) bytes = (await asMvt(tile, cellsQuery(SOURCE, tile, o.cellPixels), sql`q.n as count`, sql`q.lon / q.n, q.lat / q.n`).execute(db)).rows[0]!.tile;
  }
  return { ms: performance.now() - t0, bytes: bytes?.length ?? 0 };
}

/** Scan nodes (and the index they use) of the plan of the statement a tile ends with. */
async function planOf(db: Kysely<any>, tile: TileCoords, mode: 'cells' | 'points'): Promise<string> {
  const o = LAYER_OPTIONS;
  const query =
    tile.z >= o.pointZoom
      ? pointsQuery(SOURCE, tile, o.maxPoints + 1, true)
      : mode === 'cells'
        ? cellsQuery(SOURCE, tile, o.cellPixels)
        : pointsQuery(SOURCE, tile, o.pointThreshold + 1, false);
  const { rows } = await sql<Record<string, string>>`explain ${query}`.execute(db);
  const text = rows.map((r) => Object.values(r)[0]).join('\n');
  const nodes = [...text.matchAll(/((?:Parallel )?(?:Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan))/g)].map((m) => m[1]!);
  return [...new Set(nodes)].join(' + ') || 'no scan';
}

const rowsBehind = (layer: Awaited<ReturnType<typeof pointLayerFeatures>>) =>
  layer.mode === 'cells' ? layer.features.reduce((s, f) => s + Number(f.properties.count), 0) : layer.features.length + (layer.truncated ? 1 : 0);

/**
 * Times every zoom's tiles on `db`; with `referenceDb` (PostgreSQL) also the same statements
 * encoded by ST_AsMVT, on that connection.
 */
export async function measureZooms(engine: 'PostgreSQL' | 'PGlite', db: Kysely<any>, referenceDb: Kysely<any> | null): Promise<ZoomResult[]> {
  const results: ZoomResult[] = [];
  const reference = referenceDb !== null;
  for (const zoom of options.zooms) {
    const set = tileSet(zoom, options.tilesPerZoom, options.randomTiles);
    log(`${engine} z${zoom}: ${set.tiles.length} tiles (${set.inBbox} in the Portland bbox), warm-up`);
    for (const tile of set.tiles) {
      await ours(db, tile);
      if (referenceDb) await withStAsMvt(referenceDb, tile);
    }
    const total: number[] = [];
    const nonEmpty: number[] = [];
    const sqlMs: number[] = [];
    const mvtMs: number[] = [];
    const mvtBytes: number[] = [];
    const features: number[] = [];
    const bytes: number[] = [];
    const modes = { cells: 0, points: 0, truncated: 0 };
    const perTile = set.tiles.map(() => ({ times: [] as number[], rows: 0, mode: '', features: 0 }));
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, tile] of set.tiles.entries()) {
        const r = await ours(db, tile);
        total.push(r.totalMs);
        sqlMs.push(r.sqlMs);
        if (r.layer.features.length > 0) nonEmpty.push(r.totalMs);
        perTile[i]!.times.push(r.totalMs);
        if (round === 0) {
          features.push(r.layer.features.length);
          bytes.push(r.bytes);
          perTile[i]!.rows = rowsBehind(r.layer);
          perTile[i]!.features = r.layer.features.length;
          perTile[i]!.mode = r.layer.mode === 'cells' ? 'cells' : r.layer.truncated ? 'points, capped' : 'points';
          if (r.layer.mode === 'cells') modes.cells++;
          else if (r.layer.truncated) modes.truncated++;
          else modes.points++;
        }
        if (referenceDb) {
          const m = await withStAsMvt(referenceDb, tile);
          mvtMs.push(m.ms);
          if (round === 0) mvtBytes.push(m.bytes);
        }
      }
    }
    const plans: Record<string, number> = {};
    for (const [i, tile] of set.tiles.entries()) {
      const plan = await planOf(db, tile, perTile[i]!.mode === 'cells' ? 'cells' : 'points');
      plans[plan] = (plans[plan] ?? 0) + 1;
    }
    const heavy = perTile.reduce((a, b) => (b.rows > a.rows ? b : a));
    const heavyTile = set.tiles[perTile.indexOf(heavy)]!;
    const result: ZoomResult = {
      zoom,
      tiles: set.tiles.length,
      inBbox: set.inBbox,
      samples: total.length,
      total: stats(total),
      nonEmpty: { ...stats(nonEmpty.length ? nonEmpty : [0]), tiles: perTile.filter((t) => t.features > 0).length },
      sql: stats(sqlMs),
      features: mean(features),
      bytes: mean(bytes),
      modes,
      maxFeatures: Math.max(...features),
      heaviest: { tile: `${heavyTile.z}/${heavyTile.x}/${heavyTile.y}`, rows: heavy.rows, mode: heavy.mode, p50: stats(heavy.times).p50 },
      mvt: reference ? { ...stats(mvtMs), bytes: mean(mvtBytes) } : null,
      plans,
    };
    log(
      `${engine} z${zoom}: p50 ${result.total.p50.toFixed(1)} ms, p99 ${result.total.p99.toFixed(1)} ms (SQL p50 ${result.sql.p50.toFixed(1)})` +
        (result.mvt ? `, ST_AsMVT p50 ${result.mvt.p50.toFixed(1)} p99 ${result.mvt.p99.toFixed(1)}` : '') +
        `; ${result.features.toFixed(0)} features, ${result.bytes.toFixed(0)} B; heaviest ${result.heaviest.tile} (${result.heaviest.rows} rows, ${result.heaviest.mode}) p50 ${result.heaviest.p50.toFixed(1)} ms; plans ${JSON.stringify(result.plans)}`,
    );
    results.push(result);
  }
  return results;
}
