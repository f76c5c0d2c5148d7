import { z } from 'zod';

/** GeoJSON (RFC 7946) polygons in WGS 84: [longitude, latitude], rings closed, at least 4 positions. */
const Position = z
  .array(z.number())
  .min(2)
  .max(3)
  .superRefine((p, ctx) => {
    if (Math.abs(p[0]!) > 180) ctx.addIssue({ code: 'custom', message: 'geojson.longitude' });
    if (Math.abs(p[1]!) > 90) ctx.addIssue({ code: 'custom', message: 'geojson.latitude' });
  });

const LinearRing = z
  .array(Position)
  .min(4)
  .refine((ring) => ring.length < 4 || (ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]), {
    message: 'geojson.ring_not_closed',
  });

const PolygonCoordinates = z.array(LinearRing).min(1).max(1000);

export const PolygonalGeometry = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1).max(10_000) }),
  ])
  .meta({ id: 'PolygonalGeometry', description: 'GeoJSON Polygon or MultiPolygon (RFC 7946), WGS 84 longitude/latitude.' });
export type PolygonalGeometry = z.infer<typeof PolygonalGeometry>;

export const MultiPolygonGeometry = z
  .object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(z.array(z.number())))) })
  .meta({ id: 'MultiPolygon' });

const LineCoordinates = z.array(Position).min(2).max(100_000);

/**
 * A place a record is about: a point, a route (line) or an area (polygon), GeoJSON (RFC 7946)
 * in WGS 84 longitude/latitude.
 */
export const PlaceGeometry = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: Position }),
    z.object({ type: z.literal('LineString'), coordinates: LineCoordinates }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(LineCoordinates).min(1).max(1000) }),
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1).max(10_000) }),
  ])
  .meta({ id: 'PlaceGeometry', description: 'GeoJSON Point, LineString, MultiLineString, Polygon or MultiPolygon (RFC 7946), WGS 84 longitude/latitude.' });
export type PlaceGeometry = z.infer<typeof PlaceGeometry>;
