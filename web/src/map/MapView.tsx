import 'maplibre-gl/dist/maplibre-gl.css';
import maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { loadPublicConfig } from '../app/public-config.ts';
import { loadCountries } from './basemap.ts';
import { baseStyle } from './style.ts';

declare global {
  interface Window {
    /** The live map, for browser tests and debugging. */
    __alianzaMap?: maplibregl.Map;
  }
}

export type LonLat = [number, number];

export interface MapViewProps {
  /** Points to show (e.g. public reports), each with a `number` property; clicking one calls `onSelectPoint`. */
  points?: GeoJSON.FeatureCollection<GeoJSON.Point, { number: string; open: boolean }>;
  onSelectPoint?: (number: string) => void;
  /**
   * Lets the user place a pin by tapping the map (or at the map's centre, from the keyboard).
   * The position is only ever what the user chose: the device's location is never read.
   */
  pin?: { value: LonLat | null; onChange: (value: LonLat | null) => void };
  /** The map's accessible name and help line, where the defaults (public places) do not fit. */
  label?: string;
  help?: string;
}

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** MapLibre map with the offline basemap, the deployment's jurisdictions (vector tiles), and optional points or a pin. */
export default function MapView({ points, onSelectPoint, pin, label, help }: MapViewProps) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  // The latest callbacks, read by the map's handlers, which are bound once.
  const latest = useRef({ onSelectPoint, pin });
  latest.current = { onSelectPoint, pin };

  useEffect(() => {
    let map: maplibregl.Map | null = null;
    let cancelled = false;
    Promise.all([loadPublicConfig(), loadCountries()])
      .then(([config, countries]) => {
        if (cancelled || !container.current) return;
        map = new maplibregl.Map({
          container: container.current,
          style: baseStyle(config, countries),
          center: config.map.center,
          zoom: config.map.zoom,
          attributionControl: { compact: true },
        });
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
        map.on('load', () => {
          map!.addSource('points', { type: 'geojson', data: EMPTY });
          map!.addLayer({
            id: 'points',
            type: 'circle',
            source: 'points',
            paint: {
              'circle-radius': 7,
              'circle-color': ['case', ['get', 'open'], '#b45309', '#4b5563'],
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 2,
            },
          });
          setReady(true);
        });
        map.on('click', (e) => {
          const { pin: picking, onSelectPoint: select } = latest.current;
          if (picking) {
            picking.onChange([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]);
            return;
          }
          const point = map!.getLayer('points') ? map!.queryRenderedFeatures(e.point, { layers: ['points'] })[0] : undefined;
          if (point && select) {
            select(String(point.properties?.number));
            return;
          }
          const area = map!.queryRenderedFeatures(e.point, { layers: ['jurisdictions-fill'] })[0];
          setSelected((area?.properties as { name?: string } | undefined)?.name ?? null);
        });
        mapRef.current = map;
        window.__alianzaMap = map;
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      map?.remove();
      mapRef.current = null;
      delete window.__alianzaMap;
    };
  }, []);

  useEffect(() => {
    const source = ready ? (mapRef.current?.getSource('points') as maplibregl.GeoJSONSource | undefined) : undefined;
    source?.setData(points ?? EMPTY);
  }, [ready, points]);

  const pinValue = pin?.value ?? null;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    if (!pinValue) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    markerRef.current ??= new maplibregl.Marker({ color: '#b91c1c' });
    markerRef.current.setLngLat(pinValue).addTo(map);
  }, [ready, pinValue]);

  const pinAtCentre = () => {
    const centre = mapRef.current?.getCenter();
    if (centre && pin) pin.onChange([Number(centre.lng.toFixed(6)), Number(centre.lat.toFixed(6))]);
  };

  const status = failed
    ? t('map.failed')
    : pin
      ? t(pin.value ? 'placeForm.pinSet' : 'placeForm.noPin')
      : selected
        ? t('map.selected', { name: selected })
        : (help ?? t(points ? 'places.mapHelp' : 'map.help'));
  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="region" aria-label={label ?? t(pin ? 'placeForm.mapLabel' : points ? 'places.mapLabel' : 'map.label')} />
      <p role="status" className="hint">
        {status}
      </p>
      {pin && (
        <p className="actions">
          <button type="button" className="button-secondary" onClick={pinAtCentre} disabled={!ready}>
            {t('placeForm.pinAtCentre')}
          </button>
          {pin.value && (
            <button type="button" className="button-secondary" onClick={() => pin.onChange(null)}>
              {t('placeForm.clearPin')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
