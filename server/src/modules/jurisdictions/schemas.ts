import { z } from 'zod';
import { ORG_TYPES } from '../../platform/db/schema.ts';
import { MultiPolygonGeometry } from '../../platform/http/geojson.ts';

/** What a jurisdiction feature says about its organisation (GeoJSON properties and tile tags). */
export const JurisdictionProperties = z
  .object({ id: z.uuid(), name: z.string(), type: z.enum(ORG_TYPES), country: z.string() })
  .meta({ id: 'JurisdictionProperties' });

export const JurisdictionCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    bbox: z.array(z.number()).length(4).optional().describe('[west, south, east, north] of all jurisdictions; absent when there are none.'),
    features: z.array(z.object({ type: z.literal('Feature'), id: z.uuid(), properties: JurisdictionProperties, geometry: MultiPolygonGeometry })),
  })
  .meta({ id: 'JurisdictionCollection', description: 'GeoJSON (RFC 7946) FeatureCollection, WGS 84.' });
