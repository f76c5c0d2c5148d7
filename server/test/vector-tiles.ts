import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';

/** Decodes a Mapbox Vector Tile into layers of {properties, geometry type, version}. */
export function decodeTile(bytes: Uint8Array | Buffer) {
  const tile = new VectorTile(new Pbf(new Uint8Array(bytes)));
  return Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => [
      name,
      {
        version: layer.version,
        extent: layer.extent,
        features: Array.from({ length: layer.length }, (_, i) => {
          const feature = layer.feature(i);
          return { properties: feature.properties, type: feature.type, feature };
        }),
      },
    ]),
  );
}

/** The tile containing a WGS 84 point at zoom z (XYZ scheme). */
export function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}
