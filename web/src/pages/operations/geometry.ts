import type { components } from '../../api/schema.ts';
import type { LonLat } from '../../map/MapView.tsx';

type PlaceGeometry = components['schemas']['PlaceGeometry'];

/** A point to plot for a place: the point itself, a route's middle vertex, an area's mean vertex. */
export function representativePoint(geometry: PlaceGeometry): LonLat {
  const mean = (ring: number[][]) => {
    const vertices = ring.length > 1 ? ring.slice(0, -1) : ring; // a ring repeats its first vertex
    const sum = vertices.reduce((acc, c) => [acc[0]! + c[0]!, acc[1]! + c[1]!], [0, 0]);
    return [sum[0]! / vertices.length, sum[1]! / vertices.length] as LonLat;
  };
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0]!, geometry.coordinates[1]!];
    case 'LineString':
      return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)] as LonLat;
    case 'MultiLineString':
      return geometry.coordinates[0]![Math.floor(geometry.coordinates[0]!.length / 2)] as LonLat;
    case 'Polygon':
      return mean(geometry.coordinates[0]!);
    case 'MultiPolygon':
      return mean(geometry.coordinates[0]![0]!);
  }
}
