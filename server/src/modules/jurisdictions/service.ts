import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/http/context.ts';
import { encodeTile, type TileFeature } from '../../platform/tiles/encode-tile.ts';
import type { TileCoords } from '../../platform/tiles/tile-coords.ts';
import { assertCanSeeJurisdictions } from './policy.ts';
import * as q from './queries.ts';

/** Name of the vector-tile layer (MapLibre `source-layer`). */
export const JURISDICTIONS_LAYER = 'jurisdictions';

/** The jurisdictions layer of one tile, as Mapbox Vector Tile bytes (empty when none reaches it). */
export async function jurisdictionTile(ctx: AppContext, actor: Actor, tile: TileCoords): Promise<Buffer> {
  assertCanSeeJurisdictions(actor);
  const rows = await q.jurisdictionsInTile(ctx.db, tile);
  const features: TileFeature[] = rows.map((r) => ({
    type: 'Feature',
    geometry: JSON.parse(r.geometry),
    properties: { id: r.id, name: r.name, type: r.type, country: r.country },
  }));
  return encodeTile(tile, { [JURISDICTIONS_LAYER]: features });
}

/** Every jurisdiction as GeoJSON text (for legends and fitting the map to them). */
export async function jurisdictionsGeoJson(ctx: AppContext, actor: Actor): Promise<string> {
  assertCanSeeJurisdictions(actor);
  return q.jurisdictionsFeatureCollection(ctx.db);
}
