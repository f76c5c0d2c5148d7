import type maplibregl from 'maplibre-gl';
import type { ExpressionSpecification } from 'maplibre-gl';
import { CLUSTER_COLOURS, COUNT_RAMP, countBreaks, HOTSPOT_COLOURS } from './map-colours.ts';
import { asCounts, asHotspots, asKde } from './result-types.ts';
import type { AnalysisResult, Run } from './use-analysis-run.ts';

const LAYERS = ['analysis-fill', 'analysis-line', 'analysis-heat', 'analysis-contours'];
const SOURCES = ['analysis', 'analysis-heat'];

function fillColour(result: AnalysisResult): ExpressionSpecification | string {
  const hotspots = asHotspots(result);
  if (hotspots?.statistic === 'gistar') {
    return ['match', ['coalesce', ['get', 'class'], 0], ...Object.entries(HOTSPOT_COLOURS).flatMap(([k, c]) => [Number(k), c]), HOTSPOT_COLOURS[0]!] as unknown as ExpressionSpecification;
  }
  if (hotspots) return ['match', ['coalesce', ['get', 'cluster'], ''], ...Object.entries(CLUSTER_COLOURS).flat(), HOTSPOT_COLOURS[0]!] as unknown as ExpressionSpecification;
  const counts = asCounts(result)!;
  const breaks = countBreaks(counts.cells.features.map((f) => f.properties.count));
  return ['step', ['get', 'count'], COUNT_RAMP[0]!, ...breaks.slice(1).flatMap((b, i) => [b, COUNT_RAMP[i + 1]!])] as unknown as ExpressionSpecification;
}

function fillOpacity(result: AnalysisResult): ExpressionSpecification | number {
  if (result.statistic === 'gistar') return ['case', ['==', ['coalesce', ['get', 'class'], 0], 0], 0.2, 0.8];
  if (result.statistic === 'moran') return ['case', ['==', ['get', 'cluster'], null], 0.2, 0.8];
  return 0.75;
}

/** Removes the previous analysis from the map and draws this one; returns its extent when known. */
export function drawResult(map: maplibregl.Map, run: Run, result: AnalysisResult): [number, number, number, number] | null {
  for (const id of LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  for (const id of SOURCES) if (map.getSource(id)) map.removeSource(id);
  const kde = asKde(result);
  if (kde) {
    map.addSource('analysis-heat', { type: 'raster', tiles: [`${window.location.origin}${run.links.tiles}`], tileSize: 256, maxzoom: 18 });
    map.addLayer({ id: 'analysis-heat', type: 'raster', source: 'analysis-heat', paint: { 'raster-opacity': 0.8 } });
    map.addSource('analysis', { type: 'geojson', data: kde.contours as GeoJSON.FeatureCollection });
    map.addLayer({ id: 'analysis-contours', type: 'line', source: 'analysis', paint: { 'line-color': '#3f0d12', 'line-width': ['interpolate', ['linear'], ['get', 'mass'], 0.5, 2.5, 0.9, 1] } });
    return extent(kde.contours.features);
  }
  const features = asHotspots(result)?.features ?? asCounts(result)!.cells;
  map.addSource('analysis', { type: 'geojson', data: features as GeoJSON.FeatureCollection });
  map.addLayer({ id: 'analysis-fill', type: 'fill', source: 'analysis', paint: { 'fill-color': fillColour(result), 'fill-opacity': fillOpacity(result) } });
  map.addLayer({ id: 'analysis-line', type: 'line', source: 'analysis', paint: { 'line-color': '#6b7280', 'line-width': 0.3 } });
  return extent(features.features);
}

/** [west, south, east, north] of the features' coordinates. */
function extent(features: readonly { geometry: { coordinates: unknown[] } }[]): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1] as number);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1] as number);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of features) walk(f.geometry.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}
