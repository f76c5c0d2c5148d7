// The fixed, reproducible tiles requested at each zoom.
import type { TileCoords } from '../../server/src/platform/tiles/tile-coords.ts';
import { PORTLAND_BBOX, prng, SEED } from './data.ts';

/** Wider box for the random extra tiles: the Portland–Vancouver area and its surroundings. */
const AROUND = { west: -123.6, south: 44.9, east: -121.6, north: 46.1 };
/** Downtown Portland: its tile is always measured (the densest area). */
export const DOWNTOWN = { lon: -122.6765, lat: 45.5231 };

const tileX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const tileY = (lat: number, z: number) => {
  const rad = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
};

export interface TileSet {
  zoom: number;
  tiles: TileCoords[];
  /** Tiles of the Portland bbox at this zoom (before sampling). */
  inBbox: number;
}

/**
 * The downtown tile, then the tiles of the Portland bbox (all of them, or a seeded sample of
 * `perZoom` − 1 when there are more), then `random` seeded tiles of the wider box.
 */
export function tileSet(zoom: number, perZoom: number, random: number): TileSet {
  const rnd = prng(SEED + zoom);
  const key = (t: TileCoords) => `${t.x}/${t.y}`;
  const downtown = { z: zoom, x: tileX(DOWNTOWN.lon, zoom), y: tileY(DOWNTOWN.lat, zoom) };
  const all: TileCoords[] = [];
  for (let x = tileX(PORTLAND_BBOX.west, zoom); x <= tileX(PORTLAND_BBOX.east, zoom); x++) {
    for (let y = tileY(PORTLAND_BBOX.north, zoom); y <= tileY(PORTLAND_BBOX.south, zoom); y++) all.push({ z: zoom, x, y });
  }
  const rest = all.filter((t) => key(t) !== key(downtown));
  // Fisher–Yates with the seeded PRNG, then the first perZoom − 1.
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  const chosen = [downtown, ...rest.slice(0, perZoom - 1)];
  const seen = new Set(chosen.map(key));
  for (let added = 0, tries = 0; added < random && tries < 1000; tries++) {
    const lon = AROUND.west + rnd() * (AROUND.east - AROUND.west);
    const lat = AROUND.south + rnd() * (AROUND.north - AROUND.south);
    const t = { z: zoom, x: tileX(lon, zoom), y: tileY(lat, zoom) };
    if (seen.has(key(t))) continue; // at low zooms the box holds few tiles: fewer extras
    seen.add(key(t));
    chosen.push(t);
    added++;
  }
  return { zoom, tiles: chosen, inBbox: all.length };
}
