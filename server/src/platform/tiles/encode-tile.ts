import type { Feature, Geometry } from 'geojson';
import geojsonvt from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { TILE_BUFFER, TILE_EXTENT, type TileCoords } from './tile-coords.ts';

/** Media type of Mapbox Vector Tiles (specification 2.1). */
export const VECTOR_TILE_TYPE = 'application/vnd.mapbox-vector-tile';

export type TileProperties = Record<string, string | number | boolean>;
export type TileFeature = Feature<Geometry, TileProperties>;

/**
 * Encodes GeoJSON features (WGS 84) as one Mapbox Vector Tile 2.1: each entry of `layers` is
 * a layer of that name. Features are clipped to the tile plus its buffer and simplified to the
 * tile's resolution by geojson-vt; empty layers are left out, so a tile with no features is
 * empty (0 bytes). Properties (strings, numbers, booleans) become the features' tags.
 */
export function encodeTile(tile: TileCoords, layers: Record<string, readonly TileFeature[]>): Buffer {
  const tiles: Record<string, geojsonvt.Tile> = {};
  for (const [name, features] of Object.entries(layers)) {
    if (features.length === 0) continue;
    const index = geojsonvt(
      { type: 'FeatureCollection', features: features as TileFeature[] },
      // Index nothing up front: only the requested tile is cut, from z0 down.
      { maxZoom: 24, indexMaxZoom: 0, indexMaxPoints: 0, extent: TILE_EXTENT, buffer: TILE_BUFFER, tolerance: 3 },
    );
    const cut = index.getTile(tile.z, tile.x, tile.y);
    if (cut && cut.features.length > 0) tiles[name] = cut;
  }
  if (Object.keys(tiles).length === 0) return Buffer.alloc(0);
  return Buffer.from(fromGeojsonVt(tiles, { version: 2, extent: TILE_EXTENT }));
}
