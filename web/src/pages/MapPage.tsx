import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

// MapLibre is loaded only on pages that show a map, keeping the public pages light.
const MapView = lazy(() => import('../map/MapView.tsx'));

export function MapPage() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="map-title">
      <h1 id="map-title">{t('map.title')}</h1>
      <p>{t('map.intro')}</p>
      <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
        <MapView />
      </Suspense>
    </section>
  );
}
