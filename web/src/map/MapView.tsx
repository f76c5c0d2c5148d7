import 'maplibre-gl/dist/maplibre-gl.css';
import maplibregl, { type StyleSpecification } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { loadPublicConfig, type PublicConfig } from '../app/public-config.ts';
import { loadCountries } from './basemap.ts';

declare global {
  interface Window {
    /** The live map, for browser tests and debugging. */
    __alianzaMap?: maplibregl.Map;
  }
}

function style(config: PublicConfig, countries: GeoJSON.FeatureCollection): StyleSpecification {
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

/** MapLibre map with the offline basemap and the deployment's jurisdictions (vector tiles). */
export default function MapView() {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let map: maplibregl.Map | null = null;
    let cancelled = false;
    Promise.all([loadPublicConfig(), loadCountries()])
      .then(([config, countries]) => {
        if (cancelled || !container.current) return;
        map = new maplibregl.Map({
          container: container.current,
          style: style(config, countries),
          center: config.map.center,
          zoom: config.map.zoom,
          attributionControl: { compact: true },
        });
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
        map.on('click', 'jurisdictions-fill', (e) => {
          const props = e.features?.[0]?.properties as { name?: string } | undefined;
          setSelected(props?.name ?? null);
        });
        window.__alianzaMap = map;
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      map?.remove();
      delete window.__alianzaMap;
    };
  }, []);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="region" aria-label={t('map.label')} />
      <p role="status" className="hint">
        {failed ? t('map.failed') : selected ? t('map.selected', { name: selected }) : t('map.help')}
      </p>
    </div>
  );
}
