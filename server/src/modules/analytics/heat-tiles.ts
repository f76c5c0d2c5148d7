import sharp from 'sharp';
import type { TileCoords } from '../../platform/tiles/tile-coords.ts';
import type { RasterForTiles } from './job.ts';
import { HEAT_FLOOR, heatColour } from './heat-scale.ts';
import { projector } from './projection.ts';

/** Raster tiles are drawn 256 px wide (MapLibre raster sources default to 256). */
export const HEAT_TILE_PIXELS = 256;
/** Control points per tile side; between them the projected position is interpolated (error ≪ 1 px). */
const CONTROL = 16;

/** Web Mercator: longitude and latitude of a position in tile-pixel units of zoom z. */
function lonLatAt(z: number, px: number, py: number): [number, number] {
  const world = HEAT_TILE_PIXELS * 2 ** z;
  const lon = (px / world) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / world))) * 180) / Math.PI;
  return [lon, lat];
}

/** Bilinear sample of the raster at a projected position (pixel centres are the nodes); NaN outside. */
function sample(raster: RasterForTiles, x: number, y: number): number {
  const { originX, originY, cellSize, ncol, nrow } = raster.grid;
  const u = (x - originX) / cellSize - 0.5;
  const v = (y - originY) / cellSize - 0.5;
  if (!(u >= -0.5 && v >= -0.5 && u <= ncol - 0.5 && v <= nrow - 0.5)) return Number.NaN;
  const c0 = Math.max(0, Math.min(ncol - 1, Math.floor(u)));
  const r0 = Math.max(0, Math.min(nrow - 1, Math.floor(v)));
  const c1 = Math.min(ncol - 1, c0 + 1);
  const r1 = Math.min(nrow - 1, r0 + 1);
  const fu = Math.max(0, Math.min(1, u - c0));
  const fv = Math.max(0, Math.min(1, v - r0));
  const at = (r: number, c: number) => raster.values[r * ncol + c]!;
  return (at(r0, c0) * (1 - fu) + at(r0, c1) * fu) * (1 - fv) + (at(r1, c0) * (1 - fu) + at(r1, c1) * fu) * fv;
}

let emptyTile: Promise<Buffer> | null = null;
const encode = (rgba: Uint8Array) => sharp(rgba, { raw: { width: HEAT_TILE_PIXELS, height: HEAT_TILE_PIXELS, channels: 4 } }).png({ compressionLevel: 6 }).toBuffer();

/**
 * A PNG tile (XYZ, Web Mercator) of a KDE raster computed in its UTM zone: each tile pixel's
 * centre is taken to UTM (exactly at a 17 × 17 set of control points, bilinearly between
 * them), the density sampled bilinearly and coloured on the ramp. Outside the raster, and
 * below HEAT_FLOOR of the scale, pixels are transparent.
 */
export async function renderHeatTile(raster: RasterForTiles, tile: TileCoords): Promise<Buffer> {
  const p = projector({ proj4: raster.proj4 });
  const side = CONTROL + 1;
  const cx = new Float64Array(side * side);
  const cy = new Float64Array(side * side);
  const step = HEAT_TILE_PIXELS / CONTROL;
  for (let j = 0; j < side; j++) {
    for (let i = 0; i < side; i++) {
      const [lon, lat] = lonLatAt(tile.z, tile.x * HEAT_TILE_PIXELS + i * step, tile.y * HEAT_TILE_PIXELS + j * step);
      [cx[j * side + i], cy[j * side + i]] = p.forward(lon, lat);
    }
  }
  const rgba = new Uint8Array(HEAT_TILE_PIXELS * HEAT_TILE_PIXELS * 4);
  let drawn = false;
  for (let py = 0; py < HEAT_TILE_PIXELS; py++) {
    const gy = (py + 0.5) / step;
    const j = Math.min(CONTROL - 1, Math.floor(gy));
    const fy = gy - j;
    for (let px = 0; px < HEAT_TILE_PIXELS; px++) {
      const gx = (px + 0.5) / step;
      const i = Math.min(CONTROL - 1, Math.floor(gx));
      const fx = gx - i;
      const k = j * side + i;
      const lerp = (a: Float64Array) => (a[k]! * (1 - fx) + a[k + 1]! * fx) * (1 - fy) + (a[k + side]! * (1 - fx) + a[k + side + 1]! * fx) * fy;
      const t = sample(raster, lerp(cx), lerp(cy)) / raster.scaleMax;
      if (!(t >= HEAT_FLOOR)) continue;
      const [r, g, b, a] = heatColour(t);
      const o = (py * HEAT_TILE_PIXELS + px) * 4;
      rgba[o] = r;
      rgba[o + 1] = g;
      rgba[o + 2] = b;
      rgba[o + 3] = a;
      drawn = true;
    }
  }
  if (!drawn) return (emptyTile ??= encode(rgba));
  return encode(rgba);
}
