/** [west, south, east, north] in WGS 84 degrees. */
export type Extent = readonly [number, number, number, number];

/** Latin America and the Caribbean, from Baja California to Tierra del Fuego. */
export const LATIN_AMERICA: Extent = [-118, -56, -34, 33];

/** The map panel the view is fitted to (CSS pixels) and MapLibre's tile size. */
const VIEWPORT = { width: 960, height: 600 };
const TILE_SIZE = 512;
const MIN_ZOOM = 1;
const MAX_ZOOM = 16;

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * Math.PI) / 360));
const latitudeOf = (y: number) => (Math.atan(Math.exp(y)) * 360) / Math.PI - 90;

/**
 * Centre ([longitude, latitude]) and zoom that show the whole extent in a typical map panel
 * (Web Mercator, as MapLibre draws it), zoom rounded down to a tenth.
 */
export function fitExtent([west, south, east, north]: Extent): { center: [number, number]; zoom: number } {
  const [yMin, yMax] = [mercatorY(south), mercatorY(north)];
  const world = (pixels: number) => pixels / TILE_SIZE;
  const zoomX = Math.log2((world(VIEWPORT.width) * 360) / Math.max(east - west, 1e-6));
  const zoomY = Math.log2((world(VIEWPORT.height) * 2 * Math.PI) / Math.max(yMax - yMin, 1e-6));
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.floor(Math.min(zoomX, zoomY) * 10) / 10));
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return { center: [round((west + east) / 2), round(latitudeOf((yMin + yMax) / 2))], zoom };
}
