import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { TileFeature, TileProperties } from './encode-tile.ts';
import { TILE_BUFFER, TILE_EXTENT, tileBounds, type TileCoords } from './tile-coords.ts';

/** Size of a vector tile on screen, in CSS pixels (MapLibre draws vector tiles 512 px wide). */
export const TILE_PIXELS = 512;

/**
 * Where the points of a layer come from. Every part is SQL that the caller builds (never user
 * text): the layer adds only the tile's envelope, the grid and the limits around it.
 */
export interface PointSource {
  /** FROM clause of the rows, e.g. sql`incidents i` (joins allowed). */
  from: Expression<unknown>;
  /** The point geometry, SRID 4326, with a GiST index: e.g. sql.ref('i.geom'). */
  geometry: Expression<unknown>;
  /** Identifier of a row, property `id` of an individual point: e.g. sql.ref('i.id'). */
  id: Expression<unknown>;
  /** Condition the rows must also meet, typically the access condition (`visibleTo(actor, …)`). */
  where?: Expression<SqlBool>;
  /**
   * Further properties of individual points, name → SQL expression (`id` and `count` are
   * reserved). Strings, numbers and booleans are kept, dates become ISO text, nulls are left out.
   */
  properties?: Record<string, Expression<unknown>>;
  /**
   * Which points a tile keeps when it holds more than `maxPoints` (e.g. sql`i.occurred_at desc`).
   * Unset: whichever rows the database reads first, which is fastest but leaves the kept points
   * bunched in part of the tile. Ordering reads every row of the tile.
   */
  orderBy?: Expression<unknown>;
}

export interface PointLayerOptions {
  /** Grid cell of the aggregated zooms, in tile pixels (of TILE_PIXELS); default 16. */
  cellPixels?: number;
  /** From this zoom on, every point is sent on its own (up to maxPoints); default 14. */
  pointZoom?: number;
  /** Below pointZoom, a tile holding at most this many rows sends them as points; default 1,000 (at most maxPoints). */
  pointThreshold?: number;
  /** Most points a tile sends; default 5,000. */
  maxPoints?: number;
}

export const POINT_LAYER_DEFAULTS: Required<PointLayerOptions> = { cellPixels: 16, pointZoom: 14, pointThreshold: 1000, maxPoints: 5000 };

export interface PointLayerTile {
  /**
   * `points`: one feature per row, properties `id` and the source's properties. `cells`: one
   * feature per grid cell holding rows, at the mean position of its rows, property `count`.
   */
  mode: 'points' | 'cells';
  features: TileFeature[];
  /** The tile held more rows than `maxPoints`: only `maxPoints` of them were sent. */
  truncated: boolean;
  /** The cap that applied to this tile (points mode). */
  maxPoints: number;
}

/** Anything Kysely can run a query on: the Db, or a transaction. */
export type Executor = Kysely<any>;

export function resolveOptions(options: PointLayerOptions = {}): Required<PointLayerOptions> {
  const o = { ...POINT_LAYER_DEFAULTS, ...options };
  if (!(o.cellPixels >= 1 && o.cellPixels <= TILE_PIXELS)) throw new RangeError(`cellPixels must be between 1 and ${TILE_PIXELS}`);
  if (!Number.isInteger(o.pointZoom) || o.pointZoom < 0) throw new RangeError('pointZoom must be a zoom level');
  if (!Number.isInteger(o.maxPoints) || o.maxPoints < 1) throw new RangeError('maxPoints must be a positive integer');
  if (!Number.isInteger(o.pointThreshold) || o.pointThreshold < 0) throw new RangeError('pointThreshold must be a non-negative integer');
  // More points than the cap are never sent on their own.
  return { ...o, pointThreshold: Math.min(o.pointThreshold, o.maxPoints) };
}

const RESERVED = new Set(['id', 'count']);

function propertyColumns(source: PointSource): { names: string[]; columns: RawBuilder<unknown>[] } {
  const names = Object.keys(source.properties ?? {});
  for (const name of names) if (RESERVED.has(name)) throw new RangeError(`point property "${name}" is reserved`);
  // Aliased p0, p1… so that property names never reach the SQL text.
  const columns = names.map((name, i) => sql`${source.properties![name]!} as ${sql.ref(`p${i}`)}`);
  return { names, columns };
}

/**
 * SQL of the individual points of a tile (plus its buffer): id, lon, lat, p0… for the
 * properties, at most `limit` rows. Exposed so that tests and benchmarks can EXPLAIN it.
 */
export function pointsQuery(source: PointSource, tile: TileCoords, limit: number, ordered: boolean): RawBuilder<PointRow> {
  const { columns } = propertyColumns(source);
  const extra = columns.length > 0 ? sql`, ${sql.join(columns)}` : sql``;
  const where = source.where ? sql` and (${source.where})` : sql``;
  const order = ordered && source.orderBy ? sql` order by ${source.orderBy}` : sql``;
  return sql<PointRow>`select ${source.id} as id, ST_X(${source.geometry}) as lon, ST_Y(${source.geometry}) as lat${extra}
    from ${source.from}
    where ${source.geometry} && ${tileBounds(tile)}${where}${order}
    limit ${limit}::int`;
}

