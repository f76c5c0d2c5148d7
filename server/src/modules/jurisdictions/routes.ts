import { z } from 'zod';
import { ErrorBody } from '../../platform/http/error-reply.ts';
import type { RouteModule } from '../../platform/http/context.ts';
import { VECTOR_TILE_TYPE } from '../../platform/tiles/encode-tile.ts';
import { TileParams } from '../../platform/tiles/tile-coords.ts';
import { JurisdictionCollection } from './schemas.ts';
import * as service from './service.ts';

const tags = ['map'];
/** Public data that changes rarely: shared caches may keep it for a minute. */
const CACHE = 'public, max-age=60';

export const jurisdictionRoutes: RouteModule = (app, ctx) => {
  app.get(
    '/api/v1/tiles/jurisdictions/:z/:x/:y.pbf',
    {
      schema: {
        tags,
        summary: `Jurisdictions as a Mapbox Vector Tile 2.1 (${VECTOR_TILE_TYPE}), layer "jurisdictions" with id, name, type, country; public`,
        params: TileParams,
        response: { 200: z.custom<Buffer>().meta({ type: 'string', format: 'binary' }), 400: ErrorBody },
      },
    },
    async (request, reply) => {
      const tile = await service.jurisdictionTile(ctx, request.actor, request.params);
      return reply.type(VECTOR_TILE_TYPE).header('cache-control', CACHE).send(tile);
    },
  );
  app.get(
    '/api/v1/jurisdictions.geojson',
    { schema: { tags, summary: 'Every jurisdiction as a GeoJSON FeatureCollection (application/geo+json); public', response: { 200: JurisdictionCollection } } },
    async (request, reply) => {
      const collection = await service.jurisdictionsGeoJson(ctx, request.actor);
      // Already JSON text (built by the database); Fastify sends strings as they are.
      return reply.type('application/geo+json').header('cache-control', CACHE).send(collection as never);
    },
  );
};
