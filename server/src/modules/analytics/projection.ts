import proj4 from 'proj4';
import type { Extent } from '../../../../analytics/src/index.ts';
import { invalidField } from '../../platform/errors/app-error.ts';
import type { Projection } from './schemas.ts';

/** A box in WGS 84 degrees. */
export interface LonLatBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

const UTM_K0 = 0.9996;
/** Beyond this relative scale error, metres on the map stop being metres on the ground. */
export const MAX_SCALE_ERROR = 0.01;

/**
 * The local projected CRS in which cell sizes, bandwidths and distances are metres: WGS 84 /
 * UTM, the zone of the centre of the study area (EPSG 326zz north of the equator, 327zz
 * south; the standard 6° zones, without the Norway and Svalbard exceptions). Why UTM rather
 * than a projection centred on each selection: the same zone serves every selection around a
 * city, so grid cells (origin snapped to multiples of the cell size) are the same cells
 * whatever the filters, and maps of two periods or two categories compare cell by cell; the
 * CRS has an EPSG code any GIS reproduces; and within a zone the scale error is at most
 * about 0.1 %. Selections far wider than a zone are refused (scale error over 1 %).
 */
export function utmProjectionFor(box: LonLatBox, field: string): Projection {
  if (box.minLat < -80 || box.maxLat > 84) throw invalidField(field, 'analytics.outside_utm');
  const centreLon = (box.minLon + box.maxLon) / 2;
  const centreLat = (box.minLat + box.maxLat) / 2;
  const zone = Math.min(60, Math.floor((centreLon + 180) / 6) + 1);
  const south = centreLat < 0;
  const epsg = (south ? 32700 : 32600) + zone;
  const maxScaleError = utmScaleErrorOver(box, zone);
  if (maxScaleError > MAX_SCALE_ERROR) throw invalidField(field, 'analytics.extent_too_wide', { percent: (maxScaleError * 100).toFixed(1) });
  return {
    epsg,
    name: `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`,
    proj4: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
    maxScaleError,
  };
}

/**
 * Largest |k − 1| over the box, k the point scale factor of the transverse Mercator (on the
 * sphere, k = k0 / sqrt(1 − B²), B = cos φ · sin(λ − λ0); Snyder 1987, eq. 8-1: within 1e-5
 * of the ellipsoidal value at these distances). k grows away from the central meridian and
 * towards the equator, so the extremes are on the box's edges or on the meridian itself.
 */
function utmScaleErrorOver(box: LonLatBox, zone: number): number {
  const centralMeridian = -183 + 6 * zone;
  const rad = Math.PI / 180;
  const scale = (lon: number, lat: number) => {
    const b = Math.cos(lat * rad) * Math.sin((lon - centralMeridian) * rad);
    return UTM_K0 / Math.sqrt(1 - b * b);
  };
  let worst = 0;
  const steps = 8;
  for (let i = 0; i <= steps; i++) {
    const lat = box.minLat + ((box.maxLat - box.minLat) * i) / steps;
    const lons = [box.minLon, box.maxLon];
    if (box.minLon < centralMeridian && centralMeridian < box.maxLon) lons.push(centralMeridian);
    for (const lon of lons) worst = Math.max(worst, Math.abs(scale(lon, lat) - 1));
  }
  return worst;
}

export interface Projector {
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

export function projector(projection: Pick<Projection, 'proj4'>): Projector {
  const converter = proj4('WGS84', projection.proj4);
  return {
    forward: (lon, lat) => converter.forward([lon, lat]) as [number, number],
    inverse: (x, y) => converter.inverse([x, y]) as [number, number],
  };
}

/** Projected extent of a lon/lat box, from points along its edges (the image of a box is bounded by the image of its edges). */
export function projectedBoxExtent(p: Projector, box: LonLatBox): Extent {
  const positions: number[][] = [];
  const steps = 16;
  for (let i = 0; i <= steps; i++) {
    const lon = box.minLon + ((box.maxLon - box.minLon) * i) / steps;
    const lat = box.minLat + ((box.maxLat - box.minLat) * i) / steps;
    positions.push([lon, box.minLat], [lon, box.maxLat], [box.minLon, lat], [box.maxLon, lat]);
  }
  return projectedExtent(p, positions);
}

export function projectedExtent(p: Projector, positions: Iterable<readonly number[]>): Extent {
  const extent = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const position of positions) {
    const [x, y] = p.forward(position[0]!, position[1]!);
    extent.minX = Math.min(extent.minX, x);
    extent.minY = Math.min(extent.minY, y);
    extent.maxX = Math.max(extent.maxX, x);
    extent.maxY = Math.max(extent.maxY, y);
  }
  return extent;
}
