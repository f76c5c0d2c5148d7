// vt-pbf 3 ships no types; this is the part of its API Alianza uses.
declare module 'vt-pbf' {
  import type { Tile } from 'geojson-vt';

  /** Encodes geojson-vt tiles, one per layer name, as a Mapbox Vector Tile (protobuf). */
  export function fromGeojsonVt(layers: Record<string, Tile>, options?: { version?: 1 | 2; extent?: number }): Uint8Array;
}
