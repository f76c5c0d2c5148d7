import type { StyleSpecification } from 'maplibre-gl';
import type { PublicConfig } from '../app/public-config.ts';

/** The app's map style: offline country outlines, optional online tiles, and the deployment's jurisdictions. */
export function baseStyle(config: PublicConfig, countries: GeoJSON.FeatureCollection): StyleSpecification {
  const online = config.map.tileUrl;
  return {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: countries, attribution: 'Natural Earth' },
      jurisdictions: {
        type: 'vector',
        tiles: [`${window.location.origin}/api/v1/tiles/jurisdictions/{z}/{x}/{y}.pbf`],
        minzoom: 0,
        maxzoom: 14,
      },
      ...(online ? { online: { type: 'raster' as const, tiles: [online], tileSize: 256, attribution: config.map.tileAttribution ?? '' } } : {}),
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#dbe7f0' } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f4f1ea' } },
      { id: 'borders', type: 'line', source: 'countries', paint: { 'line-color': '#9a9a9a', 'line-width': 0.6 } },
      ...(online ? [{ id: 'online', type: 'raster' as const, source: 'online' }] : []),
      {
        id: 'jurisdictions-fill',
        type: 'fill',
        source: 'jurisdictions',
        'source-layer': 'jurisdictions',
        paint: { 'fill-color': '#1d4ed8', 'fill-opacity': 0.12 },
      },
      {
        id: 'jurisdictions-line',
        type: 'line',
        source: 'jurisdictions',
        'source-layer': 'jurisdictions',
        paint: { 'line-color': '#1d4ed8', 'line-width': 1.5 },
      },
    ],
  };
}
