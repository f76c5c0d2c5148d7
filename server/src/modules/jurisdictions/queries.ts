import { sql } from 'kysely';
import type { Db } from '../../platform/db/engine.ts';
import type { OrgType } from '../../platform/db/schema.ts';
import { simplifyTolerance, tileBounds, type TileCoords } from '../../platform/tiles/tile-coords.ts';

/**
 * Jurisdictions that reach into a tile, clipped to the tile (plus its buffer) and simplified
 * for its zoom, as GeoJSON geometry text. Tiling itself happens in TypeScript (ST_AsMVT needs
 * protobuf support that embedded PGlite lacks), so both engines run this one query.
 */
export const jurisdictionsInTile = (db: Db, tile: TileCoords) => {
  const bounds = tileBounds(tile);
  return db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name', 'o.type', 'o.country'])
    .select(sql<string>`ST_AsGeoJSON(ST_Simplify(ST_ClipByBox2D(o.jurisdiction, ${bounds}), ${simplifyTolerance(tile.z)}::float8, true), 7)`.as('geometry'))
    .where(sql<boolean>`ST_Intersects(o.jurisdiction, ${bounds})`)
    .orderBy('o.name')
    .execute();
};

/**
 * Every jurisdiction as one GeoJSON FeatureCollection (text, built by the database), with the
 * bbox of them all when there is any.
 */
export async function jurisdictionsFeatureCollection(db: Db): Promise<string> {
  const { rows } = await sql<{ collection: string }>`
    select json_strip_nulls(json_build_object(
      'type', 'FeatureCollection',
      'bbox', case when count(*) > 0 then json_build_array(
        ST_XMin(ST_Extent(o.jurisdiction)), ST_YMin(ST_Extent(o.jurisdiction)),
        ST_XMax(ST_Extent(o.jurisdiction)), ST_YMax(ST_Extent(o.jurisdiction))) end,
      'features', coalesce(json_agg(json_build_object(
        'type', 'Feature',
        'id', o.id,
        'properties', json_build_object('id', o.id, 'name', o.name, 'type', o.type, 'country', o.country),
        'geometry', ST_AsGeoJSON(o.jurisdiction, 6)::json) order by o.name), '[]'::json)
    ))::text as collection
    from organizations o
    where o.jurisdiction is not null`.execute(db);
  return rows[0]!.collection;
}

export type JurisdictionRow = { id: string; name: string; type: OrgType; country: string; geometry: string };
