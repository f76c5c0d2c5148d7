import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client.ts';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ErrorNotice } from '../../ui/controls.tsx';
import { useLoad } from '../../ui/use-load.ts';

// MapLibre stays in its own chunk, loaded only with the map.
const MapView = lazy(() => import('../../map/MapView.tsx'));

type Status = '' | 'open' | 'closed';

/** Public map and list of unsafe-place reports, with their status; filters by category and open/closed. */
export function PlacesPage() {
  const { t, locale, formatDate } = useI18n();
  const navigate = useNavigate();
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState<Status>('');
  const categories = useLoad(() => call(api.GET('/api/v1/unsafe-places/categories')), [locale]);
  const places = useLoad(
    () => call(api.GET('/api/v1/unsafe-places', { params: { query: { ...(category ? { category } : {}), ...(status ? { status } : {}) } } })),
    [locale, category, status],
  );
  const items = places.data?.items ?? [];
  const points = useMemo(
    () => ({
      type: 'FeatureCollection' as const,
      features: items.flatMap((p) =>
        p.location ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.location.lon, p.location.lat] }, properties: { number: p.number, open: p.open } }] : [],
      ),
    }),
    [items],
  );

  return (
    <section aria-labelledby="places-title">
      <div className="page-head">
        <h1 id="places-title">{t('places.title')}</h1>
        <Link className="button" to="/places/report">
          {t('places.report')}
        </Link>
      </div>
      <p>{t('places.intro')}</p>
      <div className="filters">
        <label>
          {t('places.category')}{' '}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('places.anyCategory')}</option>
            {categories.data?.items.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('places.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="">{t('places.anyStatus')}</option>
            <option value="open">{t('places.open')}</option>
            <option value="closed">{t('places.closed')}</option>
          </select>
        </label>
      </div>
      <Suspense fallback={<p className="loading">{t('status.loading')}</p>}>
        <MapView points={points} onSelectPoint={(number) => void navigate(`/places/${number}`)} />
      </Suspense>
      <ErrorNotice error={places.error} onRetry={places.reload} />
      <p role="status">{places.loading ? t('status.loading') : t('places.count', { count: items.length })}</p>
      {!places.loading && items.length === 0 && <p>{t('places.empty')}</p>}
      <ul className="record-list places">
        {items.map((p) => (
          <li key={p.number}>
            <Link to={`/places/${p.number}`}>{t('places.number', { number: p.number })}</Link>
            <span>{p.categoryName}</span>
            <span className={`place-status ${p.open ? 'is-open' : 'is-closed'}`}>{t(`tipStatus.${p.status}` as MessageKey)}</span>
            <span className="hint">{formatDate(p.receivedHour, 'date')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
