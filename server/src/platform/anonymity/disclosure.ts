/**
 * Disclosure control for public outputs: locations are snapped to a grid so that a pin at
 * someone's door shows only the block, and small counts are withheld so that an aggregate
 * never singles out a few people.
 */

const METRES_PER_DEGREE = 111_320;

/** Counts below this are published as "fewer than 5" (null), never as the number. */
export const MIN_PUBLIC_COUNT = 5;

export const publicCount = (count: number): number | null => (count < MIN_PUBLIC_COUNT ? null : count);

export interface LonLat {
  lon: number;
  lat: number;
}

const roundTo = (value: number, decimals: number) => Number(value.toFixed(decimals));

/**
 * The centre of the grid cell (about `cellMetres` on each side) that holds the point. Every
 * point of a cell gives the same answer, so the exact position cannot be recovered from it;
 * the answer is at most about 0.71 × cellMetres from the point.
 */
export function roundLocation(point: LonLat, cellMetres: number): LonLat {
  const latStep = cellMetres / METRES_PER_DEGREE;
  const lat = Math.max(-90, Math.min(90, (Math.floor(point.lat / latStep) + 0.5) * latStep));
  // Longitude cells narrow towards the poles; the band's own latitude sets their width, so
  // all points of a band share one grid.
  const cos = Math.max(Math.cos((lat * Math.PI) / 180), 1e-6);
  const lonStep = Math.min(360, cellMetres / (METRES_PER_DEGREE * cos));
  const lon = (Math.floor((point.lon + 180) / lonStep) + 0.5) * lonStep - 180;
  return { lon: roundTo(Math.max(-180, Math.min(180, lon)), 6), lat: roundTo(lat, 6) };
}