/**
 * SQL of the grid cells of a tile: rows grouped into square Web Mercator cells of
 * `cellPixels` tile pixels, aligned on the world's origin so that neighbouring tiles cut the
 * same cells; each cell gives its row count `n` and the sums `lon`, `lat` of its rows' coordinates
 * (their mean is the cell's position). The rows read
 * are those of every cell that reaches into the tile's buffer, so that a cell drawn in two
 * tiles has the same count and position in both. Subquery (`offset 0` keeps it one) so that
 * each geometry is read once.
 */
export function cellsQuery(source: PointSource, tile: TileCoords, cellPixels: number): RawBuilder<CellRow> {
  const cellsPerWorld = 2 ** tile.z * (TILE_PIXELS / cellPixels);
  const buffer = (TILE_BUFFER / TILE_EXTENT) * TILE_PIXELS; // in tile pixels
  const first = (t: number) => Math.floor((t * TILE_PIXELS - buffer) / cellPixels);
  const last = (t: number) => Math.floor(((t + 1) * TILE_PIXELS + buffer) / cellPixels);
  const [west, east] = [cellLon(first(tile.x), cellsPerWorld), cellLon(last(tile.x) + 1, cellsPerWorld)];
  // Latitudes of the rows' edges, south to north: width_bucket finds a row's cell in them
  // (cheaper than computing the Mercator y of every row).
  const edges: number[] = [];
  for (let j = last(tile.y) + 1; j >= first(tile.y); j--) edges.push(cellLat(j, cellsPerWorld));
  const [south, north] = [edges[0]!, edges.at(-1)!];
  const where = source.where ? sql` and (${source.where})` : sql``;
  return sql<CellRow>`select count(*)::int as n, sum(pts.lon) as lon, sum(pts.lat) as lat
    from (
      select ST_X(${source.geometry}) as lon, ST_Y(${source.geometry}) as lat
      from ${source.from}
      where ${source.geometry} && ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326)${where}
      offset 0
    ) pts
    group by floor((pts.lon + 180) * ${cellsPerWorld / 360}::float8), width_bucket(pts.lat, ${edges}::float8[])`;
}

/** Longitude of the western edge of cell column `i` of a grid of `n` columns. */
const cellLon = (i: number, n: number) => Math.max(-180, Math.min(180, (i / n) * 360 - 180));
/** Latitude of the northern edge of cell row `j` of a grid of `n` rows (Web Mercator, clamped). */
const cellLat = (j: number, n: number) => {
  const clamped = Math.max(0, Math.min(n, j));
  return (Math.atan(Math.sinh(Math.PI * (1 - (2 * clamped) / n))) * 180) / Math.PI;
};

type PointRow = { id: unknown; lon: number; lat: number } & Record<string, unknown>;
/** A cell: its row count and the sums of their longitudes and latitudes. */
type CellRow = { n: number; lon: number; lat: number };

function propertyValue(value: unknown): string | number | boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

const point = (lon: number, lat: number, properties: TileProperties): TileFeature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [Number(lon), Number(lat)] },
  properties,
});

function toPoints(rows: PointRow[], names: string[]): TileFeature[] {
  return rows.map((row) => {
    const properties: TileProperties = {};
    const id = propertyValue(row.id);
    if (id !== undefined) properties.id = id;
    names.forEach((name, i) => {
      const value = propertyValue(row[`p${i}`]);
      if (value !== undefined) properties[name] = value;
    });
    return point(row.lon, row.lat, properties);
  });
}

/**
 * The features of a point layer for one tile, for `encodeTile`. At `pointZoom` and above,
 * each row is a point (id and properties), at most `maxPoints` (then `truncated`). Below it,
 * a tile holding at most `pointThreshold` rows also sends its points; a fuller tile sends
 * one feature per grid cell of `cellPixels` with the cell's `count`, aggregated in SQL.
 * Rows are selected with `geometry && envelope`, so the GiST index on the geometry is used;
 * the SQL is the same on PostgreSQL and PGlite (no ST_AsMVT).
 */
export async function pointLayerFeatures(db: Executor, tile: TileCoords, source: PointSource, options?: PointLayerOptions): Promise<PointLayerTile> {
  const o = resolveOptions(options);
  const { names } = propertyColumns(source);
  if (tile.z >= o.pointZoom) {
    const { rows } = await pointsQuery(source, tile, o.maxPoints + 1, true).execute(db);
    const truncated = rows.length > o.maxPoints;
    return { mode: 'points', features: toPoints(truncated ? rows.slice(0, o.maxPoints) : rows, names), truncated, maxPoints: o.maxPoints };
  }
  if (o.pointThreshold > 0) {
    // One query answers sparse tiles; a fuller one costs the read of pointThreshold + 1 rows.
    const { rows } = await pointsQuery(source, tile, o.pointThreshold + 1, false).execute(db);
    if (rows.length <= o.pointThreshold) return { mode: 'points', features: toPoints(rows, names), truncated: false, maxPoints: o.maxPoints };
  }
  const { rows } = await cellsQuery(source, tile, o.cellPixels).execute(db);
  const features = rows.map((r) => point(Number(r.lon) / r.n, Number(r.lat) / r.n, { count: Number(r.n) }));
  return { mode: 'cells', features, truncated: false, maxPoints: o.maxPoints };
}
