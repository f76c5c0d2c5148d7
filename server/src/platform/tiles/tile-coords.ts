import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';

/** Highest zoom level a tile endpoint serves. */
export const MAX_TILE_ZOOM = 22;
/** Tile grid: geojson-vt's extent and the buffer around each tile, in tile units. */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

const index = z.coerce.number().int().min(0);

/**
 * Path parameters of a `{z}/{x}/{y}` tile (XYZ scheme, Web Mercator): z from 0 to 22, x and
 * y from 0 to 2^z − 1. Failures are 400 with localized field messages.
 */
export const TileParams = z
  .object({ z: index.max(MAX_TILE_ZOOM), x: index, y: index })
  .superRefine((tile, ctx) => {
    const max = 2 ** tile.z - 1;
    for (const axis of ['x', 'y'] as const) {
      if (tile[axis] > max) ctx.addIssue({ code: 'custom', path: [axis], message: 'tile_out_of_range', params: { max } });
    }
  });
export type TileCoords = z.infer<typeof TileParams>;

/**
 * The tile's area in WGS 84 (SRID 4326), widened by the tile buffer, for selecting and
 * clipping geometries: `geom && tileBounds(t)`.
 */
export function tileBounds({ z, x, y }: TileCoords): RawBuilder<unknown> {
  return sql`ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => ${TILE_BUFFER / TILE_EXTENT}::float8), 4326)`;
}

/**
 * Simplification tolerance in degrees for geometries drawn at zoom `z`: a quarter of a tile
 * unit (1/4096 of a tile) at the equator, well below what geojson-vt simplifies away itself.
 */
export const simplifyTolerance = (z: number) => 360 / 2 ** z / TILE_EXTENT / 4;
