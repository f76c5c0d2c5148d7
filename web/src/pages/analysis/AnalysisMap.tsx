import 'maplibre-gl/dist/maplibre-gl.css';
import maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { loadPublicConfig } from '../../app/public-config.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { loadCountries } from '../../map/basemap.ts';
import { baseStyle } from '../../map/style.ts';
import { downloadDataUrl } from './download.ts';
import { drawResult } from './map-layers.ts';
import type { AnalysisResult, Run } from './use-analysis-run.ts';

/**
 * The app's map with a spatial result drawn over it: counts as a choropleth, Gi* classes or
 * Moran clusters, or the KDE heat tiles and contours. The drawing buffer is kept so the map
 * can be saved as a PNG.
 */
export default function AnalysisMap({ run, result, fileName }: { run: Run; result: AnalysisResult; fileName: string }) {
  const { t } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let created: maplibregl.Map | null = null;
    let cancelled = false;
    Promise.all([loadPublicConfig(), loadCountries()])
      .then(([config, countries]) => {
        if (cancelled || !container.current) return;
        created = new maplibregl.Map({
          container: container.current,
          style: baseStyle(config, countries),
          center: config.map.center,
          zoom: config.map.zoom,
          attributionControl: { compact: true },
          canvasContextAttributes: { preserveDrawingBuffer: true },
        });
        created.addControl(new maplibregl.NavigationControl({ showCompass: false }));
        created.on('load', () => setMap(created));
        window.__alianzaMap = created;
      })
      .catch(() => setFailed(true));
    return () => {
      cancelled = true;
      created?.remove();
      delete window.__alianzaMap;
    };
  }, []);

  useEffect(() => {
    if (!map) return;
    const box = drawResult(map, run, result);
    if (box) map.fitBounds(box, { padding: 24, animate: false, maxZoom: 15 });
  }, [map, run, result]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="region" aria-label={t('analysis.mapLabel')} />
      {failed && <p role="status" className="hint">{t('map.failed')}</p>}
      <p className="actions">
        <button type="button" className="button-secondary" disabled={!map} onClick={() => map && downloadDataUrl(map.getCanvas().toDataURL('image/png'), `${fileName}.png`)}>
          {t('analysis.export.mapPng')}
        </button>
      </p>
    </div>
  );
}
