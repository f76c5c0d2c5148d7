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
